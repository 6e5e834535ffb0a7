// Command-line parsing for `posprop` (DESIGN.md section 5): explicit, no external library.
// Every problem is an InputError naming the option and the value (exit code 2).
#pragma once

#include "posprop/plugin_process.hpp"
#include "support/property.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace posprop::cli {

struct ListArgs {
  bool json = false;
};

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
};

struct ClaimsArgs {
  int cases = 100;
  std::uint64_t seed = kDefaultSeed;
  std::string json_file;  // "" = not requested, "-" = stdout
  std::string md_file;
  std::string figures_dir;  // write the ledger's SVG figures there
};

struct ToolCommand;

struct Command {
  enum Kind { none, help, list, check, claims, tool_command } kind = none;
  const ToolCommand* tool = nullptr;  // kind == tool_command
  ListArgs list_args;
  CheckArgs check_args;
  ClaimsArgs claims_args;
};

/// Parses the arguments after the program name. Throws InputError on any usage problem.
Command parse_args(const std::vector<std::string>& args);

/// "hp50" / "hp100" for a digits count.
std::string precision_name(int hp_digits);

}  // namespace posprop::cli
