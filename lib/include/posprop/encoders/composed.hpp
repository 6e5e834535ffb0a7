// Maps built from RoPE that test the hypotheses of the uniqueness claims (CLAIMS.md S7, S8,
// S17, S18; proofs/uniqueness.md):
//   RopeThenLinear:     A(p) = M R(p), M = I + G / sqrt(d) with G Gaussian (same map for q and
//                       k): RoPE followed by a fixed linear map. Not orthogonal; not relative.
//   RopeThenOrthogonal: A(p) = Q R(p), Q Haar orthogonal: orthogonal and exactly relative
//                       (A(i)^T A(j) = R(j - i)) but NOT a group (A(a) A(b) != A(a + b)).
//   OrthogonalPower:    A(n) = G^n for integer n, G Haar orthogonal with det G = -1: a
//                       representation of the integers, exactly relative and orthogonal, whose
//                       real Schur form has a -1 block ((-1)^n on one axis): no continuous
//                       one-parameter group through G exists.
#pragma once

#include "posprop/encoders/rope.hpp"
#include "posprop/orthogonal.hpp"

#include <cmath>

namespace posprop {

template <class T>
class RopeThenLinear : public Encoder<T> {
 public:
  RopeThenLinear(Index head_dim, double base, std::uint64_t seed)
      : Encoder<T>(head_dim), rope_(head_dim, base, head_dim, Layout::interleaved) {
    const std::vector<double> g = gaussian_entries(seed, head_dim, head_dim);
    // 2^-floor(log2 sqrt d) keeps the entries exact dyadics.
    const double scale =
        std::ldexp(1.0, -static_cast<int>(std::floor(0.5 * std::log2(double(head_dim)))));
    m_ = Mat<T>::Identity(head_dim, head_dim);
    double frob = 0;
    for (Index r = 0; r < head_dim; ++r)
      for (Index c = 0; c < head_dim; ++c) {
        const double v = g[static_cast<std::size_t>(r * head_dim + c)] * scale;
        m_(r, c) += T(v);
        frob += (v + (r == c)) * (v + (r == c));
      }
    norm_bound_ = std::sqrt(frob) * (1 + 1e-12);
  }
  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override {
    // proofs/tolerances.md Lemma 9.2: both paths are within ||M||_F (eps + 2 sqrt(2) u + gamma_d
    // (1 + eps + 3u)) ||x|| of M R(p) x, which N (d entry_error + gamma_d) covers with
    // N = ||M||_F. norm_bound_ is the double evaluation of ||M||_F (d^2 squares, a square root;
    // in hp the diagonal 1 + g is exact, in double rounded): gamma_{d^2/2+3} covers both.
    ErrorProfile p = rope_.error_profile();
    p.pairs.reset();  // M R(p) is dense: not block by block
    const double d = static_cast<double>(this->dim());
    const double n = 0.5 * d * d + 3.0, u = 0x1p-53;
    p.map_norm = norm_bound_ * (1.0 + n * u / (1.0 - n * u));
    return p;
  }
  void check_position(double pos) const override { rope_.check_position(pos); }
  Mat<T> query_map(double pos) const override { return m_ * rope_.query_map(pos); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return m_ * rope_.apply_query(x, pos);
  }

 private:
  Rope<T> rope_;
  Mat<T> m_;
  double norm_bound_ = 1;
};

/// A(p) = c R(p): RoPE with a magnitude factor (YaRN's mscale into cos and sin, transformers
/// attention_scaling). Same map for q and k, exactly relative (scores scale by c^2), not
/// orthogonal for c != 1, and not a group (c^2 R(a + b) != c R(a + b)).
template <class T>
class RopeScaled : public Encoder<T> {
 public:
  RopeScaled(Index head_dim, double base, double factor)
      : Encoder<T>(head_dim),
        rope_(head_dim, base, head_dim, Layout::interleaved),
        factor_(factor) {
    if (!(factor > 0)) throw InputError("attention_factor must be > 0, got " + to_decimal(factor));
  }
  Site site() const override { return Site::qk_transform; }
  Layout layout() const override { return Layout::interleaved; }
  ErrorProfile error_profile() const override {
    ErrorProfile p = rope_.error_profile();
    p.map_norm = factor_;
    // c R(p) block by block (proofs/pair_bounds.md section 5): T(factor) is one rounding of c,
    // and multiplying the output by it one more.
    if (p.pairs) {
      p.pairs->scaled = true;
      p.pairs->attention_units = 1;
    }
    return p;
  }
  void check_position(double pos) const override { rope_.check_position(pos); }
  Mat<T> query_map(double pos) const override { return T(factor_) * rope_.query_map(pos); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return T(factor_) * rope_.apply_query(x, pos);
  }

 private:
  Rope<T> rope_;
  double factor_;
};

template <class T>
class RopeThenOrthogonal : public Encoder<T> {
 public:
  RopeThenOrthogonal(Index head_dim, double base, std::uint64_t seed)
      : Encoder<T>(head_dim),
        rope_(head_dim, base, head_dim, Layout::interleaved),
        q_(cached_haar_orthogonal<T>(seed, head_dim)) {}
  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override {
    // proofs/tolerances.md Lemma 9.3: with Q_0 the exactly orthogonal matrix within zeta_d of the
    // computed Q (Lemma 2.4), ||fl(Q R(p)) - Q_0 R(p)|| and both apply paths are within
    // zeta_d + eps + O(d^1.5 u); the basis term of entry_error (passes = 2d) dominates them.
    ErrorProfile p = rope_.error_profile();
    p.pairs.reset();  // Q R(p): dense
    p.basis_passes = 2.0 * static_cast<double>(this->dim());
    return p;
  }
  void check_position(double pos) const override { rope_.check_position(pos); }
  Mat<T> query_map(double pos) const override { return q_ * rope_.query_map(pos); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return q_ * rope_.apply_query(x, pos);
  }

 private:
  Rope<T> rope_;
  Mat<T> q_;
};

template <class T>
class OrthogonalPower : public Encoder<T> {
 public:
  OrthogonalPower(Index head_dim, std::uint64_t seed) : Encoder<T>(head_dim) {
    check_even_dim(head_dim, "head_dim");
    g_ = cached_haar_orthogonal<T>(seed, head_dim);
    // Flip one column if needed so that det G = -1 (the other coset of O(d), still Haar there).
    // (the sign of det is decided in double: |det| = 1, far from 0).
    if (determinant<double>(cached_haar_orthogonal<double>(seed, head_dim)) > 0)
      g_.col(0) = -g_.col(0);
  }
  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override {
    // proofs/tolerances.md Lemma 9.4. With G_0 exactly orthogonal, ||G - G_0||_F <= zeta_d
    // (Householder, Lemma 2.4), and a computed product of X, Y within a, b of orthogonal X_0, Y_0
    // within (1 + a)(1 + b)(1 + d gamma_d) - 1 of X_0 Y_0, binary powering (the first product
    // I * base is exact) gives ||fl(G^n) - G_0^n||_2 <= (1 + zeta_d)^|n| (1 + d gamma_d)^(|n|-1) -
    // 1
    // <= 1.01 |n| (zeta_d + d gamma_d) while |n| (zeta_d + d gamma_d) <= 0.01 (in double:
    // |n| <= 1e8 at d = 192, 4e10 at d = 16). That per-unit-position error is carried as
    // max_frequency (kappa + 1) u, in units of u = 2^-53 (which dominate every smaller u), so
    // entry_error >= ||fl(G^n) - G_0^n||_2 and apply_error covers both paths.
    const double d = static_cast<double>(this->dim()), u = 0x1p-53;
    const auto gam = [u](double k) { return k * u / (1.0 - k * u); };
    double s = 0, g = 0;  // zeta_d = S_d / (1 - G_d), Lemma 2.4
    for (double m = 2; m <= d; ++m) {
      s += gam(4 * m + 7) * std::sqrt(m);
      g += gam(4 * m + 7);
    }
    ErrorProfile p;
    p.max_frequency = 1.0;
    p.frequency_error_units = 1.01 * (s / (1.0 - g) + d * gam(d)) / u - 1.0;
    return p;
  }
  void check_position(double pos) const override {
    Encoder<T>::check_position(pos);
    if (pos != std::floor(pos)) {
      throw InputError("orthogonal-power: position " + to_decimal(pos) +
                       " is not an integer (G^n is defined for integer n only)");
    }
  }
  Mat<T> query_map(double pos) const override {
    check_position(pos);
    const bool negative = pos < 0;
    auto n = static_cast<unsigned long long>(std::fabs(pos));
    Mat<T> base = negative ? Mat<T>(g_.transpose()) : g_;
    Mat<T> result = Mat<T>::Identity(this->dim(), this->dim());
    while (n > 0) {
      if (n & 1ULL) result = result * base;
      n >>= 1;
      if (n > 0) base = base * base;
    }
    return result;
  }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    this->check_vector(x, "query/key vector");
    return query_map(pos) * x;
  }
  const Mat<T>& generator() const { return g_; }

 private:
  Mat<T> g_;
};

POSPROP_EXTERN_LADDER(RopeThenLinear);
POSPROP_EXTERN_LADDER(RopeThenOrthogonal);
POSPROP_EXTERN_LADDER(RopeScaled);
POSPROP_EXTERN_LADDER(OrthogonalPower);

}  // namespace posprop
