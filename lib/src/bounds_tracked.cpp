#include "posprop/bounds/tracked.hpp"

#include "posprop/params.hpp"
#include "posprop/scalar.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::bounds {
namespace {

constexpr double kStep = 1 + 0x1p-40;  // per-step margin for the double evaluation (header)

/// True iff a + b (resp. a * b, a / b) is exact in double (error-free transformations).
bool sum_exact(double a, double b, double s) {
  const double bb = s - a;
  return (a - (s - bb)) + (b - bb) == 0;
}
bool product_exact(double a, double b, double p) {
  return std::fma(a, b, -p) == 0;
}
bool quotient_exact(double a, double b, double q) {
  return std::fma(q, b, -a) == 0;
}

/// -ln(1 - x): the log-error of a relative perturbation of at most x (< 1).
double ell(double x) {
  return -std::log1p(-x);
}

}  // namespace

double Arithmetic::u() const {
  return precision::unit_roundoff(fmt());
}

double Arithmetic::eta() const {
  return std::ldexp(1.0, fmt().emin - fmt().precision);
}

const precision::Format& Arithmetic::fmt() const {
  return precision::format(format);
}

const Arithmetic* common(const Tracked& x, const Tracked& y) {
  return x.a_ ? x.a_ : y.a_;
}

double Tracked::relative() const {
  return v_ == 0 ? (e_ == 0 ? 0 : HUGE_VAL) : e_ / std::fabs(v_);
}

Tracked Tracked::rounded(double v, double e_in, bool exact_in_double, const Arithmetic* a,
                         double phi) {
  if (e_in == 0 && exact_in_double && precision::representable(v, a->fmt())) return {v, 0, a};
  const double e = e_in + phi * a->u() * (std::fabs(v) + e_in) + a->eta();
  return {v, e * kStep, a};
}

Tracked Tracked::exact(double v, const Arithmetic& a) {
  if (!precision::representable(v, a.fmt())) {
    throw InputError("internal: " + to_decimal(v) + " is not exact in " + a.fmt().name);
  }
  return {v, 0, &a};
}

Tracked Tracked::input(const std::string& decimal, const Arithmetic& a) {
  const Hp50 x(decimal.c_str());
  const double nearest = static_cast<double>(x);
  const double in_format = precision::round_to(nearest, a.fmt());
  // |fl_F(x) - x| <= |fl_F(x) - nearest| + |nearest - x|; fl_F(x) may differ from
  // fl_F(nearest) only when nearest is a tie of F, covered by the bound u |x| + eta anyway.
  const double err = static_cast<double>(abs(Hp50(in_format) - x));
  const double bound = std::min(err * (1 + 0x1p-30) + std::ldexp(std::fabs(nearest), -100),
                                a.u() * std::fabs(nearest) * (1 + 0x1p-30) + a.eta());
  return {nearest, Hp50(in_format) == x ? 0.0 : bound, &a};
}

Tracked Tracked::input(double v, const Arithmetic& a) {
  const double r = precision::round_to(v, a.fmt());
  return {v, std::fabs(r - v), &a};
}

Tracked Tracked::bounded(double v, double e, const Arithmetic& a) {
  return {v, e, &a};
}

Tracked Tracked::with_arithmetic(const Arithmetic& a) const {
  if (a.format != a_->format) throw InputError("internal: with_arithmetic changes the format");
  return {v_, e_, &a};
}

Tracked Tracked::converted(const Arithmetic& to) const {
  return rounded(v_, e_, true, &to);
}

Tracked operator+(const Tracked& x, const Tracked& y) {
  const double s = x.v_ + y.v_;
  return Tracked::rounded(s, x.e_ + y.e_, sum_exact(x.v_, y.v_, s), common(x, y));
}

Tracked operator-(const Tracked& x, const Tracked& y) {
  const double s = x.v_ - y.v_;
  return Tracked::rounded(s, x.e_ + y.e_, sum_exact(x.v_, -y.v_, s), common(x, y));
}

Tracked operator*(const Tracked& x, const Tracked& y) {
  if (x.e_ == 0 && x.v_ == 1) return {y.v_, y.e_, common(x, y)};  // 1 * y is exact
  if (y.e_ == 0 && y.v_ == 1) return {x.v_, x.e_, common(x, y)};
  const double p = x.v_ * y.v_;
  const double e = std::fabs(x.v_) * y.e_ + std::fabs(y.v_) * x.e_ + x.e_ * y.e_;
  return Tracked::rounded(p, e, product_exact(x.v_, y.v_, p), common(x, y));
}

Tracked operator/(const Tracked& x, const Tracked& y) {
  const double ay = std::fabs(y.v_);
  if (!(y.e_ < ay)) throw InputError("internal: division by a value not bounded away from 0");
  if (y.e_ == 0 && y.v_ == 1) return {x.v_, x.e_, common(x, y)};  // x / 1 is exact
  const double q = x.v_ / y.v_;
  const double e = (std::fabs(x.v_) * y.e_ + ay * x.e_) / (ay * (ay - y.e_));
  return Tracked::rounded(q, e, quotient_exact(x.v_, y.v_, q), common(x, y));
}

Tracked pow(const Tracked& x, const Tracked& y) {
  const Arithmetic* a = common(x, y);
  if (y.v_ == 0 && y.e_ == 0) return {1.0, 0, a};  // C99 F.10.4.4: pow(x, +-0) = 1
  if (!(x.v_ > 0) || !(x.e_ < x.v_)) throw InputError("internal: pow of a non-positive base");
  const double v = std::pow(x.v_, y.v_);
  // x'^y' = x^y exp((y' - y) ln x' + y (ln x' - ln x)).
  const double dlog = ell(x.e_ / x.v_);
  const double lambda = y.e_ * (std::fabs(std::log(x.v_)) + dlog) + std::fabs(y.v_) * dlog;
  return Tracked::rounded(v, v * std::expm1(lambda), false, a, a->phi_elementary);
}

Tracked log(const Tracked& x) {
  if (!(x.v_ > 0) || !(x.e_ < x.v_)) throw InputError("internal: log of a non-positive value");
  return Tracked::rounded(std::log(x.v_), ell(x.e_ / x.v_), x.v_ == 1 && x.e_ == 0, x.a_,
                          x.a_->phi_elementary);
}

Tracked exp(const Tracked& x) {
  const double v = std::exp(x.v_);
  return Tracked::rounded(v, v * std::expm1(x.e_), x.v_ == 0 && x.e_ == 0, x.a_,
                          x.a_->phi_elementary);
}

Tracked sqrt(const Tracked& x) {
  if (!(x.v_ > 0) || !(x.e_ < x.v_)) throw InputError("internal: sqrt of a non-positive value");
  const double v = std::sqrt(x.v_);
  // |sqrt(x') - sqrt(x)| = |x' - x| / (sqrt(x') + sqrt(x)) <= e / sqrt(x); sqrt is correctly
  // rounded (IEEE 754), phi = 1.
  return Tracked::rounded(v, x.e_ / v, product_exact(v, v, x.v_), x.a_, 1);
}

Tracked clamp(const Tracked& x, double lo, double hi) {
  // Clamping is 1-Lipschitz and exact (no rounding): the error never grows, and where the
  // whole interval [v - e, v + e] lies beyond a bound the result is that bound exactly.
  if (x.v_ - x.e_ >= hi) return {hi, 0, x.a_};
  if (x.v_ + x.e_ <= lo) return {lo, 0, x.a_};
  return {std::min(std::max(x.v_, lo), hi), x.e_, x.a_};
}

bool Decisions::less(const Tracked& x, double threshold, const std::string& what) {
  if (std::fabs(x.value() - threshold) <= x.error() * (1 + 0x1p-20)) ambiguous.push_back(what);
  return x.value() < threshold;
}

bool Decisions::less(const Tracked& x, const Tracked& y, const std::string& what) {
  if (std::fabs(x.value() - y.value()) <= (x.error() + y.error()) * (1 + 0x1p-20))
    ambiguous.push_back(what);
  return x.value() < y.value();
}

double Decisions::floor(const Tracked& x, const std::string& what) {
  const double e = x.error() * (1 + 0x1p-20);
  if (std::floor(x.value() - e) != std::floor(x.value() + e)) ambiguous.push_back(what);
  return std::floor(x.value());
}

double Decisions::ceil(const Tracked& x, const std::string& what) {
  const double e = x.error() * (1 + 0x1p-20);
  if (std::ceil(x.value() - e) != std::ceil(x.value() + e)) ambiguous.push_back(what);
  return std::ceil(x.value());
}

}  // namespace posprop::bounds
