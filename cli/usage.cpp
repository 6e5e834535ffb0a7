#include "usage.hpp"

#include "command_table.hpp"

namespace posprop::cli {

void print_usage(std::ostream& out) {
  out << "posprop: property-based verification of transformer positional encodings\n"
         "\n"
         "usage: posprop <command> [options]\n"
         "\n"
         "commands:\n";
  for (const Command& c : commands()) {
    const std::string name = c.name;
    out << "  " << name << std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') << c.summary
        << "\n";
  }
  out << "  help        this text (also --help, -h)\n"
         "\n"
         "'posprop <command> --help' prints a command's options.\n"
         "\n"
         "environment:\n"
         "  RC_PARAMS   RapidCheck parameters: seed=, max_success=, max_size= win over the flags;\n"
         "              reproduce= replays a printed counterexample\n"
         "\n"
         "exit codes: 0 every verdict as expected, 1 a verdict differs from its expectation\n"
         "            (or a check errored), 2 usage or input error\n";
}

std::string usage_hint(const std::vector<std::string>& args) {
  const Command* command = args.empty() ? nullptr : find_command(args[0]);
  if (!command) return "usage: posprop <command> [options]\n(run 'posprop --help' for details)\n";
  return std::string(command->synopsis) + "\n(run 'posprop " + command->name +
         " --help' for details)\n";
}

}  // namespace posprop::cli
