#include "option_values.hpp"

#include <cstdlib>

#include <charconv>

namespace posprop::cli {

unsigned long long parse_unsigned(const std::string& option, const std::string& text,
                                  const std::string& what) {
  unsigned long long v = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, v);  // no sign, no space
  if (error == std::errc::result_out_of_range)
    throw InputError("option '" + option + "' value '" + text + "' is too large");
  if (error != std::errc() || stop != end)
    throw InputError("option '" + option + "' expects " + what + ", got '" + text + "'");
  return v;
}

unsigned long long parse_integer_in(const std::string& option, const std::string& text,
                                    unsigned long long lo, unsigned long long hi, bool even) {
  const std::string what = std::string(even ? "an even integer" : "an integer") + " in [" +
                           std::to_string(lo) + ", " + std::to_string(hi) + "]";
  const unsigned long long v = parse_unsigned(option, text, what);
  if (v < lo || v > hi || (even && v % 2 != 0))
    throw InputError("option '" + option + "' must be " + what + ", got '" + text + "'");
  return v;
}

int parse_cases(const std::string& option, const std::string& text) {
  constexpr unsigned long long kMaxCases = 1000000000ULL;
  const unsigned long long v = parse_unsigned(option, text, "a positive integer");
  if (v == 0) throw InputError("option '" + option + "' must be positive, got '" + text + "'");
  if (v > kMaxCases)
    throw InputError("option '" + option + "' value '" + text + "' is too large (at most " +
                     std::to_string(kMaxCases) + ")");
  return static_cast<int>(v);
}

int parse_hp_digits(const std::string& option, const std::string& text) {
  if (text == "hp50" || text == "hp100") return text == "hp50" ? 50 : 100;
  throw InputError("option '" + option + "' expects hp50 or hp100, got '" + text + "'");
}

std::string precision_name(int hp_digits) {
  return "hp" + std::to_string(hp_digits);
}

double parse_plugin_timeout(const std::string& option, const std::string& text) {
  const double v = is_decimal(text) ? std::strtod(text.c_str(), nullptr) : 0.0;
  if (!(v > 0 && v <= 86400)) {
    throw InputError("option '" + option + "' expects seconds, a number > 0 and <= 86400, got '" +
                     text + "'");
  }
  return v;
}

Params parse_sets(const std::vector<std::string>& sets) {
  Params p;
  for (const std::string& s : sets) p.set_from_string(s);
  return p;
}

}  // namespace posprop::cli
