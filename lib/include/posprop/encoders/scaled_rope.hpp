// Scaled RoPE (position interpolation, NTK, dynamic NTK, YaRN, Llama 3, LongRoPE): a RoPE whose
// inverse frequencies and attention factor c come from a rope_scaling configuration
// (posprop/rope_scaling.hpp, transformers modeling_rope_utils.py). The map is
//   A(p) = c R'(p)   on the rotated coordinates, identity on the rest,
// with R'(p) the rotation by p inv_i on pair i: transformers multiplies cos AND sin by
// attention_scaling (modeling_llama.py LlamaRotaryEmbedding.forward), so logits scale by c^2.
#pragma once

#include "posprop/encoders/rope.hpp"
#include "posprop/rope_scaling.hpp"

#include <algorithm>
#include <cmath>

namespace posprop {

template <class T>
class ScaledRope : public Rope<T> {
 public:
  /// From a validated configuration: the spec is computed in T (and at 140 digits for the
  /// error bound).
  explicit ScaledRope(const RopeScalingConfig& config);
  /// From a spec computed elsewhere (the broken variants of tests/meta change one quantity),
  /// with the same spec at 140 digits for the error bound.
  ScaledRope(const RopeScalingConfig& config, RopeScalingSpec<T> spec,
             const RopeScalingSpec<Mpfr<140>>& spec_140);

  ErrorProfile error_profile() const override { return profile_; }
  std::optional<RotaryStructure> rotary_structure() const override;
  Mat<T> query_map(double pos) const override;
  Vec<T> apply_query(const Vec<T>& x, double pos) const override;

  const T& attention_factor() const { return spec_.attention_factor; }
  const RopeScalingSpec<T>& spec() const { return spec_; }
  const RopeScalingConfig& config() const { return config_; }

 private:
  RopeScalingConfig config_;
  RopeScalingSpec<T> spec_;
  ErrorProfile profile_;
};

/// The relative error of the computed inverse frequencies in units of u of T, bounded a
/// posteriori against the same formula at 140 digits (proofs/scaled_rope.md, section 5):
/// ceil(max_i |inv_i(T) - inv_i(140)| / (u_T inv_i(140))) + 1, the + 1 covering the 140-digit
/// value's own error (< 2^-400 relative) and the conversion to double.
template <class T>
double frequency_error_units(const std::vector<Mpfr<140>>& ref, const std::vector<T>& inv_freq) {
  const double u = unit_roundoff<T>();
  double worst = 0;
  for (std::size_t i = 0; i < inv_freq.size(); ++i) {
    const Mpfr<140> rel = abs(widen(inv_freq[i]) - ref[i]) / ref[i];
    worst = std::max(worst, static_cast<double>(rel) / u);
  }
  return std::ceil(worst) + 1.0;
}

// ---- definitions

template <class T>
ScaledRope<T>::ScaledRope(const RopeScalingConfig& config)
    : ScaledRope(config, rope_scaling_spec<T>(config), rope_scaling_spec<Mpfr<140>>(config)) {}

template <class T>
ScaledRope<T>::ScaledRope(const RopeScalingConfig& config, RopeScalingSpec<T> spec,
                          const RopeScalingSpec<Mpfr<140>>& spec_140)
    : Rope<T>(config.head_dim, spec.inv_freq, config.layout),
      config_(config),
      spec_(std::move(spec)) {
  profile_.max_frequency = 0;
  for (const T& f : spec_.inv_freq)
    profile_.max_frequency = std::max(profile_.max_frequency, to_double(f));
  profile_.frequency_error_units = frequency_error_units(spec_140.inv_freq, spec_.inv_freq);
  // ||A(p)||_2 = c; the double value rounded up by 2 ulps unless c is exactly 1 (so that a
  // plain rotation keeps the rotation bounds of tolerances.md Lemma 2.3).
  const double c = to_double(spec_.attention_factor);
  profile_.map_norm = c == 1.0 ? 1.0 : c * (1.0 + 0x1p-51);
  // Per pair (proofs/pair_bounds.md section 5): the measured error of inv_k and of c in T; the
  // map multiplies the rotated output by c_T (one more rounding) unless c_T is exactly 1.
  PairProfile pp = measured_pair_profile(spec_.inv_freq, spec_140.inv_freq);
  const Mpfr<140> c_exact = spec_140.attention_factor;
  pp.attention_units = static_cast<double>(abs(widen(spec_.attention_factor) - c_exact) / c_exact) /
                           unit_roundoff<T>() * (1 + 0x1p-40) +
                       0x1p-300;
  pp.scaled = c != 1.0;
  profile_.pairs = pp;
}

template <class T>
std::optional<RotaryStructure> ScaledRope<T>::rotary_structure() const {
  RotaryStructure s;
  s.layout = config_.layout;
  s.head_dim = this->dim();
  s.rotary_dim = this->rotary_dim();
  for (const T& f : spec_.inv_freq) s.frequency.push_back(to_double(f));
  s.attention = to_double(spec_.attention_factor);
  s.rope_theta = config_.rope_theta;
  s.scaling = std::make_shared<const RopeScalingConfig>(config_);
  return s;
}

template <class T>
Mat<T> ScaledRope<T>::query_map(double pos) const {
  Mat<T> a = Rope<T>::query_map(pos);
  const Index r = this->rotary_dim();
  a.topLeftCorner(r, r) *= spec_.attention_factor;  // identity-free: off-pair entries are 0
  return a;
}

template <class T>
Vec<T> ScaledRope<T>::apply_query(const Vec<T>& x, double pos) const {
  Vec<T> y = Rope<T>::apply_query(x, pos);
  y.head(this->rotary_dim()) *= spec_.attention_factor;
  return y;
}

POSPROP_EXTERN_LADDER(ScaledRope);

}  // namespace posprop
