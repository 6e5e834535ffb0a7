// Commands beyond list / check / claims: each lives in its own <name>_command.cpp, parses its own
// options (OptionReader) and is one line in command_table.cpp. `posprop help` lists them.
#pragma once

#include <string>
#include <vector>

namespace posprop::cli {

struct ToolCommand {
  const char* name;      // "freqs"
  const char* synopsis;  // "usage: posprop freqs ENCODER [--set key=value ...] ..."
  const char* summary;   // one line for `posprop help`
  /// args[0] is the command name. Returns the exit code (0 / 1); throws InputError for usage
  /// and input errors (exit code 2). Handles --help itself (print synopsis and details, return 0).
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<ToolCommand>& tool_commands();
/// nullptr if `name` is not a tool command.
const ToolCommand* find_tool_command(const std::string& name);
/// "list, check, claims, <tools...>, help": for error messages.
std::string command_names();

}  // namespace posprop::cli
