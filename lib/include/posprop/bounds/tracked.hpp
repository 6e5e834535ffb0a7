// Running forward-error bounds: a quantity that an implementation computes in a binary format,
// next to the exact value it approximates (proofs/pair_bounds.md, section 2).
//
// Tracked{v, e}: v is the exact value of the formula (evaluated in double; used only as a
// magnitude, see below) and e >= |computed - exact|, where "computed" is what an implementation
// gets by rounding every operation once in its format (round to nearest: |fl(x) - x| <= u |x| +
// eta, eta = half the subnormal spacing) and evaluating elementary functions within phi u of the
// exact result (phi = 2: error below one ulp; 4: below two ulps). The propagation rules are
// the usual perturbation bounds (Higham, Accuracy and Stability of Numerical Algorithms, 2nd
// ed., sec. 3.1-3.3): for exact a, b and |a' - a| <= e_a, |b' - b| <= e_b,
//   |a'b' - ab|   <= |a| e_b + |b| e_a + e_a e_b,
//   |a'/b' - a/b| <= (|a| e_b + |b| e_a) / (|b| (|b| - e_b))          (e_b < |b|),
//   |ln a' - ln a| <= -ln(1 - e_a / a)                                 (0 < e_a < a),
// then one rounding of the result. Exactness is tracked too: an operation on exact operands
// whose exact result is representable in the format is exact (checked with error-free
// transformations in double), which is what makes pair 0 of RoPE (w = 1) error-free.
//
// The double evaluation of v and e: v carries a relative error below 2^-45 for the short
// formulas used here and enters e only as a magnitude; every e is multiplied by 1 + 2^-40 at
// each step, which dominates both that and the double rounding of e's own formula.
#pragma once

#include "posprop/precision/format.hpp"

#include <string>
#include <vector>

namespace posprop::bounds {

/// How an implementation computes: its format and the accuracy of its elementary functions.
struct Arithmetic {
  precision::FormatId format = precision::FormatId::fp32;
  /// pow, exp, log, sqrt within phi_elementary u; sin, cos within phi_trig u (relative).
  double phi_elementary = 2;
  double phi_trig = 2;
  double u() const;
  /// Half the subnormal spacing: the absolute part of one rounding.
  double eta() const;
  const precision::Format& fmt() const;
};

class Tracked {
 public:
  Tracked() = default;
  /// An exactly representable constant of the format (checked: InputError otherwise).
  static Tracked exact(double v, const Arithmetic& a);
  /// A parameter given as decimal text, converted to the format (e = |fl(x) - x|, computed
  /// at 50 digits).
  static Tracked input(const std::string& decimal, const Arithmetic& a);
  /// A double parameter converted to the format.
  static Tracked input(double v, const Arithmetic& a);
  /// A computed quantity known only by its bound: exact value v, |computed - v| <= e.
  static Tracked bounded(double v, double e, const Arithmetic& a);
  /// The same computed value handed to another arithmetic unchanged (same format).
  Tracked with_arithmetic(const Arithmetic& a) const;
  /// This quantity carried over into another arithmetic (a value computed in double then cast
  /// to fp32: one more rounding unless exact there).
  Tracked converted(const Arithmetic& a) const;

  double value() const { return v_; }
  double error() const { return e_; }
  /// e / |v| (0 for an exact zero).
  double relative() const;
  bool is_exact() const { return e_ == 0; }
  const Arithmetic& arithmetic() const { return *a_; }

  friend Tracked operator+(const Tracked& x, const Tracked& y);
  friend Tracked operator-(const Tracked& x, const Tracked& y);
  friend Tracked operator*(const Tracked& x, const Tracked& y);
  friend Tracked operator/(const Tracked& x, const Tracked& y);
  /// x^y for x > 0 (C99: pow(x, +-0) = 1 exactly).
  friend Tracked pow(const Tracked& x, const Tracked& y);
  friend Tracked log(const Tracked& x);
  friend Tracked exp(const Tracked& x);
  friend Tracked sqrt(const Tracked& x);
  /// min(max(x, lo), hi) with exact bounds: exact where the clamp is decided by more than e.
  friend Tracked clamp(const Tracked& x, double lo, double hi);

 private:
  Tracked(double v, double e, const Arithmetic* a) : v_(v), e_(e), a_(a) {}
  /// The result of an operation with exact value v, error e_in before rounding; exact if
  /// `exact_in_double` and v is representable in the format.
  static Tracked rounded(double v, double e_in, bool exact_in_double, const Arithmetic* a,
                         double phi = 1);
  friend const Arithmetic* common(const Tracked& x, const Tracked& y);

  double v_ = 0, e_ = 0;
  const Arithmetic* a_ = nullptr;
};

/// A decision an implementation takes on a computed value (floor, ceil, comparisons). When the
/// exact value is within the error bound of the threshold, an implementation may take either
/// branch: the decision is recorded as ambiguous (the caller must then cover both branches).
struct Decisions {
  std::vector<std::string> ambiguous;
  bool less(const Tracked& x, double threshold, const std::string& what);
  /// x < y for two computed values: ambiguous within e_x + e_y.
  bool less(const Tracked& x, const Tracked& y, const std::string& what);
  /// floor(x) of the exact value; ambiguous if an integer lies within e of x.
  double floor(const Tracked& x, const std::string& what);
  double ceil(const Tracked& x, const std::string& what);
};

}  // namespace posprop::bounds
