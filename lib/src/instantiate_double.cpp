// Explicit instantiation of every encoder for double (see encoder_list.hpp).
#include "encoder_list.hpp"

namespace posprop {
#define POSPROP_INSTANTIATE(Class) template class Class<double>;
POSPROP_FOR_EACH_ENCODER(POSPROP_INSTANTIATE)
}  // namespace posprop
