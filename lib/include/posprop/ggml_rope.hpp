// llama.cpp's RoPE kernels as they run in fp32 (conventions ggml-cpu and ggml-cuda), evaluated
// exactly: every fp32 operation of the kernel is rounded once to nearest (emulated in double,
// which is exact for fp32 +, -, *, /: Figueroa 1995, 53 >= 2 * 24 + 2), and powf, logf, cosf,
// sinf are correctly rounded (computed with MPFR, rounded once). proofs/conventions.md section 3.
//
// Transcribed from llama.cpp (ggml-org/llama.cpp):
//   ggml/src/ggml-cpu/ops.cpp ggml_compute_forward_rope_flt:
//     const float theta_scale = powf(freq_base, -2.0f/n_dims);
//     ggml_rope_yarn_corr_dims(n_dims, n_ctx_orig, freq_base, beta_fast, beta_slow, corr_dims);
//   ggml_rope_cache_init(float theta_base = p, ...): float theta = theta_base; per pair i0:
//     rope_yarn(theta/ff, freq_scale, corr_dims, i0, ext_factor, mscale, ...); theta *=
//     theta_scale;
//   rope_yarn: float theta_interp = freq_scale * theta_extrap; float theta = theta_interp;
//     if (ext_factor != 0.0f) { float ramp_mix = rope_yarn_ramp(corr_dims[0], corr_dims[1], i0)
//       * ext_factor; theta = theta_interp * (1 - ramp_mix) + theta_extrap * ramp_mix;
//       mscale *= 1.0f + 0.1f * logf(1.0f / freq_scale); }
//     *cos_theta = cosf(theta) * mscale; *sin_theta = sinf(theta) * mscale;
//   rope_yarn_ramp: const float y = (i0 / 2 - low) / MAX(0.001f, high - low);
//     return 1 - MIN(1, MAX(0, y));
//   ggml/src/ggml.c ggml_rope_yarn_corr_dim: n_dims * logf(n_ctx_orig / (n_rot * 2 *
//     (float)M_PI)) / (2 * logf(base)); ggml_rope_yarn_corr_dims: start = floorf(corr_dim(
//     beta_fast)), end = ceilf(corr_dim(beta_slow)), dims = {MAX(0, start), MIN(n_dims - 1, end)}
//   ggml/src/ggml-cuda/rope.cu rope_norm / rope_neox:
//     const float theta_base = pos[channel_x]*powf(theta_scale, i0/2.0f); then the same rope_yarn
//     on theta_base/freq_factor.
//   src/llama-context.cpp (the attn_factor handed to the kernel for YaRN, ext_factor = 1):
//     yarn_attn_factor = get_mscale(factor, 1.0f) (0.1f * mscale * logf(scale) + 1.0f), then
//     yarn_attn_factor *= 1.0f / (1.0f + 0.1f * logf(factor)) with factor = 1.0f /
//     rope_freq_scale -- which cancels rope_yarn's own factor; rope_freq_scale = 1.0f / factor
//     (src/llama-model.cpp rope_freq_scale_train).
// Families: plain RoPE (freq_scale 1, ext_factor 0); linear (freq_scale = 1/factor); YaRN
// (ext_factor 1; correction range always floored / ceiled); Llama 3 and LongRoPE through
// freq_factors, the per-pair divisors of the rope_freqs tensor (convert_hf_to_gguf.py computes
// them in Python and stores f32: modelled as the fp32 rounding of the exact divisor, and of the
// chosen LongRoPE list, long when seq_len > original_max_position_embeddings; LongRoPE's
// attention factor as rope.scaling.attn_factor in f32).
// Not modelled (InputError): an explicit YaRN attention_factor, and mscale / mscale_all_dim other
// than both unset or both 1 (llama.cpp assumes mscale == 1 except for DeepSeek-2). Not modelled
// either, and covered by the tolerance: fused multiply-add contraction (nvcc by default, gcc with
// -march=native), CUDA's 2-ulp powf / sinf / cosf, and the rotation of q and k itself (exact).
#pragma once

#include "posprop/encoder.hpp"

#include <cstdint>
#include <vector>

namespace posprop {

/// One entry of ggml's rope cache: cos_theta and sin_theta as the kernel holds them (fp32
/// values, attention factor included), and the angle theta it took the cosine of.
struct GgmlCacheEntry {
  double cos = 1, sin = 0, theta = 0;
};

class GgmlRope {
 public:
  /// From the structure of the exact encoder (parameters already under the ggml convention).
  GgmlRope(const RotaryStructure& s, bool cuda);

  Index pairs() const { return n_dims_ / 2; }
  bool cuda() const { return cuda_; }
  /// Pair k at the integer position `pos` (0 <= pos <= 2^24).
  GgmlCacheEntry entry(Index k, std::int64_t pos) const;

  // The kernel's fp32 parameters (for reports and tests).
  double theta_scale() const { return theta_scale_; }
  double freq_scale() const { return freq_scale_; }
  double ext_factor() const { return ext_factor_; }
  double attn_factor() const { return attn_factor_; }
  double corr_low() const { return corr_[0]; }
  double corr_high() const { return corr_[1]; }
  const std::vector<double>& freq_factors() const { return freq_factors_; }

 private:
  Index n_dims_ = 0;
  bool cuda_ = false;
  double theta_scale_ = 1, freq_scale_ = 1, ext_factor_ = 0, attn_factor_ = 1, yarn_mscale_ = 1;
  std::vector<double> pow_k_;  // CUDA: powf(theta_scale, k)
  double corr_[2] = {0, 0};
  std::vector<double> freq_factors_;  // empty: none
};

/// The fp32 helpers of the emulation (exposed for tests): x rounded to fp32; and correctly
/// rounded fp32 powf, logf, cosf, sinf of fp32 arguments.
namespace fp32 {
double round(double x);
double powf(double x, double y);
double logf(double x);
double cosf(double x);
double sinf(double x);
}  // namespace fp32

/// ggml_rope_yarn_corr_dims in fp32 (correctly rounded logf): {low, high}.
std::vector<double> ggml_yarn_corr_dims(Index n_dims, double n_ctx_orig, double freq_base,
                                        double beta_fast, double beta_slow);

}  // namespace posprop
