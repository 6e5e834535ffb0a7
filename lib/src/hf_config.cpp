// config.json -> encoder and parameters (posprop/hf_config.hpp). The geometry (head_dim, rotary
// width, base, layout) comes from the model configuration, the scaling from the rope block
// (rope_scaling or rope_parameters), following transformers src/transformers/
// modeling_rope_utils.py: _compute_*_parameters (which keys each type reads, the defaults
// beta_fast 32, beta_slow 1, truncate true; dim = int(head_dim * partial_rotary_factor)),
// standardize_rope_params (type -> rope_type, per-layer-type dictionaries) and the
// _validate_*_parameters functions (required and optional keys of each type).
#include "posprop/hf_config.hpp"

#include "hf_config_fields.hpp"
#include "posprop/registry.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

namespace posprop {

using hf::Fields;
using hf::Json;
using hf::number_text;

const char* to_string(ScalingRule rule) {
  switch (rule) {
    case ScalingRule::explicit_factor:
      return "explicit";
    case ScalingRule::ratio:
      return "ratio";
    case ScalingRule::legacy:
      return "legacy";
  }
  return "?";
}

ScalingRule parse_scaling_rule(const std::string& option, const std::string& text) {
  if (text == "explicit") return ScalingRule::explicit_factor;
  if (text == "ratio") return ScalingRule::ratio;
  if (text == "legacy") return ScalingRule::legacy;
  throw InputError("option '" + option + "' expects explicit, ratio or legacy, got '" + text + "'");
}

namespace {

/// Keys each rope type reads besides rope_type / type / rope_theta / partial_rotary_factor
/// (transformers _validate_*_parameters: required and optional keys).
const std::map<std::string, std::set<std::string>>& type_keys() {
  static const std::map<std::string, std::set<std::string>> keys = {
      {"default", {"mrope_section"}},
      {"linear", {"factor"}},
      {"dynamic", {"factor", "original_max_position_embeddings"}},
      {"yarn",
       {"factor", "original_max_position_embeddings", "attention_factor", "beta_fast", "beta_slow",
        "mscale", "mscale_all_dim", "truncate"}},
      {"longrope",
       {"factor", "original_max_position_embeddings", "attention_factor", "short_factor",
        "long_factor"}},
      {"llama3",
       {"factor", "original_max_position_embeddings", "low_freq_factor", "high_freq_factor"}},
  };
  return keys;
}

/// The derivation in progress: parameters with the config key each came from.
struct Builder {
  HfDerivation& d;
  void set(const std::string& key, const std::string& value, const std::string& from) {
    d.params.set(key, value);
    d.notes.push_back(key + " = " + value + "  <- " + from);
  }
  void note(const std::string& text) { d.notes.push_back(text); }
};

/// The first of several alias keys that is present; two present with different values is a
/// contradiction.
std::optional<std::string> aliased_number(const Fields& f, const std::vector<std::string>& keys,
                                          std::string* from) {
  std::optional<std::string> value;
  for (const std::string& key : keys) {
    const auto v = f.number(key);
    if (!v) continue;
    if (value && std::stod(*v) != std::stod(*value)) {
      f.fail(key, "contradicts " + *from + " (" + *v + " vs " + *value + ")");
    }
    if (!value) {
      value = v;
      *from = key;
    }
  }
  return value;
}

long long derive_head_dim(const Fields& cfg, Builder& b) {
  if (const auto rope = cfg.positive_integer("qk_rope_head_dim")) {
    // DeepSeek MLA: RoPE acts on a separate qk_rope_head_dim-wide part of q and k
    // (transformers configuration_deepseek_v3.py sets head_dim = qk_rope_head_dim).
    cfg.use("head_dim");
    b.set("head_dim", std::to_string(*rope), "qk_rope_head_dim (DeepSeek MLA: the rotated part)");
    return *rope;
  }
  if (const auto hd = cfg.positive_integer("head_dim")) {
    b.set("head_dim", std::to_string(*hd), "head_dim");
    return *hd;
  }
  std::string hidden_key = "hidden_size", heads_key = "num_attention_heads";
  if (!cfg.has(hidden_key) && cfg.has("n_embd")) hidden_key = "n_embd";  // GPT-J attribute_map
  if (!cfg.has(heads_key) && cfg.has("n_head")) heads_key = "n_head";
  const auto hidden = cfg.positive_integer(hidden_key);
  const auto heads = cfg.positive_integer(heads_key);
  if (!hidden || !heads) {
    cfg.fail("head_dim", "missing (and no " + hidden_key + " / " + heads_key + " to derive it)");
  }
  if (*hidden % *heads != 0) {
    cfg.fail(hidden_key, std::to_string(*hidden) + " is not a multiple of " + heads_key + " = " +
                             std::to_string(*heads));
  }
  const long long hd = *hidden / *heads;
  b.set("head_dim", std::to_string(hd), hidden_key + " / " + heads_key);
  return hd;
}

/// partial_rotary_factor, rotary_pct (GPT-NeoX) or rotary_dim (GPT-J), in the config or in the
/// rope block; several given must agree.
void derive_partial(const Fields& cfg, const Fields* block, long long head_dim, Builder& b) {
  std::string from;
  std::optional<std::string> f =
      aliased_number(cfg, {"partial_rotary_factor", "rotary_pct"}, &from);
  if (block) {
    std::string bfrom;
    if (const auto bf = aliased_number(*block, {"partial_rotary_factor"}, &bfrom)) {
      if (f && std::stod(*f) != std::stod(*bf)) block->fail(bfrom, "contradicts " + from);
      f = bf;
      from = block->path() + "." + bfrom;
    }
  }
  if (const auto rd = cfg.positive_integer("rotary_dim")) {
    if (*rd > head_dim || *rd % 2 != 0) {
      cfg.fail("rotary_dim", "must be even and at most head_dim = " + std::to_string(head_dim));
    }
    const std::string g = number_text(static_cast<double>(*rd) / static_cast<double>(head_dim));
    if (std::floor(static_cast<double>(head_dim) * std::stod(g)) != static_cast<double>(*rd)) {
      cfg.fail("rotary_dim", "rotary_dim / head_dim has no exact decimal factor");
    }
    if (f && std::stod(*f) != std::stod(g)) cfg.fail("rotary_dim", "contradicts " + from);
    f = g;
    from = "rotary_dim / head_dim";
  }
  if (!f) {
    b.d.params.set("partial_rotary_factor", "1");
    return;
  }
  const double x = std::stod(*f);
  if (!(x > 0 && x <= 1)) cfg.fail(from, "must be in (0, 1], got " + *f);
  b.set("partial_rotary_factor", *f, from);
}

std::string derive_layout(const Fields& cfg, const std::string& model_type, Builder& b) {
  // GPT-J (and CodeGen) rotate adjacent pairs (modeling_gptj.py rotate_every_two); DeepSeek-V3
  // with rope_interleave (default true, configuration_deepseek_v3.py) de-interleaves q and k
  // before rotate_half, i.e. pairs (2k, 2k+1) turn with frequency k. Others: rotate_half.
  std::string layout = "half_split", why = "model_type '" + model_type + "' (rotate_half)";
  if (model_type == "gptj" || model_type == "codegen") {
    layout = "interleaved";
    why = "model_type '" + model_type + "' (rotate_every_two)";
  }
  if (model_type == "deepseek_v3" || cfg.has("rope_interleave")) {
    const bool inter = cfg.boolean("rope_interleave").value_or(true);
    layout = inter ? "interleaved" : "half_split";
    why = std::string("rope_interleave = ") + (inter ? "true" : "false") +
          (cfg.has("rope_interleave") ? "" : " (DeepSeek-V3 default)");
  }
  b.set("layout", layout, why);
  return layout;
}

/// The rope block of the chosen layer type and its base (standardize_rope_params).
struct Selected {
  std::optional<Fields> block;  // nullopt: no block (default RoPE)
  std::string theta, theta_from;
};

std::string base_of(const Fields& cfg, std::string* from) {
  std::string f;
  if (const auto theta = aliased_number(cfg, {"rope_theta", "rotary_emb_base"}, &f)) {
    *from = f;
    return *theta;
  }
  *from = "rope_theta absent: transformers' default";
  return "10000";
}

bool all_objects(const Json& block) {
  if (block.empty()) return false;
  for (const Json& v : block)
    if (!v.is_object()) return false;
  return true;
}

/// One RoPE, or the one of `--layer-type` among the per-layer-type RoPEs: a nested
/// rope_parameters {"full_attention": {...}, "sliding_attention": {...}} (transformers v5), or
/// Gemma 3's rope_local_base_freq (configuration_gemma3.py: sliding-window layers use that base
/// and default RoPE, full-attention layers rope_theta and rope_scaling).
Selected select_block(const Fields& cfg, const HfConfigOptions& o, HfDerivation& d) {
  const Json* scaling = cfg.object("rope_scaling");
  const Json* params = cfg.object("rope_parameters");
  if (scaling && params && *scaling != *params)
    cfg.fail("rope_parameters", "given together with rope_scaling and different from it");
  const Json* block = params ? params : scaling;
  const std::string key = params ? "rope_parameters" : "rope_scaling";
  Selected single;
  single.theta = base_of(cfg, &single.theta_from);
  std::map<std::string, Selected> layers;
  std::string where = key;
  if (block && all_objects(*block)) {
    for (auto it = block->begin(); it != block->end(); ++it) {
      Selected s = single;
      s.block.emplace(cfg.child(*it, key + "." + it.key()));
      layers[it.key()] = s;
    }
  } else {
    if (block) single.block.emplace(cfg.child(*block, key));
    if (cfg.has("rope_local_base_freq")) {
      Selected local;
      local.theta = *cfg.number("rope_local_base_freq");
      local.theta_from = "rope_local_base_freq (sliding-window layers)";
      layers["sliding_attention"] = local;
      layers["full_attention"] = single;
      where = "rope_local_base_freq";
    }
  }
  if (layers.empty()) {
    if (!o.layer_type.empty())
      throw InputError(cfg.file() + ": --layer-type '" + o.layer_type +
                       "' given but the config has a single RoPE");
    return single;
  }
  std::string names;
  for (const auto& kv : layers) {
    d.layer_types.push_back(kv.first);
    names += (names.empty() ? "" : ", ") + kv.first;
  }
  if (o.layer_type.empty())
    cfg.fail(where, "the config has one RoPE per layer type (" + names +
                        "): choose one with --layer-type");
  if (!layers.count(o.layer_type))
    throw InputError(cfg.file() + ": --layer-type '" + o.layer_type +
                     "' is not a layer type of the config (" + names + ")");
  d.layer_type = o.layer_type;
  return layers[o.layer_type];
}

const std::set<std::string> kCommonBlockKeys = {"rope_type", "type", "rope_theta",
                                                "partial_rotary_factor"};

/// transformers' rope type of the block (standardize_rope_params: rope_type, else type), with
/// su -> longrope and mrope -> default + mrope_section; every other key of the block must be
/// one the type reads.
std::string rope_type_of(const Fields& blk, Builder& b) {
  const auto rt = blk.text("rope_type");
  const auto t = blk.text("type");
  if (rt && t && *rt != *t) blk.fail("type", "'" + *t + "' contradicts rope_type '" + *rt + "'");
  const std::string key = rt ? "rope_type" : "type";
  std::string name = rt ? *rt : t ? *t : "";
  if (name.empty()) {
    for (auto it = blk.json().begin(); it != blk.json().end(); ++it)
      if (!kCommonBlockKeys.count(it.key()))
        blk.fail("rope_type",
                 "missing: transformers would read the block as default RoPE and "
                 "silently ignore '" +
                     it.key() + "'");
    return "default";
  }
  if (name == "su") {
    b.note("rope type 'su' is LongRoPE's older name (longrope)");
    name = "longrope";
  } else if (name == "mrope") {
    b.note("rope type 'mrope' is default RoPE with mrope_section (Qwen2-VL)");
    if (!blk.has("mrope_section")) blk.fail("mrope_section", "missing (required by 'mrope')");
    name = "default";
  }
  const auto found = type_keys().find(name);
  if (found == type_keys().end())
    blk.fail(key, "unknown rope type '" + name +
                      "' (known: default, linear, dynamic, yarn, longrope, su, llama3, mrope)");
  for (auto it = blk.json().begin(); it != blk.json().end(); ++it) {
    if (kCommonBlockKeys.count(it.key()) || found->second.count(it.key())) continue;
    std::string used;
    for (const std::string& k : found->second) used += (used.empty() ? "" : ", ") + k;
    blk.fail(it.key(), "not read by rope type '" + name +
                           "': transformers would ignore it silently (read: " + used + ")");
  }
  return name;
}

}  // namespace

namespace hf {
void derive_scaling(const std::string& type, const Fields* blk, const Fields& cfg, ScalingRule rule,
                    HfDerivation& d);
}  // namespace hf

HfDerivation derive_hf_config(const std::string& json_text, const std::string& file,
                              const HfConfigOptions& options) {
  Json root;
  // Configs nest a few levels; a value nested deeper is refused before anything copies it
  // (nlohmann's copies recurse: 100,000 levels overflow the stack).
  const auto depth_guard = [&](int depth, Json::parse_event_t, Json&) {
    if (depth > kMaxConfigDepth) {
      throw InputError(file + ": nested deeper than " + std::to_string(kMaxConfigDepth) +
                       " levels");
    }
    return true;
  };
  try {
    root = Json::parse(json_text, depth_guard);
  } catch (const Json::parse_error& e) {
    throw InputError(file + ": not valid JSON: " + e.what());
  }
  if (!root.is_object()) throw InputError(file + ": expected a JSON object (a config.json)");
  HfDerivation d;
  d.file = file;
  d.scaling_rule = options.scaling_rule;
  Builder b{d};
  Fields top(root, file, "");
  const Json* text = top.object("text_config");  // multimodal wrappers (Gemma 3, Qwen2.5-VL)
  Fields cfg = text ? top.child(*text, "text_config") : top;
  if (text) b.note("reading text_config (the language model of a multimodal config)");
  d.model_type = cfg.text("model_type").value_or(top.text("model_type").value_or(""));
  const long long head_dim = derive_head_dim(cfg, b);
  const Selected sel = select_block(cfg, options, d);
  const std::string layout = derive_layout(cfg, d.model_type, b);
  derive_partial(cfg, sel.block ? &*sel.block : nullptr, head_dim, b);
  std::string theta = sel.theta, theta_from = sel.theta_from;
  if (sel.block && sel.block->has("rope_theta")) {
    theta = *sel.block->number("rope_theta");
    theta_from = sel.block->path() + ".rope_theta";
  }
  b.set("rope_theta", theta, theta_from);
  const std::string type = sel.block ? rope_type_of(*sel.block, b) : "default";
  hf::derive_scaling(type, sel.block ? &*sel.block : nullptr, cfg, options.scaling_rule, d);
  // Every parameter comes from the config (or a stated default), never from the registry's
  // example defaults: a key the derivation forgot is a bug here, not a user error.
  for (const ParamSpec& s : find_encoder(d.encoder).params)
    if (s.key != "rope_type" && !d.params.has(s.key))
      throw std::logic_error("hf_config: " + d.encoder + "." + s.key + " was not derived");
  (void)layout;
  // Keys starting with '_' are metadata (the catalogue's _source, _posprop), not configuration.
  for (const std::string& k : cfg.unread())
    if (k[0] != '_') d.ignored.push_back(cfg.path().empty() ? k : cfg.path() + "." + k);
  if (text)
    for (const std::string& k : top.unread())
      if (k[0] != '_') d.ignored.push_back(k);
  apply_overrides(d, Params{});
  return d;
}

void apply_overrides(HfDerivation& d, const Params& overrides) {
  const EncoderEntry& e = find_encoder(d.encoder);
  for (const auto& [key, value] : overrides.values()) {
    d.params.set(key, value);
    d.notes.push_back(key + " = " + value + "  <- --set");
  }
  try {
    d.params = d.params.completed(e.name, e.params);
    if (e.spec) e.spec(d.params, 17);  // validates every value (the encoder's own checks)
    (void)e.make<double>(d.params);
  } catch (const InputError& err) {
    throw InputError(d.file + ": the derived " + e.name + " parameters are invalid: " + err.what());
  }
}

std::string describe(const HfDerivation& d) {
  std::string out = d.file + ": encoder " + d.encoder;
  if (!d.model_type.empty()) out += " (model_type " + d.model_type + ")";
  if (!d.layer_type.empty()) out += ", layer type " + d.layer_type;
  out += "\n";
  for (const std::string& n : d.notes) out += "  " + n + "\n";
  std::string ignored;
  for (const std::string& k : d.ignored) ignored += (ignored.empty() ? "" : ", ") + k;
  out += "  ignored (do not affect the encoding): " + (ignored.empty() ? "none" : ignored) + "\n";
  return out;
}

}  // namespace posprop
