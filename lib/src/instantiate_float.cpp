// Explicit instantiation of every encoder for float (see encoder_list.hpp).
#include "encoder_list.hpp"

namespace posprop {
#define POSPROP_INSTANTIATE(Class) template class Class<float>;
POSPROP_FOR_EACH_ENCODER(POSPROP_INSTANTIATE)
}  // namespace posprop
