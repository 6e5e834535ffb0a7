// The options of `posprop check` and `posprop claims` once parsed (check_command.cpp,
// claims_command.cpp); `posprop report` reuses CheckArgs for its matrix.
#pragma once

#include "model_source.hpp"
#include "option_values.hpp"

#include "posprop/plugin_process.hpp"
#include "support/property.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace posprop::cli {

struct CheckArgs {
  std::string encoder_glob = "*";
  std::string property_glob = "*";
  int cases = 100;
  std::uint64_t seed = kDefaultSeed;
  int hp_digits = 50;     // --precision hp50 | hp100
  std::string json_file;  // "" = not requested, "-" = stdout
  std::string junit_file;
  std::string md_file;
  std::vector<std::string> plugins;  // --plugin lib.so (repeatable): rows from outside code
  double plugin_timeout = kDefaultPluginTimeout;  // --plugin-timeout SECONDS: limit per call
  int jobs = 0;     // --jobs N: worker processes; 0 = one per CPU, at most 8 (select_matrix)
  ModelArgs model;  // --hf-config / --model: one row, the encoder the config describes
  std::vector<std::string> sets;  // --set key=value (with --hf-config / --model)
};

struct ClaimsArgs {
  int cases = 100;
  std::uint64_t seed = kDefaultSeed;
  std::string json_file;  // "" = not requested, "-" = stdout
  std::string md_file;
  std::string figures_dir;  // write the ledger's SVG figures there
};

/// --cases N and --seed S (check, claims, report).
void add_cases_and_seed(CLI::App& app, int& cases, std::uint64_t& seed);
/// --encoder GLOB, --property GLOB, --cases N, --seed S (check, report).
void add_selection_options(CLI::App& app, CheckArgs& args);

}  // namespace posprop::cli
