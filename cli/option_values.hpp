// Values of command-line options that posprop checks itself (integers in a range, --cases,
// --precision, --set): every problem is an InputError naming the option and the text given.
// A parser takes (option name, text), as command_line.hpp's add_value expects.
#pragma once

#include "posprop/params.hpp"

#include <functional>
#include <string>
#include <vector>

namespace posprop::cli {

template <class T>
using Parser = std::function<T(const std::string& option, const std::string& text)>;

/// Decimal digits only (no sign, no spaces); `what` names the expected value in the message.
unsigned long long parse_unsigned(const std::string& option, const std::string& text,
                                  const std::string& what = "a non-negative integer");
/// An integer in [lo, hi] (and even when `even`); the message names the range.
unsigned long long parse_integer_in(const std::string& option, const std::string& text,
                                    unsigned long long lo, unsigned long long hi,
                                    bool even = false);
template <class T>
Parser<T> integer_in(unsigned long long lo, unsigned long long hi, bool even = false) {
  return [=](const std::string& option, const std::string& text) {
    return static_cast<T>(parse_integer_in(option, text, lo, hi, even));
  };
}
/// --cases: a positive integer <= 1e9.
int parse_cases(const std::string& option, const std::string& text);
/// --precision of check: hp50 -> 50, hp100 -> 100; precision_name is the inverse.
int parse_hp_digits(const std::string& option, const std::string& text);
std::string precision_name(int hp_digits);
/// --plugin-timeout: seconds, a decimal number in (0, 86400] (hexadecimal and inf refused).
double parse_plugin_timeout(const std::string& option, const std::string& text);
/// Encoder parameters from repeated `--set key=value` options.
Params parse_sets(const std::vector<std::string>& sets);

}  // namespace posprop::cli
