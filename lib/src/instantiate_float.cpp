// Explicit instantiation of every encoder for one scalar type (one type per translation unit
// keeps compile time and memory bounded; see toolchain-pitfalls.md).
#include "posprop/encoders/composed.hpp"
#include "posprop/encoders/learned.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/encoders/rope_basis.hpp"
#include "posprop/encoders/schemes.hpp"
#include "posprop/encoders/sinusoidal.hpp"
#include "posprop/encoders/xpos.hpp"

namespace posprop {
template class Encoder<float>;
template class Rope<float>;
template class RopeBasis<float>;
template class Sinusoidal<float>;
template class Learned<float>;
template class SchemeA<float>;
template class SchemeB<float>;
template class XPos<float>;
template class RopeThenLinear<float>;
template class RopeThenOrthogonal<float>;
template class OrthogonalPower<float>;
template class RopeScaled<float>;
}  // namespace posprop
