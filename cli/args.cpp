#include "args.hpp"

#include "command_table.hpp"
#include "option_reader.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <set>

namespace posprop::cli {
namespace {

int parse_precision(const std::string& text) {
  if (text == "hp50") return 50;
  if (text == "hp100") return 100;
  throw InputError("option '--precision' expects hp50 or hp100, got '" + text + "'");
}

/// --plugin-timeout: seconds, a decimal number in (0, 86400] (hexadecimal and inf refused).
double parse_plugin_timeout(const std::string& text) {
  char* end = nullptr;
  const bool decimal = text.find_first_not_of("0123456789.eE+-") == std::string::npos;
  const double v = decimal ? std::strtod(text.c_str(), &end) : 0.0;
  if (!decimal || end != text.c_str() + text.size() || !(v > 0 && v <= 86400)) {
    throw InputError("option '--plugin-timeout' expects seconds, a number > 0 and <= 86400, got '" +
                     text + "'");
  }
  return v;
}

ListArgs parse_list(const std::vector<std::string>& args, bool& help) {
  ListArgs out;
  OptionReader r("list", args);
  while (r.next()) {
    if (is_help(r.name())) {
      help = true;
    } else if (r.name() == "--json") {
      r.flag();
      out.json = true;
    } else {
      r.unknown();
    }
  }
  return out;
}

CheckArgs parse_check(const std::vector<std::string>& args, bool& help) {
  CheckArgs out;
  OptionReader r("check", args);
  while (r.next()) {
    const std::string& n = r.name();
    if (is_help(n)) {
      help = true;
    } else if (n == "--encoder") {
      out.encoder_glob = r.value();
    } else if (n == "--property") {
      out.property_glob = r.value();
    } else if (n == "--cases") {
      out.cases = parse_cases(r.value());
    } else if (n == "--seed") {
      out.seed = parse_unsigned("--seed", r.value(), "a non-negative integer");
    } else if (n == "--precision") {
      out.hp_digits = parse_precision(r.value());
    } else if (n == "--json") {
      out.json_file = r.value();
    } else if (n == "--junit") {
      out.junit_file = r.value();
    } else if (n == "--md") {
      out.md_file = r.value();
    } else if (n == "--plugin") {
      out.plugins.push_back(r.repeated_value());
    } else if (n == "--plugin-timeout") {
      out.plugin_timeout = parse_plugin_timeout(r.value());
    } else {
      r.unknown();
    }
  }
  return out;
}

ClaimsArgs parse_claims(const std::vector<std::string>& args, bool& help) {
  ClaimsArgs out;
  OptionReader r("claims", args);
  while (r.next()) {
    const std::string& n = r.name();
    if (is_help(n)) {
      help = true;
    } else if (n == "--cases") {
      out.cases = parse_cases(r.value());
    } else if (n == "--seed") {
      out.seed = parse_unsigned("--seed", r.value(), "a non-negative integer");
    } else if (n == "--json") {
      out.json_file = r.value();
    } else if (n == "--md") {
      out.md_file = r.value();
    } else if (n == "--figures") {
      out.figures_dir = r.value();
    } else {
      r.unknown();
    }
  }
  return out;
}

}  // namespace

std::string precision_name(int hp_digits) {
  return "hp" + std::to_string(hp_digits);
}

Command parse_args(const std::vector<std::string>& args) {
  Command cmd;
  if (args.empty()) return cmd;
  const std::string& first = args[0];
  bool help = false;
  if (first == "help" || is_help(first)) {
    cmd.kind = Command::help;
  } else if (first == "list") {
    cmd.kind = Command::list;
    cmd.list_args = parse_list(args, help);
  } else if (first == "check") {
    cmd.kind = Command::check;
    cmd.check_args = parse_check(args, help);
  } else if (first == "claims") {
    cmd.kind = Command::claims;
    cmd.claims_args = parse_claims(args, help);
  } else if (const ToolCommand* tool = find_tool_command(first)) {
    cmd.kind = Command::tool_command;
    cmd.tool = tool;
    return cmd;  // the tool parses its own options (and --help)
  } else if (first.rfind("-", 0) == 0) {
    throw InputError("unknown option '" + first + "' (expected a command: " + command_names() +
                     ")");
  } else {
    throw InputError("unknown command '" + first + "' (commands: " + command_names() + ")");
  }
  if (help) cmd.kind = Command::help;
  return cmd;
}

}  // namespace posprop::cli
