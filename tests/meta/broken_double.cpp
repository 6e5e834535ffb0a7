// Explicit instantiation of the broken encoders for one scalar type (one type per translation
// unit keeps compile time bounded; see toolchain-pitfalls.md).
#include "broken_encoders.hpp"

#define POSPROP_META_INSTANTIATE(Class) template class Class<double>

namespace posprop::meta {
POSPROP_META_INSTANTIATE(BlockRope);
POSPROP_META_INSTANTIATE(RopeWrongSign);
POSPROP_META_INSTANTIATE(RopeMixedConvention);
POSPROP_META_INSTANTIATE(RopeLayoutIgnored);
POSPROP_META_INSTANTIATE(RopeStrayScale);
POSPROP_META_INSTANTIATE(RopePartialRotatesTail);
POSPROP_META_INSTANTIATE(RopeExponentI);
POSPROP_META_INSTANTIATE(RopePartialHeadDimFreqs);
POSPROP_META_INSTANTIATE(RopeFloatAngles);
POSPROP_META_INSTANTIATE(RopeFastPathInverse);
POSPROP_META_INSTANTIATE(RopeMatrixTransposed);
POSPROP_META_INSTANTIATE(SinusoidalSwapped);
POSPROP_META_INSTANTIATE(SinusoidalFloatAngles);
POSPROP_META_INSTANTIATE(SchemeAQuadrature);
}  // namespace posprop::meta
