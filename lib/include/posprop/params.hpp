// Encoder parameters: string key/value pairs (transformers rope_scaling key names where one
// exists), validated on use with errors that name the key and the problem.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace posprop {

/// Any problem with user input (parameters, positions, dimensions, names, files).
/// The CLI maps it to exit code 2.
class InputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A double as text that round-trips (17 significant digits, %.17g): for error messages.
std::string to_decimal(double x);

/// The one syntax of every number posprop reads, on the command line and in files (README,
/// "Numbers"): [+-]? (D+ [. D*] | . D+) ([eE] [+-]? D+)? -- decimal only: no hexadecimal
/// (strtod reads "0x10" as 16 where MPFR reads 0), no inf / nan, no spaces.
bool is_decimal(const std::string& text);
/// The double nearest to `text` (is_decimal; a value below the double range rounds to 0 or a
/// subnormal). Throws InputError "<what>: expected a decimal number, got '<text>'" or "<what>:
/// '<text>' is beyond the range of a double".
double parse_decimal(const std::string& text, const std::string& what);

struct ParamSpec {
  std::string key;
  std::string default_value;
  std::string doc;
};

class Params {
 public:
  Params() = default;
  Params(std::initializer_list<std::pair<const std::string, std::string>> init) : values_(init) {}

  /// Parses "key=value"; throws InputError on a malformed item.
  void set_from_string(const std::string& item);
  void set(const std::string& key, const std::string& value) { values_[key] = value; }
  bool has(const std::string& key) const { return values_.count(key) != 0; }
  const std::map<std::string, std::string>& values() const { return values_; }

  /// Finite number; throws InputError naming the key if missing, malformed, NaN or infinite.
  double get_double(const std::string& key) const;
  /// Integer-valued number in [lo, hi].
  long long get_int(const std::string& key, long long lo, long long hi) const;
  std::string get_string(const std::string& key) const;
  /// Comma-separated finite numbers ("1.0,1.5,2"); at least one. The decimal text of each item
  /// is kept by get_string_list for exact (high-precision) parsing.
  std::vector<double> get_double_list(const std::string& key) const;
  std::vector<std::string> get_string_list(const std::string& key) const;

  /// Fills defaults from `specs` and rejects keys not in `specs` (listing the valid ones).
  Params completed(const std::string& encoder, const std::vector<ParamSpec>& specs) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace posprop
