// exp(M) for a real square matrix M of small dimension, in any scalar T of the ladder, by scaling
// and squaring with a Taylor polynomial (Higham, Functions of Matrices, sec. 10.3; Moler & Van
// Loan, "Nineteen dubious ways", method 3):
//   s = min{s >= 0 : bound / 2^s <= 1/2} for bound >= ||M||_F, X = M / 2^s (exact scaling),
//   Y = T_K(X) = sum_{k <= K} X^k / k! by Horner, K the least degree with
//   2 theta^(K+1) / (K+1)! <= u_T (theta = bound / 2^s: the truncation remainder in the
//   Frobenius norm, sum_{k > K} theta^k / k! <= 2 theta^(K+1) / (K+1)! for theta <= 1/2),
//   then Y <- Y^2, s times.
// For the Interval scalar the truncation remainder is added to every entry of Y as [-R, R], so
// the result encloses exp(M) rigorously. The floating-point error bound is derived in
// proofs/multiaxis.md section 6.
#pragma once

#include "posprop/scalar.hpp"

#include <cmath>
#include <limits>

namespace posprop {

/// Widens x by [-r, r] (intervals only: the truncation remainder of a series).
template <class T>
void widen(T& /*x*/, double /*r*/) {}
inline void widen(Interval& x, double r) {
  x += Interval(-r, r);
}

/// Squarings and Taylor degree for ||M||_F <= bound in scalar T.
struct ExpPlan {
  int squarings = 0;
  int degree = 0;
  double theta = 0;      // bound / 2^squarings <= 1/2
  double remainder = 0;  // 2 theta^(K+1) / (K+1)!
};

template <class T>
ExpPlan exp_plan(double bound) {
  ExpPlan plan;
  double theta = bound;
  while (theta > 0.5) {
    theta /= 2;  // exact
    ++plan.squarings;
  }
  plan.theta = theta;
  const double u = unit_roundoff<T>();
  double term = 2 * theta;  // 2 theta^(K+1) / (K+1)! for K = 0
  int k = 0;
  while (term > u && k < 400) {
    ++k;
    term *= theta / (k + 1);
  }
  plan.degree = k;
  plan.remainder = term;
  return plan;
}

/// exp(M) with ||M||_F <= bound (the caller's rigorous upper bound).
template <class T>
Mat<T> matrix_exp(const Mat<T>& m, double bound) {
  const ExpPlan plan = exp_plan<T>(bound);
  const Index n = m.rows();
  const Mat<T> x = m * T(std::ldexp(1.0, -plan.squarings));
  const Mat<T> id = Mat<T>::Identity(n, n);
  Mat<T> y = id;
  for (int k = plan.degree; k >= 1; --k) {
    y = id + Mat<T>(x * y) / T(k);
  }
  if (plan.degree > 0 || plan.squarings > 0)
    for (Index r = 0; r < n; ++r)
      for (Index c = 0; c < n; ++c) widen(y(r, c), plan.remainder * (1 + 0x1p-30));  // R rounded up
  for (int s = 0; s < plan.squarings; ++s) y = Mat<T>(y * y);
  return y;
}

}  // namespace posprop
