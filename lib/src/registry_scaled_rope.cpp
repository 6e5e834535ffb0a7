// Registry entries of the scaled-RoPE family (see registry_parts.hpp): every entry is a
// ScaledRope built from its rope_scaling configuration (posprop/rope_scaling.hpp), with a spec
// for `posprop freqs`. Expected failures, one reason each (proofs/scaled_rope.md):
//   rotation.orthogonal, rotation.group, rope.complex_view: fail exactly when the attention
//     factor c != 1 (|A(p) x| = c |x|; A(a) A(b) = c A(a + b); |c e^{i t}| = c), as rope-scaled;
//   score.query_additive, score.position_bias_only: RoPE couples content and position;
//   scaling.continuity: fails for YaRN with truncate = true (floor / ceil make low / high jump
//     as beta_fast crosses a value with integral correction dimension) and for LongRoPE (the
//     short / long switch at seq_len = original_max_position_embeddings is a jump).
#include "registry_parts.hpp"

#include "posprop/encoders/scaled_rope.hpp"

namespace posprop::registry_parts {

namespace {

const ParamSpec kLayoutNeox{"layout", "half_split", "interleaved (GPT-J) or half_split (NeoX, HF)"};
const ParamSpec kPartial{"partial_rotary_factor", "1", "fraction of head_dim that rotates"};
const char* const kHf = "transformers src/transformers/modeling_rope_utils.py ";

ParamSpec factor(const char* value) {
  return {"factor", value, "scale factor s (context extension ratio), >= 1"};
}
ParamSpec original(const char* value) {
  return {"original_max_position_embeddings", value, "L: the pre-training context length"};
}
ParamSpec seq_len(const char* value) {
  return {"seq_len", value, "current sequence length (0 = not given)"};
}
const ParamSpec kAttention{"attention_factor", "auto",
                           "c multiplied into cos and sin ('auto': the family's default)"};

/// An entry whose encoder is ScaledRope(rope_scaling_config(type, params)).
EncoderEntry scaled(std::string name, RopeScalingType type, std::string description,
                    std::string source, std::vector<ParamSpec> extra,
                    std::set<std::string> expected_failures) {
  std::vector<ParamSpec> params = {
      {"rope_type", to_string(type), "transformers rope_type (fixed for this encoder)"},
      kHeadDim,
      kTheta,
      kLayoutNeox,
      kPartial};
  params.insert(params.end(), extra.begin(), extra.end());
  expected_failures.insert({"score.query_additive", "score.position_bias_only"});
  EncoderEntry e = build::entry({std::move(name), "scaled-rope", Site::qk_transform,
                                 std::move(description), std::move(source)},
                                std::move(params), std::move(expected_failures));
  e.scaling = type;
  if (type == RopeScalingType::ntk || type == RopeScalingType::dynamic_ntk) e.dim_multiple = 4;
  e.spec = [type](const Params& p, int digits) {
    return rope_scaling_fields(rope_scaling_config(type, p), digits);
  };
  build::construct<ScaledRope>(
      e, [type](const Params& p) { return std::tuple(rope_scaling_config(type, p)); });
  return e;
}

}  // namespace

SpecFunction plain_rope_spec() {
  return [](const Params& p, int digits) {
    return rope_scaling_fields(rope_scaling_config(RopeScalingType::linear, p), digits);
  };
}

void add_scaled_rope_entries(std::vector<EncoderEntry>& all) {
  // c != 1: not an isometry, hence neither a group nor unit complex numbers (as rope-scaled).
  const std::set<std::string> scaled_norm = {"rotation.orthogonal", "rotation.group",
                                             "rope.complex_view"};
  const std::string jumps = "scaling.continuity";
  auto with = [](std::set<std::string> s, const std::string& extra) {
    s.insert(extra);
    return s;
  };

  all.push_back(scaled("rope-linear", RopeScalingType::linear,
                       "position interpolation: inv_freq / factor",
                       std::string(kHf) + "_compute_linear_scaling_rope_parameters; Chen et al. "
                                          "arXiv 2306.15595",
                       {factor("4")}, {}));
  all.push_back(scaled("rope-ntk", RopeScalingType::ntk,
                       "static NTK-aware: base * factor^(d/(d-2))",
                       std::string(kHf) + "_compute_ntk_parameters (bloc97, /r/LocalLLaMA 2023)",
                       {factor("4")}, {}));
  all.push_back(
      scaled("rope-dynamic-ntk", RopeScalingType::dynamic_ntk,
             "dynamic NTK: base * (factor n / L - (factor - 1))^(d/(d-2)), n = max(seq_len, L)",
             std::string(kHf) + "_compute_dynamic_ntk_parameters",
             {factor("4"), original("2048"), seq_len("8192")}, {}));
  const std::vector<ParamSpec> yarn_params = {
      factor("4"),
      original("4096"),
      {"beta_fast", "32", "YaRN beta_fast (rotations at the low correction dim)"},
      {"beta_slow", "1", "YaRN beta_slow"},
      {"truncate", "true", "floor / ceil the correction range (transformers default)"},
      {"mscale", "0", "DeepSeek mscale (0 = not set)"},
      {"mscale_all_dim", "0", "DeepSeek mscale_all_dim (0 = not set)"},
      kAttention,
      {"correction_range", "transformers",
       "transformers (floor / ceil iff truncate) or ggml (llama.cpp: always floor / ceil)"}};
  all.push_back(scaled("rope-yarn", RopeScalingType::yarn,
                       "YaRN (reference code: ramp over the pair index, floor/ceil), mscale into "
                       "cos and sin",
                       std::string(kHf) + "_compute_yarn_parameters; arXiv 2309.00071", yarn_params,
                       with(scaled_norm, jumps)));
  {
    std::vector<ParamSpec> p = yarn_params;
    p[4].default_value = "false";
    all.push_back(scaled("rope-yarn-untruncated", RopeScalingType::yarn,
                         "YaRN with truncate = false (continuous correction range)",
                         std::string(kHf) + "_compute_yarn_parameters (truncate)", p, scaled_norm));
  }
  {
    // DeepSeek-V3 config.json rope_scaling: factor 40, L 4096, beta 32 / 1, mscale =
    // mscale_all_dim = 1 (attention factor 1: DeepSeek puts mscale^2 into the softmax scale).
    std::vector<ParamSpec> p = yarn_params;
    p[0].default_value = "40";
    p[5].default_value = "1";
    p[6].default_value = "1";
    all.push_back(scaled("rope-yarn-deepseek", RopeScalingType::yarn,
                         "YaRN with DeepSeek mscale / mscale_all_dim (DeepSeek-V3 defaults)",
                         std::string(kHf) + "_compute_yarn_parameters (get_mscale)", p, {jumps}));
  }
  {
    // llama.cpp's YaRN (ggml/src/ggml.c ggml_rope_yarn_corr_dims, ggml-cpu/ops.cpp rope_yarn):
    // the correction range is floored / ceiled whatever `truncate` says, so with truncate = false
    // (gpt-oss) it is a different function from transformers' (proofs/scaled_rope.md).
    std::vector<ParamSpec> p = yarn_params;
    p[4].default_value = "false";
    p[8].default_value = "ggml";
    all.push_back(scaled("rope-yarn-ggml", RopeScalingType::yarn,
                         "YaRN as llama.cpp computes it: correction range always floored / ceiled "
                         "(truncate ignored)",
                         "llama.cpp ggml/src/ggml.c ggml_rope_yarn_corr_dims, "
                         "ggml/src/ggml-cpu/ops.cpp rope_yarn",
                         p, with(scaled_norm, jumps)));
  }
  all.push_back(
      scaled("rope-yarn-paper", RopeScalingType::yarn_paper,
             "YaRN as in the paper: ramp gamma(r), r = L / lambda (NTK-by-parts), no truncation",
             "Peng et al. arXiv 2309.00071 sec. 3.2 eq. 17-18, sec. 3.4",
             {factor("4"),
              original("4096"),
              {"beta_fast", "32", "beta (r above: kept)"},
              {"beta_slow", "1", "alpha (r below: divided by factor)"},
              kAttention},
             scaled_norm));
  {
    std::vector<ParamSpec> p = {factor("8"),
                                {"low_freq_factor", "1", "Llama 3.1 low_freq_factor"},
                                {"high_freq_factor", "4", "Llama 3.1 high_freq_factor"},
                                original("8192")};
    EncoderEntry e = scaled("rope-llama3", RopeScalingType::llama3,
                            "Llama 3.1 frequency bands (both edges inclusive), smooth in between",
                            std::string(kHf) +
                                "_compute_llama3_parameters; meta-llama "
                                "llama-models apply_scaling",
                            p, {});
    for (ParamSpec& s : e.params)
      if (s.key == "rope_theta") s.default_value = "500000";
    all.push_back(e);
  }
  {
    // Fixed-length lists: head_dim 16 (8 pairs). Phi-3 style: long factors grow with the pair
    // index, short factors close to 1; factor 32 = 131072 / 4096 (Phi-3-mini-128k).
    EncoderEntry e =
        scaled("rope-longrope", RopeScalingType::longrope,
               "LongRoPE / Phi-3 su: inv_freq / ext_factors, long factors when seq_len > L",
               std::string(kHf) + "_compute_longrope_parameters; microsoft/LongRoPE",
               {factor("32"),
                original("4096"),
                seq_len("8192"),
                {"short_factor", "1,1,1,1.05,1.1,1.15,1.2,1.25", "ext factors for seq_len <= L"},
                {"long_factor", "1,1.5,2,3,5,8,13,21", "ext factors for seq_len > L"},
                kAttention},
               with(scaled_norm, jumps));
    for (ParamSpec& s : e.params)
      if (s.key == "head_dim") s.default_value = "16";
    e.dims = {16};
    all.push_back(e);
  }
}

}  // namespace posprop::registry_parts
