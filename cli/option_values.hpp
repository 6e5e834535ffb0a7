// Values of command-line options that posprop checks itself (integers in a range, --cases,
// --precision): every problem is an InputError naming the option and the text given (exit 2).
#pragma once

#include "posprop/params.hpp"

#include <string>
#include <vector>

namespace posprop::cli {

/// Decimal digits only (no sign, no spaces); throws naming the option on anything else.
unsigned long long parse_unsigned(const std::string& option, const std::string& text,
                                  const std::string& what = "a non-negative integer");
/// An integer in [lo, hi] (and even when `even`); the error names the option, the range and the
/// text given.
unsigned long long parse_integer_in(const std::string& option, const std::string& text,
                                    unsigned long long lo, unsigned long long hi,
                                    bool even = false);
/// --cases: a positive integer <= 1e9.
int parse_cases(const std::string& option, const std::string& text);
/// --precision of check: hp50 -> 50, hp100 -> 100.
int parse_hp_digits(const std::string& option, const std::string& text);
/// Encoder parameters from repeated `--set key=value` options.
Params parse_sets(const std::vector<std::string>& sets);
/// "hp50" / "hp100" for a digits count.
std::string precision_name(int hp_digits);

}  // namespace posprop::cli
