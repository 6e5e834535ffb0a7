// Explicit instantiation of the broken encoders for Hp100 (see broken_list.hpp).
#include "broken_list.hpp"

namespace posprop::meta {
#define POSPROP_META_INSTANTIATE(Class) template class Class<Hp100>;
POSPROP_FOR_EACH_BROKEN(POSPROP_META_INSTANTIATE)
}  // namespace posprop::meta
