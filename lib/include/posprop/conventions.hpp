// Conventions of other implementations as named variants (proofs/conventions.md): the ways real
// code reads one RoPE configuration, each evaluated exactly, so that `posprop diff` can say where
// two of them disagree beyond the tolerance of a correct fp32 implementation.
//
//   transformers         the reference: modeling_rope_utils.py, config read with the explicit
//                        factor (hf_config.hpp ScalingRule::explicit_factor)
//   transformers-ratio   transformers between the DeepSeek-V3 change and PR #40320: YaRN /
//                        LongRoPE factor := max_position_embeddings / original (configs only)
//   transformers-legacy  transformers' first YaRN: L := max_position_embeddings (configs only)
//   ggml                 llama.cpp's formulas in exact arithmetic: YaRN's correction range is
//                        floored / ceiled whatever `truncate` says (ggml/src/ggml.c
//                        ggml_rope_yarn_corr_dims: `float start = floorf(ggml_rope_yarn_corr_dim(
//                        n_dims, n_ctx_orig, beta_fast, freq_base)); float end = ceilf(...)`;
//                        transformers _compute_yarn_parameters: `if truncate: low =
//                        math.floor(low); high = math.ceil(high)`). Its frequency recurrence
//                        theta *= theta_scale is, in exact arithmetic, p b^(-2k/d): the same map.
//   ggml-cpu             llama.cpp's CPU kernel as it runs, in fp32 (ggml_rope.hpp): the
//                        recurrence theta *= theta_scale and every other step rounded to fp32
//   ggml-cuda            llama.cpp's CUDA kernel in fp32: theta = p * powf(theta_scale, k)
// llama.cpp implements plain RoPE, linear, YaRN, and Llama 3 / LongRoPE through per-pair
// frequency divisors (rope_freqs); it has no NTK, dynamic NTK or paper-YaRN scaling, and a ggml
// convention of those is an InputError.
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/hf_config.hpp"
#include "posprop/params.hpp"

#include <string>
#include <vector>

namespace posprop {

enum class ConventionId {
  transformers,
  transformers_ratio,
  transformers_legacy,
  ggml,
  ggml_cpu,
  ggml_cuda
};

struct Convention {
  ConventionId id;
  const char* name;
  const char* summary;
  const char* source;
};

/// Every convention, in a stable order.
const std::vector<Convention>& conventions();
/// InputError listing the known names for an unknown one.
const Convention& find_convention(const std::string& name);
const Convention& convention(ConventionId id);

/// How a config.json is read under the convention (ratio and legacy for the two transformers
/// versions, explicit for the others).
ScalingRule scaling_rule_of(ConventionId id);
/// Whether the convention names a transformers version's reading of a config (and so applies to
/// configs and catalogue models only).
bool reads_configs_only(ConventionId id);
/// ggml-cpu and ggml-cuda: an fp32 kernel, not an exact formula.
bool is_kernel(ConventionId id);
/// ggml, ggml-cpu, ggml-cuda.
bool is_ggml(ConventionId id);

/// The parameters of an encoder under the convention: for the ggml ones, a YaRN entry's
/// correction_range becomes "ggml" (InputError when `user` set it to something else). Other
/// parameters are unchanged.
Params apply_convention(ConventionId id, const Params& completed, const Params& user);

/// InputError unless llama.cpp implements the encoder whose structure is `s` (ggml conventions):
/// plain RoPE, linear, YaRN, Llama 3 and LongRoPE.
void check_ggml_implements(const RotaryStructure& s, const std::string& what);

}  // namespace posprop
