// --hf-config FILE / --model NAME (freqs, vectors, verify, check): the encoder and every
// parameter derived from a transformers config.json (posprop/hf_config.hpp), either a file or a
// catalogue entry models/NAME.json. The derivation is printed on stderr.
//
// The catalogue directory: $POSPROP_MODELS if set, else <executable dir>/../share/posprop/models
// (installed), else <executable dir>/models, else the source tree's models/ (compiled in).
// A catalogue file is a config.json plus metadata keys the derivation skips: "_source" (where the
// facts come from) and "_posprop": {"description": "...", "layer_type": "...", "set": {...}}
// (the layer type and parameter overrides this entry stands for).
#pragma once

#include "posprop/hf_config.hpp"
#include "posprop/registry.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace posprop::cli {

struct ModelArgs {
  std::string hf_config;   // --hf-config FILE
  std::string model;       // --model NAME
  std::string layer_type;  // --layer-type NAME
  ScalingRule scaling_rule = ScalingRule::explicit_factor;
  bool scaling_rule_given = false;
  bool given() const { return !hf_config.empty() || !model.empty(); }
  /// The flags that name this source again ("--model qwen2.5-7b-yarn --scaling-rule ratio").
  std::string flags() const;
};

void add_model_options(CLI::App& app, ModelArgs& args);

/// The derivation with `sets` applied as overrides, printed on stderr (describe()). When
/// `encoder` is non-empty it must be the derived encoder. InputError (exit 2) on any problem.
HfDerivation derive_model(const ModelArgs& args, const Params& sets, const std::string& encoder);

/// The derivation on stderr (describe() and the scaling rule where it matters).
void print_derivation(const HfDerivation& d);
/// derive_model without printing (list --models; commands that validate more before printing,
/// so that an error stays the first line of stderr).
HfDerivation derive_model_quietly(const ModelArgs& args, const Params& sets,
                                  const std::string& encoder);
/// derive_model_quietly on the text of the config (catalogue metadata read when args.model is
/// set), `path` naming it in messages (tests/fuzz).
HfDerivation derive_model_text(const ModelArgs& args, const std::string& text,
                               const std::string& path, const Params& sets,
                               const std::string& encoder);

/// `posprop list --models`: every catalogue model, its encoder, description and source.
void list_models(std::ostream& out, bool json);

/// The parameters without head_dim (vectors and verify take the dimension separately).
Params without_head_dim(const Params& p);

/// A copy of the derived encoder's entry named `name` whose defaults are the derived parameters
/// and whose only head_dim is the model's; expectations follow the derived attention factor
/// (c = 1: the rotation properties hold).
EncoderEntry model_entry(const HfDerivation& d, const std::string& name);

/// check's row for a config: model_entry of the derivation, named after the model (or the
/// config file), kept alive for the process; `derived` receives the derivation (not printed).
const EncoderEntry& model_row(const ModelArgs& args, const Params& sets, HfDerivation& derived);

/// The catalogue: its directory, the model names (sorted), one model's file.
std::string models_dir();
std::vector<std::string> model_names();
std::string model_path(const std::string& name);

}  // namespace posprop::cli
