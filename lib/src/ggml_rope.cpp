// llama.cpp's RoPE kernels in exactly emulated fp32 (posprop/ggml_rope.hpp: the transcribed
// source lines and what is modelled).
#include "posprop/ggml_rope.hpp"

#include "posprop/conventions.hpp"
#include "posprop/precision/format.hpp"
#include "posprop/rope_scaling.hpp"
#include "posprop/scalar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace posprop {

namespace {

/// v rounded once to fp32 (MPFR: correctly rounded, ties to even).
double from_hp(const Hp50& v) {
  return static_cast<double>(mpfr_get_flt(v.backend().data(), MPFR_RNDN));
}

}  // namespace

namespace fp32 {

double round(double x) {
  return precision::round_to(x, precision::format(precision::FormatId::fp32));
}
double powf(double x, double y) {
  return from_hp(pow(Hp50(x), Hp50(y)));
}
double logf(double x) {
  return from_hp(log(Hp50(x)));
}
double cosf(double x) {
  return from_hp(cos(Hp50(x)));
}
double sinf(double x) {
  return from_hp(sin(Hp50(x)));
}

}  // namespace fp32

namespace {

using fp32::round;

double decimal_to_fp32(const std::string& text) {
  // The configuration's Python float (a double), stored as an f32 GGUF value.
  return round(std::strtod(text.c_str(), nullptr));
}

/// ggml_rope_yarn_corr_dim: n_dims * logf(n_ctx_orig / (n_rot * 2 * (float)M_PI)) / (2 *
/// logf(base)), every step in fp32.
double corr_dim(Index n_dims, double n_ctx_orig, double n_rot, double base) {
  const double pi = round(3.14159265358979323846);  // (float)M_PI
  const double arg = round(n_ctx_orig / round(round(n_rot * 2) * pi));
  const double num = round(static_cast<double>(n_dims) * fp32::logf(arg));
  return round(num / round(2 * fp32::logf(base)));
}

/// The attn_factor llama.cpp hands the kernel for YaRN (src/llama-context.cpp): get_mscale(factor,
/// 1.0f) = 0.1f * 1.0f * logf(factor) + 1.0f, times 1.0f / (1.0f + 0.1f * logf(factor)), with
/// factor = 1.0f / freq_scale. mscale = mscale_all_dim = 1 (DeepSeek-V3): get_mscale(f, 1) /
/// get_mscale(f, 1) = 1 exactly instead of the first factor.
double yarn_attn_factor(const RopeScalingConfig& c, double freq_scale) {
  if (c.has_attention_factor) {
    throw InputError(
        "the ggml kernels: an explicit YaRN attention_factor is not modelled (how "
        "llama.cpp combines it with its own mscale depends on the conversion)");
  }
  const double m = std::strtod(c.mscale.c_str(), nullptr);
  const double m_all = std::strtod(c.mscale_all_dim.c_str(), nullptr);
  const double factor = round(1.0 / freq_scale);
  const double tenth = round(0.1);
  const double log_factor = fp32::logf(factor);
  double pre = 1;
  if (m == 0 && m_all == 0) {
    pre = factor <= 1 ? 1.0 : round(round(round(tenth * 1.0) * log_factor) + 1.0);
  } else if (!(m == 1 && m_all == 1)) {
    throw InputError("the ggml kernels: mscale = " + c.mscale +
                     ", mscale_all_dim = " + c.mscale_all_dim +
                     " is not modelled (llama.cpp reads only mscale_all_dim and assumes mscale == "
                     "1, except for DeepSeek-2)");
  }
  const double cancel = round(1.0 / round(1.0 + round(tenth * log_factor)));
  return round(pre * cancel);
}

}  // namespace

std::vector<double> ggml_yarn_corr_dims(Index n_dims, double n_ctx_orig, double freq_base,
                                        double beta_fast, double beta_slow) {
  const double start = std::floor(corr_dim(n_dims, n_ctx_orig, beta_fast, freq_base));
  const double end = std::ceil(corr_dim(n_dims, n_ctx_orig, beta_slow, freq_base));
  return {std::max(0.0, start), std::min(static_cast<double>(n_dims - 1), end)};
}

GgmlRope::GgmlRope(const RotaryStructure& s, bool cuda) : n_dims_(s.rotary_dim), cuda_(cuda) {
  check_ggml_implements(s, cuda ? "ggml-cuda" : "ggml-cpu");
  const RopeScalingConfig* c = s.scaling.get();
  const double base = decimal_to_fp32(c ? c->rope_theta : s.rope_theta);
  theta_scale_ = fp32::powf(base, round(-2.0 / static_cast<double>(n_dims_)));
  if (cuda_) {
    // powf(theta_scale, i0/2.0f) does not depend on the position: formed once per pair.
    for (Index k = 0; k < n_dims_ / 2; ++k)
      pow_k_.push_back(fp32::powf(theta_scale_, static_cast<double>(k)));
  }
  if (!c) return;
  const double factor = c->factor.empty() ? 1.0 : decimal_to_fp32(c->factor);
  const RopeScalingSpec<Hp50> spec = rope_scaling_spec<Hp50>(*c);
  switch (c->type) {
    case RopeScalingType::linear:
      freq_scale_ = round(1.0 / factor);
      break;
    case RopeScalingType::yarn: {
      freq_scale_ = round(1.0 / factor);
      ext_factor_ = 1;
      const std::vector<double> dims = ggml_yarn_corr_dims(
          n_dims_, std::strtod(c->original_max_position_embeddings.c_str(), nullptr), base,
          decimal_to_fp32(c->beta_fast), decimal_to_fp32(c->beta_slow));
      corr_[0] = dims[0];
      corr_[1] = dims[1];
      attn_factor_ = yarn_attn_factor(*c, freq_scale_);
      // rope_yarn: mscale *= 1.0f + 0.1f * logf(1.0f / freq_scale) (the same for every entry).
      yarn_mscale_ = round(1.0 + round(round(0.1) * fp32::logf(round(1.0 / freq_scale_))));
      break;
    }
    case RopeScalingType::llama3:
    case RopeScalingType::longrope:
      // rope_freqs: theta_extrap = theta / freq_factor; divisor = default_k / inv_k.
      for (std::size_t k = 0; k < spec.inv_freq.size(); ++k) {
        freq_factors_.push_back(from_hp(spec.default_inv_freq[k] / spec.inv_freq[k]));
      }
      attn_factor_ = from_hp(spec.attention_factor);
      break;
    case RopeScalingType::ntk:
    case RopeScalingType::dynamic_ntk:
    case RopeScalingType::yarn_paper:
      break;  // refused by check_ggml_implements
  }
}

GgmlCacheEntry GgmlRope::entry(Index k, std::int64_t pos) const {
  const double p = round(static_cast<double>(pos));  // int64 -> float theta_base
  double theta = p;
  if (cuda_) {
    theta = round(p * pow_k_[static_cast<std::size_t>(k)]);  // powf(theta_scale, i0/2.0f)
  } else {
    for (Index j = 0; j < k; ++j) theta = round(theta * theta_scale_);  // theta *= theta_scale
  }
  const double ff = freq_factors_.empty() ? 1.0 : freq_factors_[static_cast<std::size_t>(k)];
  const double extrap = round(theta / ff);
  double t = round(freq_scale_ * extrap);  // theta_interp
  double mscale = attn_factor_;
  if (ext_factor_ != 0) {
    const double span = std::max(round(0.001), round(corr_[1] - corr_[0]));
    const double y = round(round(static_cast<double>(k) - corr_[0]) / span);
    const double ramp_mix = round(round(1 - std::min(1.0, std::max(0.0, y))) * ext_factor_);
    t = round(round(t * round(1 - ramp_mix)) + round(extrap * ramp_mix));
    mscale = round(mscale * yarn_mscale_);
  }
  return {round(fp32::cosf(t) * mscale), round(fp32::sinf(t) * mscale), t};
}

}  // namespace posprop
