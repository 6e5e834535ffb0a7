// Explicit instantiation of the broken encoders for double (see broken_list.hpp).
#include "broken_list.hpp"

namespace posprop::meta {
#define POSPROP_META_INSTANTIATE(Class) template class Class<double>;
POSPROP_FOR_EACH_BROKEN(POSPROP_META_INSTANTIATE)
}  // namespace posprop::meta
