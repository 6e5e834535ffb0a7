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
template class Encoder<Interval>;
template class Rope<Interval>;
template class RopeBasis<Interval>;
template class Sinusoidal<Interval>;
template class Learned<Interval>;
template class SchemeA<Interval>;
template class SchemeB<Interval>;
template class XPos<Interval>;
template class RopeThenLinear<Interval>;
template class RopeThenOrthogonal<Interval>;
template class OrthogonalPower<Interval>;
template class RopeScaled<Interval>;
}  // namespace posprop
