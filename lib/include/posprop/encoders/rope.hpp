// Rotary position embedding (RoPE).
//
// RoFormer (Su et al., arXiv 2104.09864, eq. 34): for pair k = 0 .. d_rot/2 - 1 of the rotated
// coordinates, theta_k = base^(-2k / d_rot) and
//   (y_a, y_b) = (x_a cos(p theta_k) - x_b sin(p theta_k),  x_a sin(p theta_k) + x_b cos(p
//   theta_k)).
// Pair layouts (../shared/reference/pe-variants.md section 0):
//   interleaved (a, b) = (2k, 2k + 1): GPT-J, RoFormer, meta-llama/llama model.py apply_rotary_emb;
//   half-split  (a, b) = (k, k + d_rot/2): GPT-NeoX, transformers modeling_llama.py rotate_half.
// Partial rotary: only the first d_rot = head_dim * partial_rotary_factor coordinates rotate, the
// rest are copied (transformers modeling_rope_utils.py _compute_default_rope_parameters,
// GPT-NeoX rotary_pct); frequencies use d_rot, not head_dim.
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/encoders/pair_trig.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace posprop {

template <class T>
class Rope : public Encoder<T> {
 public:
  /// Default RoPE frequencies base^(-2k/d_rot). Throws InputError on invalid parameters.
  Rope(Index head_dim, double base, Index rotary_dim, Layout layout);
  /// Explicit inverse frequencies (one per pair), for scaled variants.
  Rope(Index head_dim, std::vector<T> inv_freq, Layout layout);

  Site site() const override { return Site::qk_transform; }
  Layout layout() const override { return layout_; }
  Index rotary_dim() const override { return 2 * static_cast<Index>(inv_freq_.size()); }
  ErrorProfile error_profile() const override;
  /// Default RoPE only (constructed from a base); derived encoders override.
  std::optional<RotaryStructure> rotary_structure() const override;

  Mat<T> query_map(double pos) const override;
  Vec<T> apply_query(const Vec<T>& x, double pos) const override;

  const std::vector<T>& inv_freq() const { return inv_freq_; }
  double base() const { return base_; }

  /// Coordinates (a, b) of pair k in this layout.
  Index pair_first(Index k) const;
  Index pair_second(Index k) const;

 protected:
  /// Rotation angle of pair k at position pos: pos * inv_freq_k.
  virtual T angle(Index k, double pos) const;

 private:
  std::vector<T> inv_freq_;
  Layout layout_;
  double base_ = 0;
  std::optional<PairProfile> pairs_;  // computed once, from the base (proofs/pair_bounds.md)
  PairTrigCache<T, double> trig_;
};

/// A 140-digit value of x (exact for float / double / Hp50 / Hp100; the midpoint of an interval).
template <class T>
Mpfr<140> widen(const T& x) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    return Mpfr<140>(static_cast<double>(x));
  } else if constexpr (std::is_same_v<T, Interval>) {
    return Mpfr<140>(boost::multiprecision::median(x).str(0, std::ios_base::scientific));
  } else {
    return Mpfr<140>(x.str(0, std::ios_base::scientific));
  }
}

/// The per-pair profile of angles formed as fl(p * inv_k) from inverse frequencies computed in
/// T, measured against the same formula at 140 digits (`exact`): angle_units_k = (r_k (1 + u) +
/// u) / u with r_k = |inv_k - exact_k| / exact_k, and 0 when inv_k is exactly 1 (p * 1 = p).
/// proofs/pair_bounds.md section 5.
template <class T>
PairProfile measured_pair_profile(const std::vector<T>& inv_freq,
                                  const std::vector<Mpfr<140>>& exact);

/// base^(-2k/d) for k = 0 .. d/2 - 1, computed in T (exponent rounded once in T).
template <class T>
std::vector<T> default_inv_freq(double base, Index rotary_dim);

/// The RoPE block matrix: the identity with pair k, coordinates (first(k), second(k)), turned by
/// the angle whose cos and sin are trig.c[k], trig.s[k]: [[c, -s], [s, c]]. Shared by every
/// pair-rotating encoder.
template <class T, class First, class Second>
Mat<T> pair_rotation_matrix(Index dim, const PairTrig<T>& trig, First first, Second second);
/// The same rotation applied to x without forming the matrix; other coordinates are copied.
template <class T, class First, class Second>
Vec<T> rotate_pairs(const Vec<T>& x, const PairTrig<T>& trig, First first, Second second);

// ---- definitions
template <class T>
std::vector<T> default_inv_freq(double base, Index rotary_dim) {
  if (!(base > 1.0)) {
    throw InputError("rope_theta must be > 1, got " + to_decimal(base));
  }
  check_even_dim(rotary_dim, "rotary dimension");
  using std::pow;
  std::vector<T> inv_freq;
  for (Index k = 0; k < rotary_dim / 2; ++k) {
    // theta_k = base^(-2k/d): the exponent is rounded once in T, then pow (correctly rounded in
    // MPFR, < 1 ulp in glibc). proofs/tolerances.md accounts for both.
    inv_freq.push_back(pow(T(base), T(-2 * k) / T(rotary_dim)));
  }
  return inv_freq;
}

/// rotary_dim, after checking 0 < rotary_dim <= head_dim (before any frequency is computed).
inline Index checked_rotary_dim(Index head_dim, Index rotary_dim) {
  if (rotary_dim > head_dim) {
    throw InputError("rotary dimension " + std::to_string(rotary_dim) + " exceeds head_dim " +
                     std::to_string(head_dim));
  }
  return rotary_dim;
}

template <class T>
Rope<T>::Rope(Index head_dim, double base, Index rotary_dim, Layout layout)
    : Rope(head_dim, default_inv_freq<T>(base, checked_rotary_dim(head_dim, rotary_dim)), layout) {
  base_ = base;
  std::vector<Mpfr<140>> exact;
  for (Index k = 0; k < rotary_dim / 2; ++k)
    exact.push_back(pow(Mpfr<140>(base), Mpfr<140>(-2 * k) / Mpfr<140>(rotary_dim)));
  pairs_ = measured_pair_profile(inv_freq_, exact);
}

template <class T>
PairProfile measured_pair_profile(const std::vector<T>& inv_freq,
                                  const std::vector<Mpfr<140>>& exact) {
  const double u = unit_roundoff<T>();
  PairProfile pp;
  for (std::size_t k = 0; k < inv_freq.size(); ++k) {
    const Mpfr<140> w = widen(inv_freq[k]);
    const double r = static_cast<double>(abs(w - exact[k]) / exact[k]);
    pp.frequency.push_back(static_cast<double>(exact[k]) * (1 + 0x1p-50));
    // + 2^-400: the 140-digit value's own error (< 2^-460 relative), rounded up generously.
    pp.angle_units.push_back(
        w == 1 && exact[k] == 1 ? 0.0 : ((r + 0x1p-400) * (1 + u) + u) / u * (1 + 0x1p-40));
  }
  return pp;
}

template <class T>
std::optional<RotaryStructure> Rope<T>::rotary_structure() const {
  if (!(base_ > 1)) return std::nullopt;
  RotaryStructure s;
  s.layout = layout_;
  s.head_dim = this->dim();
  s.rotary_dim = rotary_dim();
  for (const T& f : inv_freq_) s.frequency.push_back(to_double(f));
  s.rope_theta = to_decimal(base_);
  return s;
}

template <class T>
Rope<T>::Rope(Index head_dim, std::vector<T> inv_freq, Layout layout)
    : Encoder<T>(head_dim), inv_freq_(std::move(inv_freq)), layout_(layout) {
  check_even_dim(head_dim, "head_dim");
  if (inv_freq_.empty() || 2 * static_cast<Index>(inv_freq_.size()) > head_dim) {
    throw InputError("need between 1 and head_dim/2 inverse frequencies, got " +
                     std::to_string(inv_freq_.size()));
  }
  if (layout == Layout::none) throw InputError("RoPE needs a pair layout");
}

template <class T>
ErrorProfile Rope<T>::error_profile() const {
  ErrorProfile profile;
  profile.max_frequency = 0;
  for (const T& f : inv_freq_)
    profile.max_frequency = std::max(profile.max_frequency, to_double(f));
  // Rounding the exponent -2k/d perturbs base^e by a relative |ln base| u; pow adds 2u.
  profile.frequency_error_units = 2.0 + (base_ > 1 ? std::log(base_) : 0.0);
  profile.pairs = pairs_;
  return profile;
}

template <class T>
Index Rope<T>::pair_first(Index k) const {
  return layout_ == Layout::interleaved ? 2 * k : k;
}

template <class T>
Index Rope<T>::pair_second(Index k) const {
  return layout_ == Layout::interleaved ? 2 * k + 1 : k + rotary_dim() / 2;
}

template <class T>
T Rope<T>::angle(Index k, double pos) const {
  return T(pos) * inv_freq_[static_cast<std::size_t>(k)];
}

template <class T, class First, class Second>
Mat<T> pair_rotation_matrix(Index dim, const PairTrig<T>& trig, First first, Second second) {
  Mat<T> a = Mat<T>::Identity(dim, dim);
  for (std::size_t k = 0; k < trig.c.size(); ++k) {
    const Index i = first(static_cast<Index>(k)), j = second(static_cast<Index>(k));
    a(i, i) = trig.c[k];
    a(i, j) = -trig.s[k];
    a(j, i) = trig.s[k];
    a(j, j) = trig.c[k];
  }
  return a;
}

template <class T, class First, class Second>
Vec<T> rotate_pairs(const Vec<T>& x, const PairTrig<T>& trig, First first, Second second) {
  Vec<T> y = x;
  for (std::size_t k = 0; k < trig.c.size(); ++k) {
    const Index i = first(static_cast<Index>(k)), j = second(static_cast<Index>(k));
    y(i) = x(i) * trig.c[k] - x(j) * trig.s[k];
    y(j) = x(i) * trig.s[k] + x(j) * trig.c[k];
  }
  return y;
}

template <class T>
Mat<T> Rope<T>::query_map(double pos) const {
  this->check_position(pos);
  return pair_rotation_matrix<T>(
      this->dim(), trig_.at(pos, rotary_dim() / 2, [&](Index k) { return angle(k, pos); }),
      [this](Index k) { return pair_first(k); }, [this](Index k) { return pair_second(k); });
}

template <class T>
Vec<T> Rope<T>::apply_query(const Vec<T>& x, double pos) const {
  this->check_position(pos);
  this->check_vector(x, "query/key vector");
  return rotate_pairs<T>(
      x, trig_.at(pos, rotary_dim() / 2, [&](Index k) { return angle(k, pos); }),
      [this](Index k) { return pair_first(k); }, [this](Index k) { return pair_second(k); });
}

POSPROP_EXTERN_LADDER(Rope);

}  // namespace posprop
