// Option parsing shared by every posprop command: `--name value`, `--name=value`, bare flags,
// each option at most once; every problem is an InputError naming the option (exit code 2).
#pragma once

#include "posprop/params.hpp"

#include <set>
#include <string>
#include <vector>

namespace posprop::cli {

/// Walks the options of one command: `--name value`, `--name=value` and bare flags.
class OptionReader {
 public:
  /// args[0] is the command itself; up to `max_positionals` non-option arguments are accepted
  /// (e.g. `posprop freqs ENCODER`) and collected in positionals().
  OptionReader(const std::string& command, const std::vector<std::string>& args,
               std::size_t max_positionals = 0)
      : command_(command), args_(args), max_positionals_(max_positionals) {}

  /// Advances to the next option; false at the end. Rejects extra positional arguments.
  bool next() {
    if (++pos_ >= args_.size()) return false;
    const std::string& arg = args_[pos_];
    if (arg.size() < 2 || arg[0] != '-') {
      if (positionals_.size() < max_positionals_) {
        positionals_.push_back(arg);
        return next();
      }
      throw InputError("unexpected argument '" + arg + "' for '" + command_ + "'");
    }
    const std::size_t eq = arg.find('=');
    name_ = arg.substr(0, eq);
    inline_value_ = eq != std::string::npos;
    value_ = inline_value_ ? arg.substr(eq + 1) : std::string();
    return true;
  }

  const std::string& name() const { return name_; }
  const std::vector<std::string>& positionals() const { return positionals_; }

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

  /// The value of an option that may be given several times (e.g. --set key=value).
  std::string repeated_value() {
    seen_.erase(name_);
    std::string v = value();
    seen_.erase(name_);
    return v;
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
  std::size_t max_positionals_ = 0;
  std::vector<std::string> positionals_;
};

bool is_help(const std::string& arg);
/// Decimal digits only (no sign, no spaces); throws naming the option on anything else.
unsigned long long parse_unsigned(const std::string& option, const std::string& text,
                                  const std::string& what);
/// An integer in [lo, hi] (and even when `even`); the error names the option, the range and the
/// text given.
unsigned long long parse_integer_in(const std::string& option, const std::string& text,
                                    unsigned long long lo, unsigned long long hi,
                                    bool even = false);
/// --cases: a positive integer <= 1e9.
int parse_cases(const std::string& text);

}  // namespace posprop::cli
