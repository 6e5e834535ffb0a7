// Scaled RoPE: the spec quantities (inverse frequency per pair, attention factor and the
// family's intermediate quantities) computed from the raw rope_scaling configuration in the
// scalar T, so that T = Hp100 gives the 100-digit spec and T = double what a double
// implementation of the same formula would compute.
//
// Reference: huggingface/transformers src/transformers/modeling_rope_utils.py
//   (_compute_linear_scaling_rope_parameters, _compute_dynamic_ntk_parameters,
//    _compute_ntk_parameters, _compute_yarn_parameters (with `truncate`, mscale,
//    mscale_all_dim), _compute_longrope_parameters, _compute_llama3_parameters);
// YaRN paper: Peng et al., arXiv 2309.00071, sec. 3.2 eq. (17)-(18) ("NTK-by-parts": r = L /
// lambda_d, ramp gamma(r)) and sec. 3.4 (sqrt(1/t) = 0.1 ln s + 1).
// Formulas (d = rotary dim, b = rope_theta, s = factor, L = original_max_position_embeddings,
// default_i = b^(-2i/d), i = 0 .. d/2 - 1):
//   linear:   inv_i = default_i / s
//   ntk:      b' = b s^(d/(d-2)),                          inv_i = b'^(-2i/d)
//   dynamic:  n = max(seq_len, L), b' = b (s n / L - (s - 1))^(d/(d-2)), inv_i = b'^(-2i/d)
//   yarn:     cd(r) = d ln(L / (2 pi r)) / (2 ln b); low = max(floor(cd(beta_fast)), 0),
//             high = min(ceil(cd(beta_slow)), d - 1) (no floor/ceil when truncate = false;
//             always floor/ceil with correction_range = ggml: llama.cpp ggml/src/ggml.c
//             ggml_rope_yarn_corr_dims has no truncate switch);
//             high += 0.001 if low == high; ramp_i = clamp((i - low) / (high - low), 0, 1);
//             inv_i = default_i / s * ramp_i + default_i * (1 - ramp_i);
//             attention = attention_factor if given, else get_mscale(s, mscale) /
//             get_mscale(s, mscale_all_dim) if both are non-zero, else get_mscale(s), with
//             get_mscale(s, m) = 0.1 m ln s + 1 (s > 1), 1 (s <= 1)
//   yarn-paper: r_i = L default_i / (2 pi), gamma_i = clamp((r_i - beta_slow) / (beta_fast -
//             beta_slow), 0, 1), inv_i = (1 - gamma_i) default_i / s + gamma_i default_i
//   llama3:   lambda_i = 2 pi / default_i; lambda_i > L / low_freq_factor: default_i / s;
//             lambda_i < L / high_freq_factor: default_i; otherwise (both edges inclusive)
//             sm = (L / lambda_i - lf) / (hf - lf), inv_i = (1 - sm) default_i / s + sm default_i
//   longrope: ext = long_factor if seq_len > L else short_factor, inv_i = default_i / ext_i,
//             attention = attention_factor if given, else sqrt(1 + ln s / ln L) (s > 1), 1
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/registry.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace posprop {

// RopeScalingType (posprop/registry.hpp): the schedule an entry declares.
const char* to_string(RopeScalingType type);
/// Inverse of to_string ("linear", "ntk", "dynamic", "yarn", "yarn-paper", "llama3",
/// "longrope"); InputError otherwise.
RopeScalingType parse_rope_type(const std::string& text);

/// The raw configuration, validated (every number kept as its decimal text, so that a
/// high-precision T parses it exactly as written).
struct RopeScalingConfig {
  RopeScalingType type = RopeScalingType::linear;
  Index head_dim = 0, rotary_dim = 0;
  Layout layout = Layout::half_split;
  std::string rope_theta, factor, original_max_position_embeddings, seq_len;
  std::string beta_fast, beta_slow, mscale, mscale_all_dim, low_freq_factor, high_freq_factor;
  /// Whether the correction range is floored / ceiled: transformers' `truncate`, or always with
  /// correction_range = ggml (llama.cpp ggml_rope_yarn_corr_dims ignores `truncate`).
  bool truncate = true;
  std::string correction_range = "transformers";  // or "ggml"
  bool has_attention_factor = false;
  std::string attention_factor;
  std::vector<std::string> short_factor, long_factor;
};

/// The rope_scaling keys a schedule reads besides head_dim, rope_theta, layout and
/// partial_rotary_factor (transformers _validate_*_parameters): an entry that declares the
/// schedule accepts them, and the scaling.* properties vary them.
struct RopeScalingKeys {
  bool factor = true;                             // s
  bool original_max_position_embeddings = false;  // L
  bool seq_len = false;                           // the current length (dynamic NTK, LongRoPE)
  bool betas = false;                             // beta_fast, beta_slow (YaRN, YaRN paper)
  bool freq_bands = false;                        // low_freq_factor, high_freq_factor (Llama 3)
  bool ext_factors = false;                       // short_factor, long_factor (LongRoPE)
};
RopeScalingKeys rope_scaling_keys(RopeScalingType type);

/// Validates the completed parameters of a scaled-RoPE entry (InputError naming the key).
RopeScalingConfig rope_scaling_config(RopeScalingType type, const Params& p);

/// A named list or scalar of the spec besides inv_freq and attention_factor (YaRN low / high and
/// ramp, Llama 3 smooth factor, effective base, ...).
template <class T>
struct SpecQuantity {
  std::string name;
  std::vector<T> values;
  bool is_list = true;
};

template <class T>
struct RopeScalingSpec {
  std::vector<T> default_inv_freq;  // b^(-2i/d)
  std::vector<T> inv_freq;
  T attention_factor = T(1);
  std::vector<SpecQuantity<T>> quantities;  // numbers
  std::vector<SpecField> labels;            // words (Llama 3 band per pair, LongRoPE list used)
};

/// Decimal text -> T, rounded once (an enclosure for intervals).
template <class T>
T parse_real(const std::string& text) {
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    return static_cast<T>(std::strtod(text.c_str(), nullptr));
  } else {
    return T(text.c_str());
  }
}

/// Decisions of the spec (floor, ceil, comparisons) on T. For intervals they are taken on the
/// midpoint (Boost aborts on an undecidable interval comparison): the enclosure is then that
/// of the branch the midpoint selects.
template <class T>
bool spec_less(const T& a, const T& b) {
  return is_negative(T(a - b));
}
template <class T>
T spec_floor(const T& x) {
  using std::floor;
  if constexpr (std::is_same_v<T, Interval>) {
    return T(floor(boost::multiprecision::median(x)));
  } else {
    return floor(x);
  }
}
template <class T>
T spec_ceil(const T& x) {
  using std::ceil;
  if constexpr (std::is_same_v<T, Interval>) {
    return T(ceil(boost::multiprecision::median(x)));
  } else {
    return ceil(x);
  }
}
template <class T>
T spec_clamp01(const T& x) {
  if (spec_less(x, T(0))) return T(0);
  if (spec_less(T(1), x)) return T(1);
  return x;
}

/// get_mscale(s, m) of transformers _compute_yarn_parameters.
template <class T>
T yarn_get_mscale(const T& s, const T& m) {
  using std::log;
  if (!spec_less(T(1), s)) return T(1);
  return parse_real<T>("0.1") * m * log(s) + T(1);
}

template <class T>
RopeScalingSpec<T> rope_scaling_spec(const RopeScalingConfig& c) {
  using std::atan;
  using std::log;
  using std::pow;
  using std::sqrt;
  RopeScalingSpec<T> out;
  const Index d = c.rotary_dim, half = d / 2;
  const T b = parse_real<T>(c.rope_theta);
  const T two_pi = T(8) * atan(T(1));
  const auto defaults_for = [&](const T& base) {
    std::vector<T> v;
    for (Index i = 0; i < half; ++i) v.push_back(pow(base, T(-2 * i) / T(d)));
    return v;
  };
  out.default_inv_freq = defaults_for(b);
  const std::vector<T>& def = out.default_inv_freq;
  const T s = c.factor.empty() ? T(1) : parse_real<T>(c.factor);
  const T big_l = c.original_max_position_embeddings.empty()
                      ? T(1)
                      : parse_real<T>(c.original_max_position_embeddings);
  const auto scalar = [&](const char* name, const T& v) {
    out.quantities.push_back({name, {v}, false});
  };

  switch (c.type) {
    case RopeScalingType::linear:
      for (const T& f : def) out.inv_freq.push_back(f / s);
      break;
    case RopeScalingType::ntk:
    case RopeScalingType::dynamic_ntk: {
      T scale = s;
      if (c.type == RopeScalingType::dynamic_ntk) {
        // seq_len <= L: n = L and s L / L - (s - 1) = 1 exactly, the base is unchanged.
        const T n = parse_real<T>(c.seq_len);
        scale = spec_less(big_l, n) ? T(s * n / big_l - (s - T(1))) : T(1);
        scalar("scale", scale);
      }
      const T base = b * pow(scale, T(d) / T(d - 2));
      scalar("rope_theta_effective", base);
      out.inv_freq = defaults_for(base);
      break;
    }
    case RopeScalingType::yarn: {
      const T beta_fast = parse_real<T>(c.beta_fast), beta_slow = parse_real<T>(c.beta_slow);
      const auto corr_dim = [&](const T& rotations) {
        return T(T(d) * log(big_l / (rotations * two_pi)) / (T(2) * log(b)));
      };
      const T cd_fast = corr_dim(beta_fast), cd_slow = corr_dim(beta_slow);
      T low = c.truncate ? spec_floor(cd_fast) : cd_fast;
      T high = c.truncate ? spec_ceil(cd_slow) : cd_slow;
      if (spec_less(low, T(0))) low = T(0);
      if (spec_less(T(d - 1), high)) high = T(d - 1);
      scalar("corr_dim_fast", cd_fast);
      scalar("corr_dim_slow", cd_slow);
      scalar("low", low);
      scalar("high", high);
      if (!spec_less(low, high) && !spec_less(high, low)) high += parse_real<T>("0.001");
      SpecQuantity<T> ramp{"ramp", {}, true};
      for (Index i = 0; i < half; ++i) {
        const T r = spec_clamp01(T((T(i) - low) / (high - low)));
        ramp.values.push_back(r);
        out.inv_freq.push_back(def[static_cast<std::size_t>(i)] / s * r +
                               def[static_cast<std::size_t>(i)] * (T(1) - r));
      }
      out.quantities.push_back(ramp);
      const T m = parse_real<T>(c.mscale), m_all = parse_real<T>(c.mscale_all_dim);
      if (c.has_attention_factor) {
        out.attention_factor = parse_real<T>(c.attention_factor);
      } else if (!is_zero(m) && !is_zero(m_all)) {
        out.attention_factor = yarn_get_mscale(s, m) / yarn_get_mscale(s, m_all);
      } else {
        out.attention_factor = yarn_get_mscale(s, T(1));
      }
      break;
    }
    case RopeScalingType::yarn_paper: {
      const T alpha = parse_real<T>(c.beta_slow), beta = parse_real<T>(c.beta_fast);
      SpecQuantity<T> ratio{"ratio", {}, true}, gamma{"gamma", {}, true};
      for (const T& f : def) {
        const T r = big_l * f / two_pi;  // r = L / lambda, lambda = 2 pi / theta
        const T g = spec_clamp01(T((r - alpha) / (beta - alpha)));
        ratio.values.push_back(r);
        gamma.values.push_back(g);
        out.inv_freq.push_back((T(1) - g) * f / s + g * f);
      }
      out.quantities.push_back(ratio);
      out.quantities.push_back(gamma);
      out.attention_factor =
          c.has_attention_factor ? parse_real<T>(c.attention_factor) : yarn_get_mscale(s, T(1));
      break;
    }
    case RopeScalingType::llama3: {
      const T lf = parse_real<T>(c.low_freq_factor), hf = parse_real<T>(c.high_freq_factor);
      const T low_wavelen = big_l / lf, high_wavelen = big_l / hf;
      SpecQuantity<T> smooth{"smooth", {}, true};
      SpecField band{"band", {}, true};
      for (const T& f : def) {
        const T wavelen = two_pi / f;
        T sm = T(0);
        if (spec_less(low_wavelen, wavelen)) {
          band.values.push_back("low");  // divided by factor
          out.inv_freq.push_back(f / s);
        } else if (spec_less(wavelen, high_wavelen)) {
          band.values.push_back("high");  // kept
          sm = T(1);
          out.inv_freq.push_back(f);
        } else {  // both edges inclusive, as in transformers (is_medium_freq)
          band.values.push_back("medium");
          sm = (big_l / wavelen - lf) / (hf - lf);
          out.inv_freq.push_back((T(1) - sm) * f / s + sm * f);
        }
        smooth.values.push_back(sm);
      }
      scalar("low_freq_wavelen", low_wavelen);
      scalar("high_freq_wavelen", high_wavelen);
      out.quantities.push_back(smooth);
      out.labels.push_back(band);
      break;
    }
    case RopeScalingType::longrope: {
      const T n = parse_real<T>(c.seq_len);
      const bool use_long = spec_less(big_l, n);
      const std::vector<std::string>& ext = use_long ? c.long_factor : c.short_factor;
      SpecQuantity<T> ext_factors{"ext_factors", {}, true};
      for (Index i = 0; i < half; ++i) {
        const T e = parse_real<T>(ext[static_cast<std::size_t>(i)]);
        ext_factors.values.push_back(e);
        out.inv_freq.push_back(T(1) / (e * pow(b, T(2 * i) / T(d))));
      }
      out.quantities.push_back(ext_factors);
      out.labels.push_back(
          {"ext_factors_used", {use_long ? "long_factor" : "short_factor"}, false});
      if (c.has_attention_factor) {
        out.attention_factor = parse_real<T>(c.attention_factor);
      } else if (spec_less(T(1), s)) {
        out.attention_factor = sqrt(T(1) + log(s) / log(big_l));
      } else {
        out.attention_factor = T(1);
      }
      break;
    }
  }
  return out;
}

/// The spec as `posprop freqs` prints it: every number at `digits` significant digits.
std::vector<SpecField> rope_scaling_fields(const RopeScalingConfig& c, int digits);

}  // namespace posprop
