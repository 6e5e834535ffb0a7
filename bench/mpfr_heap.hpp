// MPFR with heap-allocated limbs (Boost's default allocate_dynamic): what the ladder's Hp50 /
// Hp100 used before they switched to allocate_stack (scalar.hpp). Kept in bench/ only, to show
// what that switch buys (bench/README.md, "multiprecision").
#pragma once

#include "posprop/scalar.hpp"

namespace posprop {

using Hp50Heap = Mpfr<50>;
using Hp100Heap = Mpfr<100>;

template <>
inline const char* scalar_name<Hp50Heap>() {
  return "hp50heap";
}
template <>
inline const char* scalar_name<Hp100Heap>() {
  return "hp100heap";
}

}  // namespace posprop
