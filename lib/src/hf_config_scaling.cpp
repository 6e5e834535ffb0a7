// The scaling part of a config.json derivation (hf_config.cpp): which encoder a rope type maps to
// and where each of its parameters comes from. transformers src/transformers/
// modeling_rope_utils.py, per type:
//   linear   _compute_linear_scaling_rope_parameters: factor
//   dynamic  _compute_dynamic_ntk_parameters: factor, L = max_position_embeddings (the block's
//            original_max_position_embeddings is not read: a different one is an error here)
//   yarn     _compute_yarn_parameters: factor, original_max_position_embeddings (the scaling
//            rule below), beta_fast (32), beta_slow (1), truncate (true), mscale,
//            mscale_all_dim, attention_factor
//   longrope _compute_longrope_parameters: short_factor, long_factor, factor :=
//            max_position_embeddings / original_max_position_embeddings when the latter is set
//            (top level, Phi-3), attention_factor
//   llama3   _compute_llama3_parameters: factor, low_freq_factor, high_freq_factor,
//            original_max_position_embeddings (all required)
//   default + mrope_section: Qwen2-VL M-RoPE (modeling_qwen2_vl.py)
#include "hf_config_fields.hpp"
#include "posprop/hf_config.hpp"

#include <cmath>

namespace posprop::hf {
namespace {

struct Scaling {
  const std::string& type;
  const Fields* blk;
  const Fields& cfg;
  HfDerivation& d;

  void set(const std::string& key, const std::string& value, const std::string& from) {
    d.params.set(key, value);
    d.notes.push_back(key + " = " + value + "  <- " + from);
  }
  std::string from(const std::string& key) const { return blk->path() + "." + key; }
  std::string required(const std::string& key) const {
    const auto v = blk->number(key);
    if (!v) blk->fail(key, "missing (required by rope type '" + type + "')");
    return *v;
  }
  void optional(const std::string& key, const std::string& fallback, const std::string& why) {
    const auto v = blk->number(key);
    set(key, v ? *v : fallback, v ? from(key) : why);
  }
  /// max_position_embeddings (GPT-J: n_positions), required here.
  long long max_positions(const std::string& why) const {
    std::optional<long long> m = cfg.positive_integer("max_position_embeddings");
    if (!m) m = cfg.positive_integer("n_positions");
    if (!m) cfg.fail("max_position_embeddings", "missing (" + why + ")");
    return *m;
  }
};

void derive_yarn(Scaling& s, ScalingRule rule) {
  std::string factor = s.required("factor"), factor_from = s.from("factor");
  const auto orig = s.blk->positive_integer("original_max_position_embeddings");
  long long L = 0;
  std::string L_from;
  const auto ratio_note = [&](long long maxpos) {
    const std::string r = number_text(static_cast<double>(maxpos) / static_cast<double>(*orig));
    if (std::stod(r) == std::stod(factor)) return;
    s.d.notes.push_back("note: max_position_embeddings / original_max_position_embeddings = " + r +
                        " differs from factor = " + factor + "; --scaling-rule " + to_string(rule) +
                        " decides (explicit keeps factor, ratio uses " + r + ")");
  };
  if (rule == ScalingRule::legacy) {
    L = s.max_positions("YaRN's L under the legacy rule");
    L_from = "max_position_embeddings (legacy rule: original_max_position_embeddings unread)";
  } else if (orig) {
    L = *orig;
    L_from = s.from("original_max_position_embeddings");
    if (s.cfg.has("max_position_embeddings")) ratio_note(s.max_positions(""));
    if (rule == ScalingRule::ratio) {
      const long long maxpos = s.max_positions("the ratio rule divides it by the original");
      factor = number_text(static_cast<double>(maxpos) / static_cast<double>(*orig));
      factor_from = "max_position_embeddings / original_max_position_embeddings (ratio rule)";
    }
  } else {
    L = s.max_positions("YaRN's L when original_max_position_embeddings is absent");
    L_from = "max_position_embeddings (no original_max_position_embeddings)";
  }
  s.set("factor", factor, factor_from);
  s.set("original_max_position_embeddings", std::to_string(L), L_from);
  s.optional("beta_fast", "32", "default 32");
  s.optional("beta_slow", "1", "default 1");
  const auto truncate = s.blk->boolean("truncate");
  s.set("truncate", truncate.value_or(true) ? "true" : "false",
        truncate ? s.from("truncate") : "default true");
  s.optional("mscale", "0", "absent (0 = not set)");
  s.optional("mscale_all_dim", "0", "absent (0 = not set)");
  s.optional("attention_factor", "auto", "absent (auto: from factor and mscale)");
  s.d.params.set("correction_range", "transformers");
  s.d.encoder = truncate.value_or(true) ? "rope-yarn" : "rope-yarn-untruncated";
}

void derive_longrope(Scaling& s, ScalingRule rule, long long rotary) {
  for (const char* key : {"short_factor", "long_factor"}) {
    const auto list = s.blk->numbers(key);
    if (!list) s.blk->fail(key, "missing (required by rope type 'longrope')");
    if (static_cast<long long>(list->size()) != rotary / 2)
      s.blk->fail(key, "has " + std::to_string(list->size()) + " entries, the rotary dimension " +
                           std::to_string(rotary) + " needs " + std::to_string(rotary / 2));
    std::string joined;
    for (const std::string& x : *list) joined += (joined.empty() ? "" : ",") + x;
    s.set(key, joined, s.from(key) + " (" + std::to_string(list->size()) + " entries)");
  }
  // original_max_position_embeddings: the top level (Phi-3) or the block; both must agree.
  auto orig = s.cfg.positive_integer("original_max_position_embeddings");
  std::string orig_from = "original_max_position_embeddings";
  if (const auto b = s.blk->positive_integer("original_max_position_embeddings")) {
    if (orig && *orig != *b)
      s.blk->fail("original_max_position_embeddings", "contradicts the top-level value");
    orig = b;
    orig_from = s.from("original_max_position_embeddings");
  }
  const auto explicit_factor = s.blk->number("factor");
  if (orig) {
    const long long maxpos = s.max_positions("LongRoPE's factor is max / original");
    const std::string r = number_text(static_cast<double>(maxpos) / static_cast<double>(*orig));
    if (explicit_factor && rule == ScalingRule::explicit_factor) {
      s.set("factor", *explicit_factor, s.from("factor") + " (explicit rule)");
      if (std::stod(r) != std::stod(*explicit_factor))
        s.d.notes.push_back("note: max / original = " + r +
                            " differs from factor (ratio rule: " + r + ")");
    } else {
      s.set("factor", r, "max_position_embeddings / " + orig_from);
    }
    s.set("original_max_position_embeddings", std::to_string(*orig), orig_from);
  } else {
    if (!explicit_factor)
      s.blk->fail("factor", "missing, and no original_max_position_embeddings to derive it");
    s.set("factor", *explicit_factor, s.from("factor"));
    s.set("original_max_position_embeddings", std::to_string(s.max_positions("LongRoPE's L")),
          "max_position_embeddings (no original_max_position_embeddings)");
  }
  s.set(
      "seq_len", "0",
      "not in a config: short_factor (seq_len <= L); --set seq_len=N picks long_factor for N > L");
  s.optional("attention_factor", "auto", "absent (auto: sqrt(1 + ln factor / ln L))");
  s.d.encoder = "rope-longrope";
}

void derive_default(Scaling& s) {
  const Params& p = s.d.params;
  if (s.blk && s.blk->has("mrope_section")) {
    const auto section = s.blk->numbers("mrope_section");
    if (p.get_string("partial_rotary_factor") != "1" || p.get_string("layout") != "half_split")
      s.blk->fail("mrope_section", "M-RoPE with a partial or interleaved rotation is not modelled");
    std::string joined;
    for (const std::string& x : *section) joined += (joined.empty() ? "" : ",") + x;
    Params m;
    m.set("head_dim", p.get_string("head_dim"));
    m.set("rope_theta", p.get_string("rope_theta"));
    m.set("mrope_section", joined);
    s.d.params = m;
    s.d.notes.push_back("mrope_section = " + joined + "  <- " + s.from("mrope_section") +
                        " (layout and partial_rotary_factor do not apply)");
    s.d.encoder = "mrope";
    return;
  }
  const bool partial = p.get_string("partial_rotary_factor") != "1";
  s.d.encoder = partial                                   ? "rope-partial"
                : p.get_string("layout") == "interleaved" ? "rope"
                                                          : "rope-neox";
}

}  // namespace

void derive_scaling(const std::string& type, const Fields* blk, const Fields& cfg, ScalingRule rule,
                    HfDerivation& d) {
  Scaling s{type, blk, cfg, d};
  if (type == "default") return derive_default(s);
  if (type == "linear") {
    s.set("factor", s.required("factor"), s.from("factor"));
    d.encoder = "rope-linear";
  } else if (type == "dynamic") {
    s.set("factor", s.required("factor"), s.from("factor"));
    const long long L = s.max_positions("dynamic NTK's L");
    if (const auto o = blk->positive_integer("original_max_position_embeddings"); o && *o != L)
      blk->fail("original_max_position_embeddings",
                "transformers' dynamic NTK reads max_position_embeddings = " + std::to_string(L) +
                    " and would silently ignore this " + std::to_string(*o));
    s.set("original_max_position_embeddings", std::to_string(L), "max_position_embeddings");
    s.set("seq_len", "0", "not in a config: frequencies for seq_len <= L; --set seq_len=N");
    d.encoder = "rope-dynamic-ntk";
  } else if (type == "yarn") {
    derive_yarn(s, rule);
  } else if (type == "longrope") {
    const double hd = d.params.get_double("head_dim");
    derive_longrope(
        s, rule,
        static_cast<long long>(std::floor(hd * d.params.get_double("partial_rotary_factor"))));
  } else if (type == "llama3") {
    for (const char* key :
         {"factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings"})
      s.set(key, s.required(key), s.from(key));
    d.encoder = "rope-llama3";
  }
}

}  // namespace posprop::hf
