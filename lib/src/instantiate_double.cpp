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
template class Encoder<double>;
template class Rope<double>;
template class RopeBasis<double>;
template class Sinusoidal<double>;
template class Learned<double>;
template class SchemeA<double>;
template class SchemeB<double>;
template class XPos<double>;
template class RopeThenLinear<double>;
template class RopeThenOrthogonal<double>;
template class OrthogonalPower<double>;
template class RopeScaled<double>;
}  // namespace posprop
