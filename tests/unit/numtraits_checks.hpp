// Checks of Eigen::NumTraits for a multiprecision scalar (scalar.hpp provides our own: Boost 1.74's
// boost/multiprecision/eigen.hpp lacks digits(), infinity(), ... and its lowest() returns min()),
// and of the Eigen decompositions that need them. Each numtraits_<type>_test.cpp instantiates
// these for ONE type: a TU with decompositions over a multiprecision type compiles in 30-50 s.
#pragma once

#include "posprop/scalar.hpp"

#include <Eigen/Dense>
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace posprop::unit {

/// Precision in bits, read from MPFR itself (independent of numeric_limits).
template <class T>
long mpfr_bits() {
  const T one(1);
  return static_cast<long>(mpfr_get_prec(one.backend().data()));
}

template <class T>
void check_numtraits(int decimal_digits) {
  using Traits = Eigen::NumTraits<T>;
  const long bits = mpfr_bits<T>();
  CHECK(bits >= static_cast<long>(std::ceil(decimal_digits * std::log2(10.0))));
  CHECK(Traits::digits() == bits);
  CHECK(Traits::digits10() >= decimal_digits);
  CHECK(Traits::epsilon() == std::numeric_limits<T>::epsilon());
  CHECK(Traits::epsilon() == ldexp(T(1), static_cast<int>(1 - bits)));
  CHECK(unit_roundoff<T>() == std::ldexp(1.0, static_cast<int>(-bits)));
  CHECK(max_exact_integer<T>() == std::ldexp(1.0, static_cast<int>(bits)));
  // u really is the rounding unit of T: 1 + u rounds to 1, 1 + 2u does not.
  CHECK(T(1) + T(unit_roundoff<T>()) == T(1));
  CHECK(T(1) + T(2 * unit_roundoff<T>()) != T(1));
  CHECK(Traits::dummy_precision() > Traits::epsilon());
  CHECK(Traits::dummy_precision() < T(1e-40));
  // lowest() is the most negative finite value, not the smallest positive one.
  CHECK(Traits::lowest() < T(0));
  CHECK(Traits::lowest() == -Traits::highest());
  CHECK(Traits::highest() > T(1e300));
  CHECK(isinf(Traits::infinity()));
  CHECK(Traits::infinity() > Traits::highest());
  CHECK(isnan(Traits::quiet_NaN()));
  CHECK(Traits::min_exponent() < 0);
  CHECK(Traits::max_exponent() > 0);
  CHECK(Traits::IsSigned == 1);
  CHECK(Traits::IsComplex == 0);
  CHECK(Traits::RequireInitialization == 1);
}

/// The 5 x 5 Hilbert matrix: 1-norm condition number exactly 943656 (||H||_1 = 137/60,
/// ||H^-1||_1 = 413280).
template <class T>
Mat<T> hilbert5() {
  Mat<T> h(5, 5);
  for (Index r = 0; r < 5; ++r)
    for (Index c = 0; c < 5; ++c) h(r, c) = T(1) / T(r + c + 1);
  return h;
}

template <class T>
void check_lu(double tolerance) {
  const Mat<T> h = hilbert5<T>();
  const Eigen::PartialPivLU<Mat<T>> lu = h.lu();
  // rcond() estimates 1 / cond_1 from below on ||H^-1||_1, so the estimate is >= the truth.
  const double rcond = to_double(lu.rcond());
  CHECK(rcond >= 1.0 / 943656.0 * (1 - 1e-12));
  CHECK(rcond <= 3.0 / 943656.0);
  // Solve H x = b for b = H 1: x = 1 to the working precision times cond.
  const Vec<T> ones = Vec<T>::Ones(5);
  const Vec<T> x = lu.solve(h * ones);
  CHECK(to_double((x - ones).cwiseAbs().maxCoeff()) < tolerance * 943656.0);
  CHECK(to_double(T(lu.determinant() * T(266716800000LL) - T(1))) < tolerance * 1e3);  // det H5
}

/// The n x n second-difference matrix tridiag(-1, 2, -1): eigenvalues 2 - 2 cos(k pi / (n + 1)).
template <class T>
void check_eigensolver(double tolerance) {
  using std::acos;
  using std::cos;
  const Index n = 6;
  Mat<T> a = Mat<T>::Zero(n, n);
  for (Index k = 0; k < n; ++k) {
    a(k, k) = T(2);
    if (k + 1 < n) a(k, k + 1) = a(k + 1, k) = T(-1);
  }
  const Eigen::SelfAdjointEigenSolver<Mat<T>> solver(a);
  REQUIRE(solver.info() == Eigen::Success);
  const T pi = acos(T(-1));
  for (Index k = 0; k < n; ++k) {
    const T expected = T(2) - T(2) * cos(T(k + 1) * pi / T(n + 1));
    INFO("eigenvalue " << k);
    CHECK(to_double(T(abs(solver.eigenvalues()(k) - expected))) < tolerance);
  }
  const Mat<T> v = solver.eigenvectors();
  CHECK(to_double((v.transpose() * v - Mat<T>::Identity(n, n)).cwiseAbs().maxCoeff()) < tolerance);
  CHECK(to_double((a * v - v * solver.eigenvalues().asDiagonal()).cwiseAbs().maxCoeff()) <
        tolerance);
}

}  // namespace posprop::unit
