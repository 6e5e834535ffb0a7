// Haar-random orthogonal matrices and determinants, exact to the working precision of T.
//
// Haar sampling (Stewart, SIAM J. Numer. Anal. 17(3), 1980; Mezzadri, Notices AMS 54, 2007,
// sec. 5): Mezzadri's recipe takes Q diag(sign R_kk) from Z = QR with Z Gaussian; in Householder
// QR, the k-th reflector comes from the trailing n - k entries of the reduced column k, which are
// again i.i.d. N(0, 1) and independent of the earlier reflectors. So the same law is drawn without
// reducing Z: for k = 0..n-2, x_k ~ N(0, I_{n-k}) (the entries of Z on and below the diagonal of
// column k), v_k = x_k + sign(x_k0) |x_k| e_0, H_k = diag(I_k, I - 2 v_k v_k^T / v_k^T v_k),
// R_kk = -sign(x_k0) |x_k|, and R_{n-1,n-1} = z = Z(n-1, n-1):
//   Q = H_0 H_1 ... H_{n-2} D,  D = diag(-sign(x_00), ..., -sign(x_{n-2,0}), sign(z)).
// Forming Q right to left touches only the trailing m x m block at step k (m = n - k):
// 4/3 n^3 operations instead of the 4 n^3 of reducing Z while accumulating Q. The Gaussian
// entries are doubles (exact in every T); the reflections run in T, so the result is orthogonal
// to the precision of T, not merely to double precision (proofs/tolerances.md, Lemma 2.4).
#pragma once

#include "posprop/random.hpp"
#include "posprop/scalar.hpp"

#include <cmath>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace posprop {

/// Applies H = I - scale v v^T to rows [k, k + |v|) of columns [k, n) of `a`, in place:
/// per column c, w = scale (v . c), then c -= w v.
template <class T>
void reflect_trailing(Mat<T>& a, const Vec<T>& v, const T& scale, Index k) {
  const Index m = v.size();
  T w;
  for (Index c = k; c < a.cols(); ++c) {
    w = T(0);
    for (Index i = 0; i < m; ++i) w += v(i) * a(k + i, c);
    w *= scale;
    for (Index i = 0; i < m; ++i) a(k + i, c) -= w * v(i);
  }
}

/// The Householder vector of x (v = x + sign(x_0) |x| e_0, so that H x = -sign(x_0) |x| e_0) and
/// scale = 2 / v^T v; false when x = 0 (no reflection).
template <class T>
bool householder_vector(Vec<T>& v, T& scale) {
  using std::sqrt;
  const T norm = sqrt(v.squaredNorm());
  if (is_zero(norm)) return false;
  v(0) += is_negative(v(0)) ? T(-norm) : norm;
  scale = T(2) / v.squaredNorm();
  return true;
}

template <class T>
struct HouseholderR {
  Mat<T> r;             // upper triangle: R; below the diagonal: unspecified
  int reflections = 0;  // each applied reflector has determinant -1
};

/// The R factor of A = QR by Householder reflections, in the working precision of T (no Eigen
/// decompositions: they are costly to compile for multiprecision types). Q is not formed, and
/// reflector k updates columns k.. only: on the earlier columns it changes entries below the
/// diagonal alone (proofs/tolerances.md, Lemma 10.1).
template <class T>
HouseholderR<T> householder_r(Mat<T> a) {
  const Index n = a.rows();
  HouseholderR<T> out;
  T scale;
  for (Index k = 0; k + 1 < n && k < a.cols(); ++k) {
    Vec<T> v = a.col(k).tail(n - k);
    if (!householder_vector(v, scale)) continue;
    reflect_trailing(a, v, scale, k);
    ++out.reflections;
  }
  out.r = std::move(a);
  return out;
}

/// det A = (-1)^reflections prod R_kk.
template <class T>
T determinant(const Mat<T>& a) {
  const HouseholderR<T> qr = householder_r<T>(a);
  T det = qr.reflections % 2 ? T(-1) : T(1);
  for (Index k = 0; k < a.rows(); ++k) det *= qr.r(k, k);
  return det;
}

/// Q = H_0 ... H_{n-2} D from the n x n row-major Gaussian matrix `z` (see the top of the file).
template <class T>
Mat<T> haar_orthogonal_from(const std::vector<double>& z, Index n) {
  const auto at = [&](Index r, Index c) { return z[static_cast<std::size_t>(r * n + c)]; };
  Mat<T> q = Mat<T>::Zero(n, n);
  q(n - 1, n - 1) = at(n - 1, n - 1) < 0 ? T(-1) : T(1);  // sign(z)
  T scale;
  for (Index k = n - 2; k >= 0; --k) {
    Vec<T> v(n - k);
    for (Index i = k; i < n; ++i) v(i - k) = T(at(i, k));
    q(k, k) = at(k, k) < 0 ? T(1) : T(-1);  // -sign(x_k0)
    if (householder_vector(v, scale)) reflect_trailing(q, v, scale, k);
  }
  return q;
}

template <class T>
Mat<T> haar_orthogonal(std::uint64_t seed, Index n) {
  return haar_orthogonal_from<T>(gaussian_entries(seed, n, n), n);
}

/// haar_orthogonal, computed once per (seed, n) and scalar type in a process (O(n^3) in T).
template <class T>
const Mat<T>& cached_haar_orthogonal(std::uint64_t seed, Index n) {
  static std::mutex mutex;
  static std::map<std::pair<std::uint64_t, Index>, Mat<T>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find({seed, n});
  if (it == cache.end())
    it = cache.emplace(std::make_pair(seed, n), haar_orthogonal<T>(seed, n)).first;
  return it->second;  // map nodes never move
}

}  // namespace posprop
