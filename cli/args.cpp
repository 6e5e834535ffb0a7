#include "args.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <set>

namespace posprop::cli {
namespace {

constexpr unsigned long long kMaxCases = 1000000000ULL;

/// Walks the options of one command: `--name value`, `--name=value` and bare flags.
class OptionReader {
 public:
  OptionReader(const std::string& command, const std::vector<std::string>& args)
      : command_(command), args_(args) {}

  /// Advances to the next option; false at the end. Rejects positional arguments.
  bool next() {
    if (++pos_ >= args_.size()) return false;
    const std::string& arg = args_[pos_];
    if (arg.size() < 2 || arg[0] != '-') {
      throw InputError("unexpected argument '" + arg + "' for '" + command_ + "'");
    }
    const std::size_t eq = arg.find('=');
    name_ = arg.substr(0, eq);
    inline_value_ = eq != std::string::npos;
    value_ = inline_value_ ? arg.substr(eq + 1) : std::string();
    return true;
  }

  const std::string& name() const { return name_; }

  /// The option's value (inline or the next argument); a following option does not count.
  std::string value() {
    if (!inline_value_) {
      if (pos_ + 1 >= args_.size() || args_[pos_ + 1].rfind("--", 0) == 0) {
        throw InputError("option '" + name_ + "' needs a value");
      }
      value_ = args_[++pos_];
    }
    if (value_.empty()) throw InputError("option '" + name_ + "' needs a non-empty value");
    mark_seen();
    return value_;
  }

  void flag() {
    if (inline_value_) throw InputError("option '" + name_ + "' takes no value");
    mark_seen();
  }

  [[noreturn]] void unknown() const {
    throw InputError("unknown option '" + name_ + "' for '" + command_ + "'");
  }

 private:
  void mark_seen() {
    if (!seen_.insert(name_).second) throw InputError("option '" + name_ + "' given twice");
  }

  std::string command_;
  const std::vector<std::string>& args_;
  std::size_t pos_ = 0;  // args_[0] is the command itself
  std::string name_, value_;
  bool inline_value_ = false;
  std::set<std::string> seen_;
};

bool is_help(const std::string& arg) {
  return arg == "--help" || arg == "-h";
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/// Decimal digits only (no sign, no spaces); throws naming the option on anything else.
unsigned long long parse_unsigned(const std::string& option, const std::string& text,
                                  const std::string& what) {
  if (!all_digits(text)) {
    throw InputError("option '" + option + "' expects " + what + ", got '" + text + "'");
  }
  errno = 0;
  const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE) {
    throw InputError("option '" + option + "' value '" + text + "' is too large");
  }
  return v;
}

int parse_cases(const std::string& text) {
  const unsigned long long v = parse_unsigned("--cases", text, "a positive integer");
  if (v == 0) throw InputError("option '--cases' must be positive, got '" + text + "'");
  if (v > kMaxCases) {
    throw InputError("option '--cases' value '" + text + "' is too large (at most " +
                     std::to_string(kMaxCases) + ")");
  }
  return static_cast<int>(v);
}

int parse_precision(const std::string& text) {
  if (text == "hp50") return 50;
  if (text == "hp100") return 100;
  throw InputError("option '--precision' expects hp50 or hp100, got '" + text + "'");
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
  } else if (first.rfind("-", 0) == 0) {
    throw InputError("unknown option '" + first +
                     "' (expected a command: list, check, claims, help)");
  } else {
    throw InputError("unknown command '" + first + "' (commands: list, check, claims, help)");
  }
  if (help) cmd.kind = Command::help;
  return cmd;
}

}  // namespace posprop::cli
