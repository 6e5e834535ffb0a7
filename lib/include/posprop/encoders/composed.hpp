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
    const double scale = std::ldexp(1.0, -static_cast<int>(std::floor(0.5 * std::log2(double(head_dim)))));
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
    ErrorProfile p = rope_.error_profile();
    p.map_norm = norm_bound_;
    p.basis_passes = static_cast<double>(this->dim());
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

template <class T>
class RopeThenOrthogonal : public Encoder<T> {
 public:
  RopeThenOrthogonal(Index head_dim, double base, std::uint64_t seed)
      : Encoder<T>(head_dim),
        rope_(head_dim, base, head_dim, Layout::interleaved),
        q_(haar_orthogonal<T>(seed, head_dim)) {}
  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override {
    ErrorProfile p = rope_.error_profile();
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
    g_ = haar_orthogonal<T>(seed, head_dim);
    // Flip one column if needed so that det G = -1 (the other coset of O(d), still Haar there).
    // (the sign of det is decided in double: |det| = 1, far from 0).
    if (determinant<double>(haar_orthogonal<double>(seed, head_dim)) > 0) g_.col(0) = -g_.col(0);
  }
  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override {
    // Binary powering: the error at most doubles per squaring plus gamma_d per product, so
    // ||fl(G^n) - G^n|| <= 2 |n| d gamma_d-ish: modelled as |n| (2 d^2 + 2) u (tolerances.md s.2).
    ErrorProfile p;
    p.max_frequency = 1.0;
    p.frequency_error_units = 2.0 * double(this->dim()) * double(this->dim()) + 1.0;
    p.basis_passes = 2.0 * static_cast<double>(this->dim());
    return p;
  }
  void check_position(double pos) const override {
    Encoder<T>::check_position(pos);
    if (pos != std::floor(pos)) {
      throw InputError("orthogonal-power: position " + std::to_string(pos) +
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
POSPROP_EXTERN_LADDER(OrthogonalPower);

}  // namespace posprop
