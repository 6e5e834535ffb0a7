// The scalar ladder: float, double, Hp50, Hp100 (Boost.Multiprecision over MPFR, expression
// templates off), plus the traits the suite needs: unit roundoff, exact-integer range, printing.
//
// Boost 1.74's boost/multiprecision/eigen.hpp predates Eigen 3.4 (no digits(), infinity(), ...;
// lowest() wrongly returns min()), so we do NOT include it and provide NumTraits ourselves.
#pragma once

#include <Eigen/Core>
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace posprop {

template <unsigned Digits10>
using Mpfr = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<Digits10>,
                                           boost::multiprecision::et_off>;
/// The ladder's rungs keep their limbs inside the number (allocate_stack): no malloc/free per
/// temporary, which bench/ measured as the largest cost of a high-precision case.
template <unsigned Digits10>
using MpfrStack = boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<Digits10, boost::multiprecision::allocate_stack>,
    boost::multiprecision::et_off>;
using Hp50 = MpfrStack<50>;
using Hp100 = MpfrStack<100>;
/// 50-digit interval arithmetic (MPFI): every operation returns an enclosure of the exact result.
/// Used by certificates: a residual whose enclosure excludes 0 is a proof of failure.
using Interval = boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<50>,
                                               boost::multiprecision::et_off>;

template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
using Index = Eigen::Index;

/// Unit roundoff u = eps / 2 of the scalar type (round to nearest).
template <class T>
double unit_roundoff() {
  return static_cast<double>(std::numeric_limits<T>::epsilon()) / 2.0;
}

/// Largest M such that every integer in [-M, M] is exactly representable in T: 2^digits.
template <class T>
double max_exact_integer() {
  return std::ldexp(1.0, std::numeric_limits<T>::digits);
}

/// Human name of a scalar type on the ladder.
template <class T>
const char* scalar_name();
template <>
inline const char* scalar_name<float>() {
  return "float";
}
template <>
inline const char* scalar_name<double>() {
  return "double";
}
template <>
inline const char* scalar_name<Hp50>() {
  return "hp50";
}
template <>
inline const char* scalar_name<Hp100>() {
  return "hp100";
}
template <>
inline const char* scalar_name<Interval>() {
  return "interval50";
}

template <class T>
double to_double(const T& x) {
  return static_cast<double>(x);
}

/// Interval comparisons that cannot be decided throw from a noexcept function in Boost 1.74
/// (std::terminate), so code that must branch on the sign of a T uses these: for intervals they
/// decide on the midpoint, a deterministic choice (callers use them only where either branch is
/// mathematically valid, e.g. the sign convention of a Householder vector).
template <class T>
bool is_negative(const T& x) {
  return x < 0;
}
inline bool is_negative(const Interval& x) {
  return boost::multiprecision::median(x) < 0;
}
template <class T>
bool is_zero(const T& x) {
  return x == 0;
}
inline bool is_zero(const Interval& x) {
  return boost::multiprecision::lower(x) == 0 && boost::multiprecision::upper(x) == 0;
}

/// For intervals, "the value as a double" is the mignitude min |x| over the enclosure, rounded
/// down: a guaranteed lower bound of |x|. Properties only convert non-negative residuals (norms,
/// absolute values), so an interval residual converts to a rigorous lower bound. An enclosure
/// that MPFI could not compute (NaN, e.g. sqrt of an enclosure reaching below 0) gives 0, the
/// lower bound that is always true: it certifies nothing, and cannot hide a certified component.
inline double to_double(const Interval& x) {
  const Interval a = abs(x);
  const double v = mpfr_get_d(boost::multiprecision::lower(a).backend().data(), MPFR_RNDD);
  return std::isnan(v) ? 0.0 : v;
}

/// max(0, x) as a double, for one-sided residuals (an excess over a bound); NaN stays NaN (a
/// residual that could not be computed must not read as "holds", and std::fmax(0, NaN) is 0).
/// For intervals a rigorous lower bound, max(0, lower(x)) rounded down (0 for a NaN enclosure).
template <class T>
double positive_part(const T& x) {
  const double v = static_cast<double>(x);
  return std::isnan(v) ? v : std::fmax(0.0, v);
}
inline double positive_part(const Interval& x) {  // NaN: 0, as to_double(Interval)
  const double v = mpfr_get_d(boost::multiprecision::lower(x).backend().data(), MPFR_RNDD);
  return std::isnan(v) ? 0.0 : std::fmax(0.0, v);
}

/// max(a, b) of two residuals; NaN wins (std::fmax returns the other argument, which would turn
/// a residual that could not be computed into "holds").
inline double max_residual(double a, double b) {
  return std::isnan(a) || a >= b ? a : b;
}

/// max_k |m_k| as a double, entry by entry (no comparisons of T: see is_negative); NaN when an
/// entry is NaN. The absolute value is the point: an error whose entries are all <= 0 (a table
/// rounded down, a copied coordinate scaled by 1 - eps) is as large as its most negative entry.
template <class M>
double max_abs_entry(const M& m) {
  double out = 0;
  for (Index r = 0; r < m.rows(); ++r)
    for (Index c = 0; c < m.cols(); ++c) out = max_residual(out, std::fabs(to_double(m(r, c))));
  return out;
}

/// Decimal string with `digits` significant digits (17 round-trips a double).
template <class T>
std::string to_string(const T& x, int digits = 17) {
  std::ostringstream os;
  os.precision(digits - 1);  // scientific: digits after the point, plus the leading one
  os << std::scientific << x;
  return os.str();
}

}  // namespace posprop

/// Declares the explicit instantiations of an encoder class template for the whole ladder; the
/// definitions live in lib/src/instantiate_<scalar>.cpp (one scalar type per translation unit).
#define POSPROP_EXTERN_LADDER(Class)             \
  extern template class Class<float>;            \
  extern template class Class<double>;           \
  extern template class Class<::posprop::Hp50>;  \
  extern template class Class<::posprop::Hp100>; \
  extern template class Class<::posprop::Interval>

namespace Eigen {

/// What Eigen 3.4 needs from a Boost.Multiprecision number (shared by the MPFR and MPFI types).
template <class Self>
struct PospropMultiprecisionTraits : GenericNumTraits<Self> {
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
  static int digits10() { return std::numeric_limits<Self>::digits10; }
  static int digits() { return std::numeric_limits<Self>::digits; }
};

template <>
struct NumTraits<posprop::Interval> : PospropMultiprecisionTraits<posprop::Interval> {};

// The MPFR types (heap or stack limbs) also need the range functions (lu().rcond(), eigen
// solvers).
template <unsigned Digits10, boost::multiprecision::mpfr_allocation_type Allocation>
struct NumTraits<boost::multiprecision::number<
    boost::multiprecision::mpfr_float_backend<Digits10, Allocation>, boost::multiprecision::et_off>>
    : PospropMultiprecisionTraits<boost::multiprecision::number<
          boost::multiprecision::mpfr_float_backend<Digits10, Allocation>,
          boost::multiprecision::et_off>> {
  using Self =
      boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<Digits10, Allocation>,
                                    boost::multiprecision::et_off>;
  using Real = Self;
  static Real highest() { return (std::numeric_limits<Self>::max)(); }
  static Real lowest() { return -(std::numeric_limits<Self>::max)(); }
  static int min_exponent() { return std::numeric_limits<Self>::min_exponent; }
  static int max_exponent() { return std::numeric_limits<Self>::max_exponent; }
  static Real infinity() { return std::numeric_limits<Self>::infinity(); }
  static Real quiet_NaN() { return std::numeric_limits<Self>::quiet_NaN(); }
};

}  // namespace Eigen
