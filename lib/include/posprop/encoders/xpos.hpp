// xPos (Sun et al., "A Length-Extrapolatable Transformer", arXiv 2212.10554; microsoft/torchscale
// torchscale/component/xpos_relative_position.py, class XPOS):
//   zeta_j = (2j + 0.4 d) / (1.4 d),  j = 0 .. d/2 - 1            ("scale" buffer)
//   rotation: interleaved RoPE with theta_j = 10000^(-2j/d)       (fixed_pos_embedding, dim = d/2)
//   queries:  pair j multiplied by zeta_j^( n / scale_base)
//   keys:     pair j multiplied by zeta_j^(-n / scale_base)      (downscale=True)
// with n = position + position_offset (torchscale centres positions: offset = -floor(len / 2); a
// common offset cancels in every score, so it is a parameter here, default 0).
// Score per pair: q^T R(j - i) k * zeta^((i - j) / scale_base): exactly relative, not orthogonal,
// and q and k use different (contragredient) maps.
#pragma once

#include "posprop/encoders/rope.hpp"

#include <cmath>

namespace posprop {

template <class T>
class XPos : public Encoder<T> {
 public:
  XPos(Index head_dim, double scale_base, double position_offset)
      : Encoder<T>(head_dim),
        rope_(head_dim, 10000.0, head_dim, Layout::interleaved),
        scale_base_(scale_base),
        offset_(position_offset) {
    if (!(scale_base > 0))
      throw InputError("scale_base must be > 0, got " + to_decimal(scale_base));
    for (Index j = 0; j < head_dim / 2; ++j)
      zeta_.push_back((T(2 * j) + T(0.4) * T(head_dim)) / (T(1.4) * T(head_dim)));
  }

  Site site() const override { return Site::qk_transform; }
  Layout layout() const override { return Layout::interleaved; }
  ErrorProfile error_profile() const override {
    // proofs/tolerances.md Lemma 9.1. The exact map is R(p) scaled by zeta_j^(+-n/s) with the
    // zeta_j computed in T (any positive zeta gives an exactly relative map), so only the
    // exponent's rounding and pow count: the scales are within gamma_{2 ln N(p) + 3} (tolerance.hpp
    // apply_error). ||A(p)|| <= max_j zeta_j^(-|n|/s) <= exp(G (|p| + |offset|)) with
    // G >= |ln zeta_0| / s, zeta_0 ~ 0.4/1.4 the smallest (the 1e-12 covers zeta_0's rounding and
    // that of std::log); ln N(p) >= |n| |ln zeta_0| / s bounds the pow arguments.
    ErrorProfile profile = rope_.error_profile();
    profile.pairs.reset();  // Lemma 9.1's bound (scales zeta^(n/s) per pair)
    profile.growth_rate = (std::log(3.5) + 1e-12) / scale_base_;
    profile.map_norm = std::exp(profile.growth_rate * std::fabs(offset_));
    return profile;
  }
  void check_position(double pos) const override {
    rope_.check_position(pos);
    if (std::fabs(pos + offset_) * std::log(3.5) / scale_base_ > 700.0) {
      throw InputError("xpos: position " + to_decimal(pos) +
                       " overflows double: |n| ln(3.5) / scale_base must be <= 700");
    }
  }
  Mat<T> query_map(double pos) const override { return scaled(rope_.query_map(pos), pos, +1); }
  Mat<T> key_map(double pos) const override { return scaled(rope_.query_map(pos), pos, -1); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return scaled(rope_.apply_query(x, pos), pos, +1);
  }
  Vec<T> apply_key(const Vec<T>& x, double pos) const override {
    return scaled(rope_.apply_query(x, pos), pos, -1);
  }

 private:
  /// Rows of pair j times zeta_j^(sign n / scale_base).
  template <class M>
  M scaled(M m, double pos, int sign) const {
    check_position(pos);
    using std::pow;
    const T exponent = T(sign) * (T(pos) + T(offset_)) / T(scale_base_);
    for (Index j = 0; j < this->dim() / 2; ++j) {
      const T s = pow(zeta_[static_cast<std::size_t>(j)], exponent);
      m.row(2 * j) *= s;
      m.row(2 * j + 1) *= s;
    }
    return m;
  }
  Rope<T> rope_;
  double scale_base_, offset_;
  std::vector<T> zeta_;
};

POSPROP_EXTERN_LADDER(XPos);

}  // namespace posprop
