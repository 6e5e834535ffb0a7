// The table of conventions (posprop/conventions.hpp) and what each does to an encoder's
// parameters.
#include "posprop/conventions.hpp"

#include "posprop/rope_scaling.hpp"

namespace posprop {

const std::vector<Convention>& conventions() {
  static const std::vector<Convention> table = {
      {ConventionId::transformers, "transformers",
       "the reference formulas; a config read with its explicit factor",
       "transformers src/transformers/modeling_rope_utils.py"},
      {ConventionId::transformers_ratio, "transformers-ratio",
       "a config's YaRN / LongRoPE factor := max_position_embeddings / "
       "original_max_position_embeddings (transformers before PR #40320)",
       "transformers modeling_rope_utils.py at f022bf93 (issue #38224)"},
      {ConventionId::transformers_legacy, "transformers-legacy",
       "a config's YaRN L := max_position_embeddings (transformers' first YaRN)",
       "transformers modeling_rope_utils.py at 0044e3b3 (issue #33783)"},
      {ConventionId::ggml, "ggml",
       "llama.cpp's formulas: YaRN's correction range floored / ceiled whatever truncate says",
       "llama.cpp ggml/src/ggml.c ggml_rope_yarn_corr_dims"},
      {ConventionId::ggml_cpu, "ggml-cpu",
       "llama.cpp's CPU kernel in fp32: theta_scale = powf(base, -2.0f/n_dims), theta *= "
       "theta_scale per pair, rope_yarn",
       "llama.cpp ggml/src/ggml-cpu/ops.cpp ggml_rope_cache_init, rope_yarn"},
      {ConventionId::ggml_cuda, "ggml-cuda",
       "llama.cpp's CUDA kernel in fp32: theta = p * powf(theta_scale, k), rope_yarn with fused "
       "multiply-adds",
       "llama.cpp ggml/src/ggml-cuda/rope.cu rope_norm / rope_neox, rope_yarn"},
  };
  return table;
}

const Convention& convention(ConventionId id) {
  for (const Convention& c : conventions())
    if (c.id == id) return c;
  throw InputError("internal: unknown convention");
}

const Convention& find_convention(const std::string& name) {
  std::string known;
  for (const Convention& c : conventions()) {
    if (name == c.name) return c;
    known += (known.empty() ? "" : ", ") + std::string(c.name);
  }
  throw InputError("unknown convention '" + name + "' (known: " + known + ")");
}

ScalingRule scaling_rule_of(ConventionId id) {
  if (id == ConventionId::transformers_ratio) return ScalingRule::ratio;
  if (id == ConventionId::transformers_legacy) return ScalingRule::legacy;
  return ScalingRule::explicit_factor;
}

bool reads_configs_only(ConventionId id) {
  return id == ConventionId::transformers_ratio || id == ConventionId::transformers_legacy;
}

bool is_kernel(ConventionId id) {
  return id == ConventionId::ggml_cpu || id == ConventionId::ggml_cuda;
}

bool is_ggml(ConventionId id) {
  return id == ConventionId::ggml || is_kernel(id);
}

Params apply_convention(ConventionId id, const Params& completed, const Params& user) {
  Params out = completed;
  if (!is_ggml(id) || !completed.has("correction_range")) return out;
  if (user.has("correction_range") && user.get_string("correction_range") != "ggml") {
    throw InputError("correction_range=" + user.get_string("correction_range") +
                     " contradicts the convention " + convention(id).name +
                     " (llama.cpp always floors / ceils YaRN's correction range)");
  }
  out.set("correction_range", "ggml");
  return out;
}

void check_ggml_implements(const RotaryStructure& s, const std::string& what) {
  if (!s.scaling) return;  // plain RoPE (GGML_ROPE_TYPE_NORMAL / NEOX, n_dims for partial)
  switch (s.scaling->type) {
    case RopeScalingType::linear:
    case RopeScalingType::yarn:
    case RopeScalingType::llama3:
    case RopeScalingType::longrope:
      return;
    case RopeScalingType::ntk:
    case RopeScalingType::dynamic_ntk:
    case RopeScalingType::yarn_paper:
      break;
  }
  throw InputError(what + ": llama.cpp has no '" + to_string(s.scaling->type) +
                   "' scaling (its rope scaling types are none, linear, yarn and longrope; "
                   "Llama 3 through rope_freqs), so a ggml convention of it does not exist");
}

}  // namespace posprop
