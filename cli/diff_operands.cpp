#include "diff_operands.hpp"

#include "model_source.hpp"

#include <algorithm>
#include <set>

namespace posprop::cli {

namespace {

bool is_encoder_name(const std::string& name) {
  for (const EncoderEntry& e : encoders())
    if (e.name == name) return true;
  return false;
}

bool is_model_name(const std::string& name) {
  const std::vector<std::string> names = model_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool looks_like_path(const std::string& s) {
  return s.find('/') != std::string::npos ||
         (s.size() > 5 && s.compare(s.size() - 5, 5, ".json") == 0);
}

void resolve_source(Operand& o, const Params& sets, const std::string& layer_type) {
  const bool path = looks_like_path(o.source);
  if (!path && is_encoder_name(o.source)) {
    o.kind = "encoder";
    if (reads_configs_only(o.convention->id)) {
      throw InputError("the convention " + std::string(o.convention->name) +
                       " is a transformers version's reading of a config.json, and '" + o.source +
                       "' is an encoder (use a catalogue model or a config file)");
    }
    o.entry = &find_encoder(o.source);
    o.user.completed(o.entry->name, o.entry->params);  // unknown keys named now
    if (sets.has("head_dim")) o.fixed_head_dim = sets.get_int("head_dim", 2, 65536);
    return;
  }
  if (!path && !is_model_name(o.source)) {
    throw InputError("'" + o.source +
                     "' is neither an encoder ('posprop list'), a catalogue model ('posprop list "
                     "--models') nor a config file (a path ending in .json)");
  }
  ModelArgs args;
  (path ? args.hf_config : args.model) = o.source;
  args.layer_type = layer_type;
  args.scaling_rule = scaling_rule_of(o.convention->id);
  const HfDerivation d = derive_model_quietly(args, sets, "");
  o.kind = path ? "config" : "model";
  o.entry = &find_encoder(d.encoder);
  o.derived = d.params;
  o.fixed_head_dim = d.params.get_int("head_dim", 2, 65536);
}

/// Whether the registry entry admits head_dim d (the generators' dims).
bool admits(const EncoderEntry& e, Index d) {
  if (!e.dims.empty()) return std::find(e.dims.begin(), e.dims.end(), d) != e.dims.end();
  return d % e.dim_multiple == 0 && d <= e.max_dim;
}

Index default_head_dim(const EncoderEntry& e) {
  for (const ParamSpec& s : e.params)
    if (s.key == "head_dim") return std::stoll(s.default_value);
  return 0;
}

}  // namespace

Operand resolve_operand(const std::string& text, const Params& sets,
                        const std::string& layer_type) {
  Operand o;
  o.text = text;
  o.user = sets;
  const std::size_t at = text.rfind('@');
  o.source = at == std::string::npos ? text : text.substr(0, at);
  try {
    o.convention = &find_convention(at == std::string::npos ? "transformers" : text.substr(at + 1));
    if (o.source.empty()) throw InputError("no encoder, model or config before '@'");
    resolve_source(o, sets, layer_type);
    o.params(o.fixed_head_dim ? o.fixed_head_dim : default_head_dim(*o.entry));
  } catch (const InputError& e) {
    throw InputError("operand '" + text + "': " + e.what());
  }
  return o;
}

Params Operand::params(Index head_dim) const {
  Params p = kind == "encoder" ? user : derived;
  if (kind == "encoder" && !user.has("head_dim")) p.set("head_dim", std::to_string(head_dim));
  return apply_convention(convention->id, p.completed(entry->name, entry->params), user);
}

std::string Operand::describe() const {
  std::string out = kind == "model"    ? "catalogue model " + source + " -> " + entry->name
                    : kind == "config" ? "config " + source + " -> " + entry->name
                                       : "encoder " + entry->name;
  return out + ", convention " + convention->name;
}

std::vector<std::pair<Index, Index>> head_dims(const Operand& a, const Operand& b,
                                               const std::vector<Index>& requested, bool& swept) {
  swept = false;
  const Index fixed = a.fixed_head_dim ? a.fixed_head_dim : b.fixed_head_dim;
  if (fixed) {
    for (const Index d : requested) {
      if (d != fixed) {
        throw InputError("option '--dims': head_dim is fixed to " + std::to_string(fixed) +
                         " by operand '" + (a.fixed_head_dim ? a.text : b.text) + "', got " +
                         std::to_string(d));
      }
    }
    return {
        {a.fixed_head_dim ? a.fixed_head_dim : fixed, b.fixed_head_dim ? b.fixed_head_dim : fixed}};
  }
  std::set<Index> dims(requested.begin(), requested.end());
  if (dims.empty()) {
    swept = true;
    for (const Index d : {default_head_dim(*a.entry), default_head_dim(*b.entry), Index(64),
                          Index(80), Index(96), Index(128), Index(256)}) {
      if (admits(*a.entry, d) && admits(*b.entry, d)) dims.insert(d);
    }
  }
  std::vector<std::pair<Index, Index>> out;
  for (const Index d : dims) out.emplace_back(d, d);
  if (out.empty()) {
    throw InputError("no head_dim that both '" + a.entry->name + "' and '" + b.entry->name +
                     "' admit (give one with --dims or --set head_dim=D)");
  }
  return out;
}

}  // namespace posprop::cli
