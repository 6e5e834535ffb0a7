// Every posprop command is one line of the command table (command_table.cpp): its name, usage
// line, one-line summary for `posprop help`, and `define`, which declares the command's options
// on a CLI11 app and returns the action that runs the command once they are parsed.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace posprop::cli {

/// Runs a parsed command: exit code 0 / 1; throws InputError for usage and input errors (2).
using Action = std::function<int()>;

struct Command {
  const char* name;      // "freqs"
  const char* synopsis;  // "usage: posprop freqs ENCODER [--set key=value ...] ..."
  const char* summary;   // one line for `posprop help`
  Action (*define)(CLI::App& app);
};

const std::vector<Command>& commands();
/// nullptr if `name` is not a command.
const Command* find_command(const std::string& name);
/// "list, check, ..., help": for error messages.
std::string command_names();

/// Parses and runs `posprop ARGS...` (args after the program name); returns the exit code.
int run_posprop(const std::vector<std::string>& args);

}  // namespace posprop::cli
