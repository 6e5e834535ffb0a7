#include "model_source.hpp"

#include "command_line.hpp"
#include "input_file.hpp"
#include "json_io.hpp"
#include "text_escape.hpp"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <iostream>

namespace posprop::cli {

namespace fs = std::filesystem;

#ifndef POSPROP_SOURCE_MODELS_DIR
#define POSPROP_SOURCE_MODELS_DIR ""
#endif

std::string ModelArgs::flags() const {
  std::string out = model.empty() ? "--hf-config " + shell_quote(hf_config) : "--model " + model;
  if (!layer_type.empty()) out += " --layer-type " + shell_quote(layer_type);
  if (scaling_rule_given) out += std::string(" --scaling-rule ") + to_string(scaling_rule);
  return out;
}

void add_model_options(CLI::App& app, ModelArgs& a) {
  add_text(app, "--hf-config", a.hf_config, "FILE",
           "derive the encoder and every parameter from a transformers config.json\n(the "
           "derivation and the keys it ignored go to stderr)");
  add_text(app, "--model", a.model, "NAME",
           "as --hf-config with a catalogue model ('posprop list --models')");
  add_text(app, "--layer-type", a.layer_type, "NAME",
           "the RoPE of this layer type when the config has one per layer type\n(Gemma 3: "
           "sliding_attention, full_attention)");
  add_value<ScalingRule>(
      app, "--scaling-rule", a.scaling_rule,
      [&a](const std::string& o, const std::string& t) {
        a.scaling_rule_given = true;
        return parse_scaling_rule(o, t);
      },
      "RULE",
      "YaRN / LongRoPE factor when the config gives factor and\nmax_position_embeddings / "
      "original_max_position_embeddings differs:\nexplicit (default: the factor as written), "
      "ratio (the ratio), legacy\n(YaRN L = max_position_embeddings)");
}

Params without_head_dim(const Params& p) {
  Params out;
  for (const auto& [key, value] : p.values())
    if (key != "head_dim") out.set(key, value);
  return out;
}

namespace {

std::string executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

/// The "_posprop" block of a catalogue file: layer type and overrides the entry stands for.
void catalogue_defaults(const JsonNode& doc, HfConfigOptions& options, Params& sets) {
  const auto block = doc.find("_posprop");
  if (!block) return;
  if (const auto lt = block->find("layer_type"); lt && options.layer_type.empty())
    options.layer_type = lt->as_string();
  if (const auto set = block->find("set")) {
    for (const auto& [key, value] : set->members())
      if (!sets.has(key)) sets.set(key, value.as_string());
  }
}

}  // namespace

std::string models_dir() {
  if (const char* env = std::getenv("POSPROP_MODELS"); env && *env) return env;
  const std::string exe = executable_dir();
  for (const std::string& candidate : {exe + "/../share/posprop/models", exe + "/models",
                                       std::string(POSPROP_SOURCE_MODELS_DIR)}) {
    std::error_code ec;
    if (!exe.empty() && !candidate.empty() && fs::is_directory(candidate, ec)) return candidate;
  }
  return POSPROP_SOURCE_MODELS_DIR;
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(models_dir(), ec))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  if (ec)
    throw InputError("cannot read the model catalogue '" + models_dir() + "': " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

std::string model_path(const std::string& name) {
  const std::vector<std::string> names = model_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    throw InputError("unknown model '" + name + "' (catalogue " + models_dir() + ": " + known +
                     ")");
  }
  return models_dir() + "/" + name + ".json";
}

HfDerivation derive_model_quietly(const ModelArgs& a, const Params& sets,
                                  const std::string& encoder) {
  if (!a.hf_config.empty() && !a.model.empty())
    throw InputError("give either --hf-config or --model, not both");
  const std::string path = a.model.empty() ? a.hf_config : model_path(a.model);
  const std::string text = read_text_file(a.model.empty() ? "--hf-config" : "--model", path);
  return derive_model_text(a, text, path, sets, encoder);
}

HfDerivation derive_model_text(const ModelArgs& a, const std::string& text, const std::string& path,
                               const Params& sets, const std::string& encoder) {
  HfConfigOptions options;
  options.layer_type = a.layer_type;
  options.scaling_rule = a.scaling_rule;
  Params overrides = sets;
  // Syntax errors and duplicate keys named with the file (JsonNode), then the derivation.
  const JsonNode doc = JsonNode::parse(text, path);
  if (!a.model.empty()) catalogue_defaults(doc, options, overrides);
  HfDerivation d = derive_hf_config(text, path, options);
  if (!overrides.values().empty()) apply_overrides(d, overrides);
  if (!encoder.empty() && encoder != d.encoder) {
    throw InputError("encoder '" + encoder + "' given, but " + path + " describes '" + d.encoder +
                     "' (omit the encoder name)");
  }
  return d;
}

void print_derivation(const HfDerivation& d) {
  std::cerr << describe(d);
  if (d.encoder == "rope-yarn" || d.encoder == "rope-yarn-untruncated" ||
      d.encoder == "rope-longrope")
    std::cerr << "  scaling rule: " << to_string(d.scaling_rule) << "\n";
}

HfDerivation derive_model(const ModelArgs& a, const Params& sets, const std::string& encoder) {
  const HfDerivation d = derive_model_quietly(a, sets, encoder);
  print_derivation(d);
  return d;
}

EncoderEntry model_entry(const HfDerivation& d, const std::string& name) {
  EncoderEntry e = find_encoder(d.encoder);
  e.name = name;
  e.description = "derived from " + d.file + " (" + d.encoder + ")";
  for (ParamSpec& s : e.params)
    if (d.params.has(s.key)) s.default_value = d.params.get_string(s.key);
  e.dims = {static_cast<int>(d.params.get_int("head_dim", 2, 1 << 20))};
  if (e.spec) {
    for (const SpecField& f : e.spec(d.params, 30)) {
      if (f.name != "attention_factor" || f.values.empty() || std::stod(f.values[0]) != 1.0)
        continue;
      // c = 1: an isometry again (proofs/scaled_rope.md: the three fail exactly when c != 1).
      for (const char* id : {"rotation.orthogonal", "rotation.group", "rope.complex_view"})
        e.expected_failures.erase(id);
    }
  }
  return e;
}

const EncoderEntry& model_row(const ModelArgs& a, const Params& sets, HfDerivation& d) {
  static std::deque<EncoderEntry> rows;  // the matrix points at its rows
  d = derive_model_quietly(a, sets, "");
  std::string name = a.model.empty() ? fs::path(a.hf_config).stem().string() : a.model;
  if (!d.layer_type.empty()) name += ":" + d.layer_type;
  rows.push_back(model_entry(d, name));
  return rows.back();
}

void list_models(std::ostream& out, bool json) {
  Json list = Json::array();
  if (!json) out << "models (catalogue " << terminal_text(models_dir()) << "):\n";
  for (const std::string& name : model_names()) {
    ModelArgs a;
    a.model = name;
    const HfDerivation d = derive_model_quietly(a, Params{}, "");
    const JsonNode doc = JsonNode::parse(read_text_file("--model", model_path(name)), name);
    std::string description, source;
    if (const auto meta = doc.find("_posprop"))
      if (const auto text = meta->find("description")) description = text->as_string();
    if (const auto src = doc.find("_source")) source = src->as_string();
    Json params = Json::object();
    for (const auto& [key, value] : d.params.values()) params[key] = value;
    list.push_back({{"name", name},
                    {"encoder", d.encoder},
                    {"layer_type", d.layer_type},
                    {"description", description},
                    {"source", source},
                    {"params", params}});
    if (json) continue;
    // Catalogue files are input files: their text reaches the terminal escaped.
    out << terminal_text("\n  " + name + "  [" + d.encoder + ", head_dim " +
                         d.params.get_string("head_dim") +
                         (d.layer_type.empty() ? "" : ", layer type " + d.layer_type) + "]\n" +
                         "    " + description + "\n    source: " + source + "\n");
  }
  if (json) out << dump_document({{"models", std::move(list)}});
}

}  // namespace posprop::cli
