// config.json -> encoder (posprop/hf_config.hpp): every config form of issue 14 item 1 derives the
// expected encoder and parameters, and every bad config is an InputError naming the file and key.
#include "posprop/hf_config.hpp"
#include "posprop/registry.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace posprop {
namespace {

using Catch::Contains;

HfDerivation derive(const std::string& json, const std::string& layer = "",
                    ScalingRule rule = ScalingRule::explicit_factor) {
  HfConfigOptions o;
  o.layer_type = layer;
  o.scaling_rule = rule;
  return derive_hf_config(json, "c.json", o);
}

std::string param(const HfDerivation& d, const std::string& key) {
  return d.params.get_string(key);
}

/// A spec quantity (scalar) of the derived encoder at 20 digits.
double spec_scalar(const HfDerivation& d, const std::string& name) {
  for (const SpecField& f : find_encoder(d.encoder).spec(d.params, 20))
    if (f.name == name) return std::stod(f.values.at(0));
  FAIL("no spec field " << name);
  return 0;
}

void require_error(const std::string& json, const std::string& part,
                   const std::string& layer = "") {
  REQUIRE_THROWS_WITH(derive(json, layer), Contains("c.json") && Contains(part));
}

const std::string kLlama = R"({"model_type": "llama", "hidden_size": 4096,
  "num_attention_heads": 32, "max_position_embeddings": 131072, "rope_theta": 500000.0,
  "vocab_size": 128256, "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0,
  "high_freq_factor": 4.0, "original_max_position_embeddings": 8192, "rope_type": "llama3"}})";

TEST_CASE("llama3: every parameter from rope_scaling, head_dim from hidden_size / heads") {
  const HfDerivation d = derive(kLlama);
  CHECK(d.encoder == "rope-llama3");
  CHECK(param(d, "head_dim") == "128");
  CHECK(param(d, "rope_theta") == "500000");
  CHECK(param(d, "factor") == "8");
  CHECK(param(d, "original_max_position_embeddings") == "8192");
  CHECK(param(d, "layout") == "half_split");
  CHECK(d.ignored == std::vector<std::string>{"max_position_embeddings", "vocab_size"});
  CHECK_THAT(describe(d), Contains("factor = 8  <- rope_scaling.factor"));
}

const std::string kQwenYarn = R"({"model_type": "qwen2", "hidden_size": 3584,
  "num_attention_heads": 28, "max_position_embeddings": 32768, "rope_theta": 1000000.0,
  "rope_scaling": {"factor": 4.0, "original_max_position_embeddings": 32768, "type": "yarn"}})";

TEST_CASE("YaRN: the scaling rule decides factor and L (Qwen2.5 model-card block)") {
  const HfDerivation e = derive(kQwenYarn);
  CHECK(e.encoder == "rope-yarn");
  CHECK(param(e, "factor") == "4");
  CHECK(param(e, "original_max_position_embeddings") == "32768");
  CHECK(param(e, "truncate") == "true");
  CHECK(param(e, "beta_fast") == "32");
  CHECK(spec_scalar(e, "attention_factor") == Approx(1.1386294361119891));  // 0.1 ln 4 + 1
  const HfDerivation r = derive(kQwenYarn, "", ScalingRule::ratio);
  CHECK(param(r, "factor") == "1");
  CHECK(spec_scalar(r, "attention_factor") == 1.0);
  const HfDerivation l = derive(kQwenYarn, "", ScalingRule::legacy);
  CHECK(param(l, "factor") == "4");
  CHECK(param(l, "original_max_position_embeddings") == "32768");
  CHECK_THAT(describe(e), Contains("differs from factor"));
}

TEST_CASE("YaRN legacy rule: L = max_position_embeddings (DeepSeek-V3 geometry)") {
  const std::string ds = R"({"model_type": "deepseek_v3", "hidden_size": 7168,
    "num_attention_heads": 128, "qk_rope_head_dim": 64, "qk_nope_head_dim": 128,
    "max_position_embeddings": 163840, "rope_theta": 10000, "rope_scaling": {"beta_fast": 32,
    "beta_slow": 1, "factor": 40, "mscale": 1.0, "mscale_all_dim": 1.0,
    "original_max_position_embeddings": 4096, "type": "yarn"}})";
  const HfDerivation d = derive(ds);
  CHECK(d.encoder == "rope-yarn");
  CHECK(param(d, "head_dim") == "64");
  CHECK(param(d, "layout") == "interleaved");
  CHECK(param(d, "mscale") == "1");
  CHECK(spec_scalar(d, "attention_factor") == 1.0);  // mscale / mscale_all_dim
  CHECK(param(derive(ds, "", ScalingRule::ratio), "factor") == "40");
  CHECK(param(derive(ds, "", ScalingRule::legacy), "original_max_position_embeddings") == "163840");
}

TEST_CASE("YaRN truncate false (gpt-oss) and the rope_parameters form") {
  const HfDerivation d = derive(R"({"head_dim": 64, "num_attention_heads": 64,
    "max_position_embeddings": 131072, "rope_parameters": {"rope_type": "yarn",
    "rope_theta": 150000, "factor": 32.0, "beta_fast": 32.0, "beta_slow": 1.0,
    "original_max_position_embeddings": 4096, "truncate": false}})");
  CHECK(d.encoder == "rope-yarn-untruncated");
  CHECK(param(d, "truncate") == "false");
  CHECK(param(d, "rope_theta") == "150000");
}

TEST_CASE("LongRoPE (su): factor = max / original, lists of rotary_dim / 2") {
  std::string list = "1";
  for (int i = 1; i < 48; ++i) list += ",1.5";
  const std::string phi = R"({"model_type": "phi3", "hidden_size": 3072,
    "num_attention_heads": 32, "max_position_embeddings": 131072,
    "original_max_position_embeddings": 4096, "rope_theta": 10000.0, "rope_scaling": {
    "type": "su", "short_factor": [)" +
                          list + R"(], "long_factor": [)" + list + "]}}";
  const HfDerivation d = derive(phi);
  CHECK(d.encoder == "rope-longrope");
  CHECK(param(d, "factor") == "32");
  CHECK(param(d, "original_max_position_embeddings") == "4096");
  CHECK(param(d, "seq_len") == "0");
  CHECK(spec_scalar(d, "attention_factor") == Approx(1.1902380714238083));  // sqrt(1+ln32/ln4096)
  std::string short_list = phi;
  short_list.replace(short_list.find("[1,"), 3, "[");
  require_error(short_list, "rope_scaling.short_factor: has 47 entries");
}

TEST_CASE("linear, dynamic, default and M-RoPE") {
  const HfDerivation lin = derive(R"({"head_dim": 128, "rope_scaling": {"rope_type": "linear",
    "factor": 2}})");
  CHECK(lin.encoder == "rope-linear");
  CHECK(param(lin, "rope_theta") == "10000");  // absent: transformers' default
  const HfDerivation dyn = derive(R"({"head_dim": 64, "max_position_embeddings": 2048,
    "rope_scaling": {"type": "dynamic", "factor": 2.0}})");
  CHECK(dyn.encoder == "rope-dynamic-ntk");
  CHECK(param(dyn, "original_max_position_embeddings") == "2048");
  const HfDerivation mistral = derive(R"({"hidden_size": 4096, "num_attention_heads": 32,
    "rope_theta": 10000.0, "rope_scaling": null})");
  CHECK(mistral.encoder == "rope-neox");
  const HfDerivation vl = derive(R"({"hidden_size": 3584, "num_attention_heads": 28,
    "rope_theta": 1000000.0, "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]}})");
  CHECK(vl.encoder == "mrope");
  CHECK(param(vl, "mrope_section") == "16,24,24");
  CHECK_FALSE(vl.params.has("layout"));
}

TEST_CASE("partial rotary: rotary_pct + rotary_emb_base (NeoX), rotary_dim + n_embd (GPT-J)") {
  const HfDerivation neox = derive(R"({"model_type": "gpt_neox", "hidden_size": 768,
    "num_attention_heads": 12, "rotary_pct": 0.25, "rotary_emb_base": 10000})");
  CHECK(neox.encoder == "rope-partial");
  CHECK(param(neox, "partial_rotary_factor") == "0.25");
  CHECK(param(neox, "layout") == "half_split");
  const HfDerivation gptj = derive(R"({"model_type": "gptj", "n_embd": 4096, "n_head": 16,
    "n_positions": 2048, "rotary_dim": 64})");
  CHECK(gptj.encoder == "rope-partial");
  CHECK(param(gptj, "head_dim") == "256");
  CHECK(param(gptj, "partial_rotary_factor") == "0.25");
  CHECK(param(gptj, "layout") == "interleaved");
  CHECK(param(derive(R"({"head_dim": 80, "partial_rotary_factor": 0.4})"),
              "partial_rotary_factor") == "0.4");
}

const std::string kGemma3 = R"({"model_type": "gemma3", "text_config": {"head_dim": 128,
  "hidden_size": 5376, "num_attention_heads": 32, "rope_theta": 1000000.0,
  "rope_local_base_freq": 10000.0, "rope_scaling": {"factor": 8.0, "rope_type": "linear"}}})";

TEST_CASE("per-layer-type RoPE: Gemma 3 (rope_local_base_freq) and nested rope_parameters") {
  require_error(kGemma3, "choose one with --layer-type");
  const HfDerivation local = derive(kGemma3, "sliding_attention");
  CHECK(local.encoder == "rope-neox");
  CHECK(param(local, "rope_theta") == "10000");
  CHECK(local.layer_types == std::vector<std::string>{"full_attention", "sliding_attention"});
  const HfDerivation global = derive(kGemma3, "full_attention");
  CHECK(global.encoder == "rope-linear");
  CHECK(param(global, "rope_theta") == "1000000");
  CHECK(param(global, "factor") == "8");
  const std::string nested = R"({"head_dim": 256, "rope_parameters": {
    "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0},
    "full_attention": {"rope_type": "linear", "factor": 8.0, "rope_theta": 1000000.0}}})";
  CHECK(derive(nested, "full_attention").encoder == "rope-linear");
  CHECK(param(derive(nested, "sliding_attention"), "rope_theta") == "10000");
  require_error(nested, "'global' is not a layer type", "global");
  require_error(kLlama, "given but the config has a single RoPE", "full_attention");
}

TEST_CASE("bad configs: exit-2 errors naming the file and key") {
  require_error("{", "not valid JSON");
  require_error("[1]", "expected a JSON object");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "ntk-by-parts", "factor": 2}})",
                "rope_scaling.rope_type: unknown rope type 'ntk-by-parts'");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "linear", "type": "yarn",
    "factor": 2}})",
                "rope_scaling.type: 'yarn' contradicts rope_type 'linear'");
  require_error(R"({"head_dim": 64, "rope_scaling": {"factor": 4}})",
                "rope_scaling.rope_type: missing: transformers would read the block as default");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "linear", "factor": 2,
    "beta_fast": 8}})",
                "rope_scaling.beta_fast: not read by rope type 'linear'");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "default", "factor": 2}})",
                "rope_scaling.factor: not read by rope type 'default'");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "linear"}})",
                "rope_scaling.factor: missing (required by rope type 'linear')");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "linear", "factor": "2"}})",
                "rope_scaling.factor: expected a number, got a string '2'");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "llama3", "factor": 8,
    "high_freq_factor": 4, "original_max_position_embeddings": 8192}})",
                "rope_scaling.low_freq_factor: missing");
  require_error(R"({"head_dim": 64, "rope_scaling": "linear"})",
                "rope_scaling: expected an object, got a string");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "linear", "factor": 2},
    "rope_parameters": {"rope_type": "linear", "factor": 4}})",
                "rope_parameters: given together with rope_scaling");
  require_error(R"({"hidden_size": 100})", "head_dim: missing");
  require_error(R"({"hidden_size": 100, "num_attention_heads": 3})",
                "hidden_size: 100 is not a multiple of num_attention_heads");
  require_error(R"({"head_dim": 64, "rotary_pct": 0.25, "partial_rotary_factor": 0.5})",
                "rotary_pct: contradicts partial_rotary_factor");
  require_error(R"({"head_dim": 64, "rotary_dim": 96})", "rotary_dim: must be even and at most");
  require_error(R"({"head_dim": 64, "rope_theta": 10000, "rotary_emb_base": 500})",
                "rotary_emb_base: contradicts rope_theta");
  require_error(R"({"head_dim": 64, "max_position_embeddings": 2048, "rope_scaling": {
    "type": "dynamic", "factor": 2, "original_max_position_embeddings": 1024}})",
                "rope_scaling.original_max_position_embeddings: transformers' dynamic NTK reads");
  require_error(R"({"head_dim": 64, "rope_scaling": {"type": "yarn", "factor": 4}})",
                "max_position_embeddings: missing");
  require_error(R"({"head_dim": 64, "rope_scaling": {"type": "mrope"}})",
                "rope_scaling.mrope_section: missing");
  require_error(R"({"head_dim": 64, "rope_scaling": {"rope_type": "linear", "factor": 0.5}})",
                "the derived rope-linear parameters are invalid");
  require_error(R"({"head_dim": 64.5})", "head_dim: expected a positive integer");
  // A wrong value is named by its type, never dumped whole (tests/reliability/fuzz_regressions:
  // dumping 100,000 nested arrays overflowed the stack); nesting is limited.
  require_error(R"({"head_dim": [[64]]})", "head_dim: expected a positive integer, got array");
  require_error(R"({"head_dim": ")" + std::string(5000, 'x') + R"("})", "got a string 'xxxxxxxxxx");
  CHECK_THROWS_WITH(derive(R"({"head_dim": ")" + std::string(5000, 'x') + R"("})"),
                    Contains("(5000 characters)"));
  require_error("{\"a\": " + std::string(300, '[') + std::string(300, ']') + "}",
                "nested deeper than 256 levels");
}

TEST_CASE("overrides: known keys only, recorded, validated") {
  HfDerivation d = derive(kLlama);
  apply_overrides(d, Params{{"factor", "16"}});
  CHECK(param(d, "factor") == "16");
  CHECK_THAT(describe(d), Contains("factor = 16  <- --set"));
  REQUIRE_THROWS_WITH(apply_overrides(d, Params{{"beta_fast", "4"}}), Contains("beta_fast"));
  CHECK(parse_scaling_rule("--scaling-rule", "ratio") == ScalingRule::ratio);
  REQUIRE_THROWS_WITH(parse_scaling_rule("--scaling-rule", "new"),
                      Contains("explicit, ratio or legacy"));
}

}  // namespace
}  // namespace posprop
