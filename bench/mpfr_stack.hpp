// MPFR with the limbs stored inside the number (Boost's allocate_stack) instead of on the heap:
// the ladder's Hp50 / Hp100 allocate every temporary (mpfr_init2 -> malloc, mpfr_clear -> free),
// which perf shows as a large share of a property case. These types exist only in bench/, to
// measure what switching the ladder would gain (bench/README.md, "multiprecision").
#pragma once

#include "posprop/scalar.hpp"

namespace posprop {

template <unsigned Digits10>
using MpfrStack = boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<Digits10, boost::multiprecision::allocate_stack>,
    boost::multiprecision::et_off>;
using Hp50Stack = MpfrStack<50>;
using Hp100Stack = MpfrStack<100>;

template <>
inline const char* scalar_name<Hp50Stack>() { return "hp50stack"; }
template <>
inline const char* scalar_name<Hp100Stack>() { return "hp100stack"; }

}  // namespace posprop

namespace Eigen {

template <unsigned Digits10>
struct NumTraits<posprop::MpfrStack<Digits10>> : GenericNumTraits<posprop::MpfrStack<Digits10>> {
  using Self = posprop::MpfrStack<Digits10>;
  using Real = Self;
  using NonInteger = Self;
  using Literal = Self;
  using Nested = Self;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = HugeCost,
    AddCost = HugeCost,
    MulCost = HugeCost
  };
  static Real epsilon() { return std::numeric_limits<Self>::epsilon(); }
  static Real dummy_precision() { return 1000 * epsilon(); }
  static Real highest() { return (std::numeric_limits<Self>::max)(); }
  static Real lowest() { return -(std::numeric_limits<Self>::max)(); }
  static int digits10() { return std::numeric_limits<Self>::digits10; }
  static int digits() { return std::numeric_limits<Self>::digits; }
  static int min_exponent() { return std::numeric_limits<Self>::min_exponent; }
  static int max_exponent() { return std::numeric_limits<Self>::max_exponent; }
  static Real infinity() { return std::numeric_limits<Self>::infinity(); }
  static Real quiet_NaN() { return std::numeric_limits<Self>::quiet_NaN(); }
};

}  // namespace Eigen
