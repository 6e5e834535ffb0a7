// A transformers config.json -> a posprop encoder and every one of its parameters.
//
// What is read (transformers names; the derivation of each parameter is recorded as a note):
//   head_dim, or hidden_size / num_attention_heads (GPT-J: n_embd / n_head); DeepSeek's
//   qk_rope_head_dim (RoPE acts on a separate part of that width); partial_rotary_factor,
//   rotary_pct (GPT-NeoX), rotary_dim (GPT-J); rope_theta (GPT-NeoX: rotary_emb_base; Gemma 3:
//   rope_local_base_freq for sliding layers); max_position_embeddings (GPT-J: n_positions),
//   original_max_position_embeddings; rope_scaling or rope_parameters with `type` or `rope_type`
//   (default, linear, dynamic, yarn, longrope and its older name su, llama3, mrope /
//   mrope_section), per-layer-type rope_parameters dictionaries; text_config of multimodal
//   wrappers; the layout from model_type (and DeepSeek's rope_interleave).
// Every problem is an InputError "FILE: KEY: what is wrong": an unknown rope type, a key of the
// rope block that the type does not use (transformers would ignore it silently), contradictory
// keys, a missing required key, a value of the wrong type.
//
// Sources (huggingface/transformers): src/transformers/modeling_rope_utils.py
// (_compute_*_parameters, standardize_rope_params, the _validate_* functions) and the model
// configurations (configuration_gptj.py attribute_map, configuration_gpt_neox.py rotary_pct /
// rotary_emb_base, configuration_gemma3.py rope_local_base_freq, configuration_deepseek_v3.py
// qk_rope_head_dim / rope_interleave, configuration_qwen2_vl.py mrope_section).
#pragma once

#include "posprop/params.hpp"

#include <string>
#include <vector>

namespace posprop {

/// How transformers versions disagree on the YaRN / LongRoPE scale when a config gives both
/// `factor` and original_max_position_embeddings with max_position_embeddings / original !=
/// factor (e.g. Qwen2.5's model-card YaRN block: factor 4, both lengths 32768):
///   explicit  the factor as written; L = original_max_position_embeddings (transformers since
///             PR #40320, Aug 2025, fixing issue #38224; llama.cpp, vLLM, TGI)
///   ratio     factor := max_position_embeddings / original_max_position_embeddings (transformers
///             from the DeepSeek-V3 change until PR #40320: modeling_rope_utils.py at f022bf93,
///             cited in issue #38224)
///   legacy    YaRN with L := max_position_embeddings, original_max_position_embeddings unread
///             (transformers' first YaRN, modeling_rope_utils.py at 0044e3b3); LongRoPE as ratio
enum class ScalingRule { explicit_factor, ratio, legacy };
const char* to_string(ScalingRule rule);
/// "explicit", "ratio", "legacy"; InputError naming `option` otherwise.
ScalingRule parse_scaling_rule(const std::string& option, const std::string& text);

struct HfConfigOptions {
  std::string layer_type;  // "" = not chosen (an error when the config has several RoPEs)
  ScalingRule scaling_rule = ScalingRule::explicit_factor;
};

/// The encoder a config describes.
struct HfDerivation {
  std::string file;                // as named in messages
  std::string model_type;          // "" when absent
  std::string encoder;             // registry name ("rope-llama3")
  Params params;                   // every parameter of the encoder (head_dim included), validated
  std::vector<std::string> notes;  // "factor = 8  <- rope_scaling.factor" and remarks
  std::vector<std::string> ignored;      // config keys that do not affect the encoding
  std::vector<std::string> layer_types;  // RoPE layer types of the config (>= 2: a choice)
  std::string layer_type;                // the one derived ("" when the config has one RoPE)
  ScalingRule scaling_rule = ScalingRule::explicit_factor;
};

/// The deepest nesting of arrays and objects a config may have (transformers configs nest 3).
constexpr int kMaxConfigDepth = 256;

/// Derives the encoder from the text of a config.json named `file` in messages.
HfDerivation derive_hf_config(const std::string& json_text, const std::string& file,
                              const HfConfigOptions& options);

/// Overrides derived parameters (`--set`): each key must be a parameter of the encoder; the
/// result is validated again and every override recorded as a note.
void apply_overrides(HfDerivation& d, const Params& overrides);

/// The derivation as a readable block (the CLI prints it on stderr).
std::string describe(const HfDerivation& d);

/// The shortest decimal text that reads back as `x` ("8", "0.25", "1.0800000429153442").
std::string shortest_decimal(double x);

}  // namespace posprop
