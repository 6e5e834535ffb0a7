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
template class Encoder<Hp50>;
template class Rope<Hp50>;
template class RopeBasis<Hp50>;
template class Sinusoidal<Hp50>;
template class Learned<Hp50>;
template class SchemeA<Hp50>;
template class SchemeB<Hp50>;
template class XPos<Hp50>;
template class RopeThenLinear<Hp50>;
template class RopeThenOrthogonal<Hp50>;
template class OrthogonalPower<Hp50>;
template class RopeScaled<Hp50>;
}  // namespace posprop
