// Deliberately broken scaled-RoPE variants (bug-classes.md; issue 4): each takes the correct
// spec of a ScaledRope and reproduces one published or plausible bug in it. The same bug is
// applied to the spec in T and to its 140-digit twin, so the encoder's error bound is that of
// the broken formula (the bug is not hidden in a tolerance). Registered by
// broken_scaled_rope.cpp; the properties that catch each one are listed there.
#pragma once

#include "posprop/encoders/scaled_rope.hpp"

#include <algorithm>

namespace posprop::meta {

enum class ScaledRopeBug {
  mscale_twice,          // YaRN: attention factor multiplied into cos/sin AND the logits: c^2
  ramp_dim_index,        // YaRN: ramp over the dimension index 2i instead of the pair index i
  band_edge_off_by_one,  // Llama 3: band of pair i decided by the wavelength of pair i + 1
  factor_ignored,        // linear: inv_freq / factor forgotten
  switch_wrong_side,     // LongRoPE: long factors for seq_len <= L, short beyond
  ntk_exponent_d,        // dynamic NTK: base * scale^d instead of base * scale^(d/(d-2))
  truncate_ignored,      // YaRN: floor/ceil applied although truncate = false
};

namespace detail_broken {

template <class T>
T clamp01(const T& x) {
  return spec_clamp01(x);
}

/// YaRN inverse frequencies for a given (low, high) range and ramp index map.
template <class T>
void yarn_with(RopeScalingSpec<T>& s, const RopeScalingConfig& c, T low, T high, int index_step) {
  const T f = parse_real<T>(c.factor);
  if (!spec_less(low, high) && !spec_less(high, low)) high += parse_real<T>("0.001");
  for (std::size_t i = 0; i < s.inv_freq.size(); ++i) {
    const T r = clamp01(T((T(index_step * static_cast<int>(i)) - low) / (high - low)));
    s.inv_freq[i] = s.default_inv_freq[i] / f * r + s.default_inv_freq[i] * (T(1) - r);
  }
}

template <class T>
const std::vector<T>& quantity(const RopeScalingSpec<T>& s, const std::string& name) {
  for (const auto& q : s.quantities)
    if (q.name == name) return q.values;
  throw std::logic_error("broken scaled RoPE: no spec quantity " + name);
}

}  // namespace detail_broken

/// The spec with the bug applied (T is any scalar of the ladder, or Mpfr<140>).
template <class T>
RopeScalingSpec<T> with_bug(RopeScalingSpec<T> s, const RopeScalingConfig& c, ScaledRopeBug bug) {
  using namespace detail_broken;
  using std::atan;
  using std::ceil;
  using std::floor;
  using std::pow;
  const T two_pi = T(8) * atan(T(1));
  const std::size_t n = s.inv_freq.size();
  switch (bug) {
    case ScaledRopeBug::mscale_twice:
      s.attention_factor = s.attention_factor * s.attention_factor;
      break;
    case ScaledRopeBug::ramp_dim_index: {
      const T low = quantity(s, "low")[0], high = quantity(s, "high")[0];
      yarn_with(s, c, low, high, 2);
      break;
    }
    case ScaledRopeBug::truncate_ignored: {
      T low = spec_floor(quantity(s, "corr_dim_fast")[0]);
      T high = spec_ceil(quantity(s, "corr_dim_slow")[0]);
      if (spec_less(low, T(0))) low = T(0);
      if (spec_less(T(c.rotary_dim - 1), high)) high = T(c.rotary_dim - 1);
      yarn_with(s, c, low, high, 1);
      break;
    }
    case ScaledRopeBug::band_edge_off_by_one: {
      const T f = parse_real<T>(c.factor),
              big_l = parse_real<T>(c.original_max_position_embeddings);
      const T lf = parse_real<T>(c.low_freq_factor), hf = parse_real<T>(c.high_freq_factor);
      for (std::size_t i = 0; i < n; ++i) {
        const T& d = s.default_inv_freq[i];
        const T next_wavelen = two_pi / s.default_inv_freq[std::min(i + 1, n - 1)];
        if (spec_less(big_l / lf, next_wavelen)) {
          s.inv_freq[i] = d / f;
        } else if (spec_less(next_wavelen, big_l / hf)) {
          s.inv_freq[i] = d;
        } else {
          const T sm = (big_l / (two_pi / d) - lf) / (hf - lf);
          s.inv_freq[i] = (T(1) - sm) * d / f + sm * d;
        }
      }
      break;
    }
    case ScaledRopeBug::factor_ignored:
      s.inv_freq = s.default_inv_freq;
      break;
    case ScaledRopeBug::switch_wrong_side: {
      const T big_l = parse_real<T>(c.original_max_position_embeddings);
      const bool use_long = !spec_less(big_l, parse_real<T>(c.seq_len));
      const auto& ext = use_long ? c.long_factor : c.short_factor;
      for (std::size_t i = 0; i < n; ++i)
        s.inv_freq[i] = s.default_inv_freq[i] / parse_real<T>(ext[i]);
      break;
    }
    case ScaledRopeBug::ntk_exponent_d: {
      const T g = quantity(s, "scale")[0];
      for (std::size_t i = 0; i < n; ++i)
        s.inv_freq[i] = s.default_inv_freq[i] * pow(g, T(-2 * static_cast<int>(i)));
      break;
    }
  }
  return s;
}

/// A ScaledRope whose spec carries `bug` (in T and at 140 digits).
template <class T>
ScaledRope<T>* make_broken_scaled(const RopeScalingConfig& c, ScaledRopeBug bug) {
  return new ScaledRope<T>(c, with_bug(rope_scaling_spec<T>(c), c, bug),
                           with_bug(rope_scaling_spec<Mpfr<140>>(c), c, bug));
}

}  // namespace posprop::meta
