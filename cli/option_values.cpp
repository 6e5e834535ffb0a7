#include "option_values.hpp"

#include "posprop/params.hpp"

#include <cerrno>
#include <cstdlib>

namespace posprop::cli {
namespace {

constexpr unsigned long long kMaxCases = 1000000000ULL;

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

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

unsigned long long parse_integer_in(const std::string& option, const std::string& text,
                                    unsigned long long lo, unsigned long long hi, bool even) {
  const std::string what = std::string(even ? "an even integer" : "an integer") + " in [" +
                           std::to_string(lo) + ", " + std::to_string(hi) + "]";
  const unsigned long long v = parse_unsigned(option, text, what);
  if (v < lo || v > hi || (even && v % 2 != 0)) {
    throw InputError("option '" + option + "' must be " + what + ", got '" + text + "'");
  }
  return v;
}

int parse_cases(const std::string& option, const std::string& text) {
  const unsigned long long v = parse_unsigned(option, text, "a positive integer");
  if (v == 0) throw InputError("option '" + option + "' must be positive, got '" + text + "'");
  if (v > kMaxCases) {
    throw InputError("option '" + option + "' value '" + text + "' is too large (at most " +
                     std::to_string(kMaxCases) + ")");
  }
  return static_cast<int>(v);
}

int parse_hp_digits(const std::string& option, const std::string& text) {
  if (text == "hp50") return 50;
  if (text == "hp100") return 100;
  throw InputError("option '" + option + "' expects hp50 or hp100, got '" + text + "'");
}

Params parse_sets(const std::vector<std::string>& sets) {
  Params p;
  for (const std::string& s : sets) p.set_from_string(s);
  return p;
}

std::string precision_name(int hp_digits) {
  return "hp" + std::to_string(hp_digits);
}

}  // namespace posprop::cli
