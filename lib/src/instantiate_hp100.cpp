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
template class Encoder<Hp100>;
template class Rope<Hp100>;
template class RopeBasis<Hp100>;
template class Sinusoidal<Hp100>;
template class Learned<Hp100>;
template class SchemeA<Hp100>;
template class SchemeB<Hp100>;
template class XPos<Hp100>;
template class RopeThenLinear<Hp100>;
template class RopeThenOrthogonal<Hp100>;
template class OrthogonalPower<Hp100>;
template class RopeScaled<Hp100>;
}  // namespace posprop
