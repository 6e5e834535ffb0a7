// Haar-random orthogonal matrices, exact to the working precision of T.
//
// Mezzadri, "How to generate random matrices from the classical compact groups" (Notices AMS
// 2007): if Z has i.i.d. N(0, 1) entries and Z = QR, then Q diag(sign(R_kk)) is Haar on O(n).
// The Gaussian entries are doubles (exact in every T); the Householder QR runs in T, so the
// result is orthogonal to the precision of T, not merely to double precision.
#pragma once

#include "posprop/random.hpp"
#include "posprop/scalar.hpp"

#include <cmath>
#include <vector>

namespace posprop {

template <class T>
struct HouseholderQr {
  Mat<T> q, r;
  int reflections = 0;  // each applied reflector has determinant -1
};

/// A = Q R by Householder reflections, in the working precision of T (no Eigen decompositions:
/// they are costly to compile for multiprecision types).
template <class T>
HouseholderQr<T> householder_qr(Mat<T> a) {
  using std::sqrt;
  const Index n = a.rows();
  HouseholderQr<T> out;
  out.q = Mat<T>::Identity(n, n);
  for (Index k = 0; k + 1 < n && k < a.cols(); ++k) {
    Vec<T> v = a.col(k).tail(n - k);
    const T norm = sqrt(v.squaredNorm());
    if (is_zero(norm)) continue;
    // H = I - 2 v v^T / (v^T v) with v = x + sign(x_0) |x| e_0 maps x to -sign(x_0) |x| e_0.
    v(0) += is_negative(v(0)) ? T(-norm) : norm;
    const T scale = T(2) / v.squaredNorm();
    const Vec<T> va = (v.transpose() * a.bottomRows(n - k)).transpose();
    a.bottomRows(n - k) -= scale * v * va.transpose();
    const Vec<T> qv = out.q.rightCols(n - k) * v;
    out.q.rightCols(n - k) -= scale * qv * v.transpose();
    ++out.reflections;
  }
  out.r = a;
  return out;
}

/// det A = (-1)^reflections prod R_kk.
template <class T>
T determinant(const Mat<T>& a) {
  const HouseholderQr<T> qr = householder_qr<T>(a);
  T det = qr.reflections % 2 ? T(-1) : T(1);
  for (Index k = 0; k < a.rows(); ++k) det *= qr.r(k, k);
  return det;
}

/// Q from the Householder QR of the n x n row-major matrix `z`, columns signed so that R has a
/// positive diagonal.
template <class T>
Mat<T> haar_orthogonal_from(const std::vector<double>& z, Index n) {
  Mat<T> a(n, n);
  for (Index r = 0; r < n; ++r)
    for (Index c = 0; c < n; ++c) a(r, c) = T(z[static_cast<std::size_t>(r * n + c)]);
  HouseholderQr<T> qr = householder_qr<T>(a);
  for (Index k = 0; k < n; ++k)
    if (is_negative(qr.r(k, k))) qr.q.col(k) = -qr.q.col(k);
  return qr.q;
}

template <class T>
Mat<T> haar_orthogonal(std::uint64_t seed, Index n) {
  return haar_orthogonal_from<T>(gaussian_entries(seed, n, n), n);
}

}  // namespace posprop
