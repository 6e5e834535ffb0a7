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
             const std::vector<Mpfr<140>>& inv_freq_140);

  ErrorProfile error_profile() const override { return profile_; }
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
    : ScaledRope(config, rope_scaling_spec<T>(config),
                 rope_scaling_spec<Mpfr<140>>(config).inv_freq) {}

template <class T>
ScaledRope<T>::ScaledRope(const RopeScalingConfig& config, RopeScalingSpec<T> spec,
                          const std::vector<Mpfr<140>>& inv_freq_140)
    : Rope<T>(config.head_dim, spec.inv_freq, config.layout),
      config_(config),
      spec_(std::move(spec)) {
  profile_.max_frequency = 0;
  for (const T& f : spec_.inv_freq)
    profile_.max_frequency = std::max(profile_.max_frequency, to_double(f));
  profile_.frequency_error_units = frequency_error_units(inv_freq_140, spec_.inv_freq);
  // ||A(p)||_2 = c; the double value rounded up by 2 ulps unless c is exactly 1 (so that a
  // plain rotation keeps the rotation bounds of tolerances.md Lemma 2.3).
  const double c = to_double(spec_.attention_factor);
  profile_.map_norm = c == 1.0 ? 1.0 : c * (1.0 + 0x1p-51);
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
