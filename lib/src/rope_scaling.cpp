// Validation of the scaled-RoPE configuration (the checks of transformers
// modeling_rope_utils.py _validate_*_parameters, made errors) and the printed spec.
#include "posprop/rope_scaling.hpp"

#include "registry_parts.hpp"

#include <cmath>

namespace posprop {

const char* to_string(RopeScalingType type) {
  switch (type) {
    case RopeScalingType::linear:
      return "linear";
    case RopeScalingType::ntk:
      return "ntk";
    case RopeScalingType::dynamic_ntk:
      return "dynamic";
    case RopeScalingType::yarn:
      return "yarn";
    case RopeScalingType::yarn_paper:
      return "yarn-paper";
    case RopeScalingType::llama3:
      return "llama3";
    case RopeScalingType::longrope:
      return "longrope";
  }
  return "?";
}

RopeScalingType parse_rope_type(const std::string& text) {
  for (RopeScalingType t :
       {RopeScalingType::linear, RopeScalingType::ntk, RopeScalingType::dynamic_ntk,
        RopeScalingType::yarn, RopeScalingType::yarn_paper, RopeScalingType::llama3,
        RopeScalingType::longrope}) {
    if (text == to_string(t)) return t;
  }
  throw InputError("unknown rope_type '" + text +
                   "' (known: linear, ntk, dynamic, yarn, yarn-paper, llama3, longrope)");
}

RopeScalingKeys rope_scaling_keys(RopeScalingType type) {
  RopeScalingKeys k;
  using R = RopeScalingType;
  k.original_max_position_embeddings = type != R::linear && type != R::ntk;
  k.seq_len = type == R::dynamic_ntk || type == R::longrope;
  k.betas = type == R::yarn || type == R::yarn_paper;
  k.freq_bands = type == R::llama3;
  k.ext_factors = type == R::longrope;
  return k;
}

namespace {

bool has(const Params& p, const char* key) {
  return p.has(key);
}

/// A finite number >= lo (> lo when strict), its decimal text kept.
std::string number_at_least(const Params& p, const std::string& key, double lo, bool strict) {
  const double v = p.get_double(key);
  if (strict ? !(v > lo) : !(v >= lo)) {
    throw InputError("parameter '" + key + "' must be " + (strict ? "> " : ">= ") + to_decimal(lo) +
                     ", got " + p.get_string(key));
  }
  return p.get_string(key);
}

std::vector<std::string> positive_list(const Params& p, const std::string& key, Index n) {
  const std::vector<double> values = p.get_double_list(key);
  if (static_cast<Index>(values.size()) != n) {
    throw InputError("parameter '" + key + "' has " + std::to_string(values.size()) +
                     " items, expected rotary_dim / 2 = " + std::to_string(n));
  }
  for (double v : values)
    if (!(v > 0)) throw InputError("parameter '" + key + "': every item must be > 0");
  return p.get_string_list(key);
}

}  // namespace

RopeScalingConfig rope_scaling_config(RopeScalingType type, const Params& p) {
  RopeScalingConfig c;
  c.type = type;
  if (has(p, "rope_type") && p.get_string("rope_type") != to_string(type)) {
    throw InputError("parameter 'rope_type' is '" + std::string(to_string(type)) +
                     "' for this encoder, got '" + p.get_string("rope_type") + "'");
  }
  c.head_dim = registry_parts::head_dim(p);
  c.rotary_dim = registry_parts::rotary_dim(p);
  c.layout = registry_parts::parse_layout(p);
  c.rope_theta = number_at_least(p, "rope_theta", 1.0, true);
  if (has(p, "factor")) c.factor = number_at_least(p, "factor", 1.0, false);
  if (has(p, "original_max_position_embeddings")) {
    p.get_int("original_max_position_embeddings", 2, 1LL << 40);
    c.original_max_position_embeddings = p.get_string("original_max_position_embeddings");
  }
  if (has(p, "seq_len")) {
    p.get_int("seq_len", 0, 1LL << 40);
    c.seq_len = p.get_string("seq_len");
  }
  if ((type == RopeScalingType::ntk || type == RopeScalingType::dynamic_ntk) && c.rotary_dim < 4) {
    throw InputError("the NTK exponent d / (d - 2) needs a rotary dimension >= 4, got " +
                     std::to_string(c.rotary_dim));
  }
  if (has(p, "beta_fast")) {
    c.beta_fast = number_at_least(p, "beta_fast", 0.0, true);
    c.beta_slow = number_at_least(p, "beta_slow", 0.0, true);
    if (!(p.get_double("beta_fast") > p.get_double("beta_slow"))) {
      throw InputError("parameter 'beta_fast' (" + c.beta_fast + ") must be > 'beta_slow' (" +
                       c.beta_slow + ")");
    }
  }
  c.mscale = has(p, "mscale") ? number_at_least(p, "mscale", 0.0, false) : "0";
  c.mscale_all_dim =
      has(p, "mscale_all_dim") ? number_at_least(p, "mscale_all_dim", 0.0, false) : "0";
  if (has(p, "truncate")) {
    const std::string t = p.get_string("truncate");
    if (t != "true" && t != "false") {
      throw InputError("parameter 'truncate': expected 'true' or 'false', got '" + t + "'");
    }
    c.truncate = t == "true";
  }
  if (has(p, "correction_range")) {
    // llama.cpp ggml/src/ggml.c ggml_rope_yarn_corr_dims: start = floorf(corr_dim(beta_fast)),
    // end = ceilf(corr_dim(beta_slow)) unconditionally, whatever the model's `truncate`.
    c.correction_range = p.get_string("correction_range");
    if (c.correction_range != "transformers" && c.correction_range != "ggml") {
      throw InputError("parameter 'correction_range': expected 'transformers' or 'ggml', got '" +
                       c.correction_range + "'");
    }
    if (c.correction_range == "ggml") c.truncate = true;
  }
  if (has(p, "attention_factor") && p.get_string("attention_factor") != "auto") {
    c.has_attention_factor = true;
    c.attention_factor = number_at_least(p, "attention_factor", 0.0, true);
  }
  if (has(p, "low_freq_factor")) {
    c.low_freq_factor = number_at_least(p, "low_freq_factor", 0.0, true);
    c.high_freq_factor = number_at_least(p, "high_freq_factor", 0.0, true);
    if (!(p.get_double("low_freq_factor") < p.get_double("high_freq_factor"))) {
      throw InputError("parameter 'low_freq_factor' (" + c.low_freq_factor +
                       ") must be < 'high_freq_factor' (" + c.high_freq_factor + ")");
    }
  }
  if (has(p, "short_factor")) {
    c.short_factor = positive_list(p, "short_factor", c.rotary_dim / 2);
    c.long_factor = positive_list(p, "long_factor", c.rotary_dim / 2);
  }
  return c;
}

namespace {

/// Integers (0, 1, YaRN's truncated low / high) print as integers, the rest in scientific
/// notation with `digits` significant digits.
std::string spec_text(const Hp100& x, int digits) {
  if (x == floor(x) && abs(x) < Hp100(1e15)) return std::to_string(x.convert_to<long long>());
  return to_string(x, digits);
}

}  // namespace

std::vector<SpecField> rope_scaling_fields(const RopeScalingConfig& c, int digits) {
  const RopeScalingSpec<Hp100> spec = rope_scaling_spec<Hp100>(c);
  std::vector<SpecField> out;
  SpecField inv{"inv_freq", {}, true};
  for (const Hp100& f : spec.inv_freq) inv.values.push_back(spec_text(f, digits));
  out.push_back(inv);
  out.push_back({"attention_factor", {spec_text(spec.attention_factor, digits)}, false});
  for (const SpecQuantity<Hp100>& q : spec.quantities) {
    SpecField f{q.name, {}, q.is_list};
    for (const Hp100& v : q.values) f.values.push_back(spec_text(v, digits));
    out.push_back(f);
  }
  for (const SpecField& label : spec.labels) out.push_back(label);
  if (c.type == RopeScalingType::yarn)
    out.push_back({"correction_range", {c.correction_range}, false});
  SpecField def{"default_inv_freq", {}, true};
  for (const Hp100& f : spec.default_inv_freq) def.values.push_back(spec_text(f, digits));
  out.push_back(def);
  return out;
}

}  // namespace posprop
