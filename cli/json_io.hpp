// JSON in and out of the posprop command, through nlohmann-json: the documents posprop writes
// (keys in insertion order, doubles that round-trip, long arrays of records one per line) and a
// view of the files users hand in whose every error names the file and the JSON path
// ("golden.json: cases[12].q_out[3]: expected a decimal string, got number").
#pragma once

#include "input_file.hpp"

#include <nlohmann/json.hpp>

#include <memory>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace posprop::cli {

/// Objects keep their keys in the order they were written.
using Json = nlohmann::ordered_json;

/// The deepest nesting of arrays and objects an input file may have (posprop's files nest 5
/// levels): deeper is a malformed file. nlohmann's parser is iterative, but copying a value is
/// recursive (an ordered object copies its members when it grows): 100,000 nested objects
/// overflowed the stack (tests/reliability/fuzz_regressions).
constexpr int kMaxJsonDepth = 256;

/// A double for an output document: integral values (|x| < 2^53) as integers, other finite values
/// in the shortest form that round-trips, non-finite values as null.
Json json_number(double x);

/// `doc` as text ending in a newline; arrays of objects directly under the top-level object get
/// one element per line (diff-friendly golden vectors and results). Invalid UTF-8 is replaced.
std::string dump_document(const Json& doc);

/// `text` with the tokens NaN, Infinity and -Infinity outside strings (Python's json.dump writes
/// them; JSON has no such numbers) turned into the strings "NaN", "Infinity", "-Infinity".
std::string quote_non_finite(const std::string& text);
/// NaN, +inf or -inf for "NaN" / "nan", "Infinity" / "inf", "-Infinity" / "-inf".
std::optional<double> python_non_finite(const std::string& text);

/// A value of a parsed input file and where it is. Accessors throw InputError
/// "FILE: PATH: expected ..., got <type>" when the value is not what the reader needs.
class JsonNode {
 public:
  /// Parses `text` (the contents of `file`); a syntax error, a duplicate member or nesting
  /// deeper than kMaxJsonDepth is an InputError naming the file.
  static JsonNode parse(const std::string& text, const std::string& file);

  /// Throws InputError "FILE: PATH: what" ("FILE: what" at the root).
  [[noreturn]] void fail(const std::string& what) const;

  bool is_null() const { return value_->is_null(); }
  bool is_array() const { return value_->is_array(); }
  /// `what` names the expected value in the message ("expected a decimal string, got number").
  const std::string& as_string(const char* what = "a string") const;
  double as_double() const;
  /// An implementation's output: a number (beyond the double range: +-inf), or one of the
  /// strings quote_non_finite writes (NaN, +-inf).
  double as_output_number() const;
  /// An integer-valued number in [lo, hi].
  long long as_int(long long lo, long long hi) const;
  /// Member `key` of an object ("missing field 'key'" when absent).
  JsonNode at(const std::string& key) const;
  std::optional<JsonNode> find(const std::string& key) const;
  std::vector<JsonNode> items() const;
  std::vector<std::pair<std::string, JsonNode>> members() const;

 private:
  JsonNode(std::shared_ptr<const Json> root, const Json* value,
           std::shared_ptr<const std::string> file, std::string path)
      : root_(std::move(root)), value_(value), file_(std::move(file)), path_(std::move(path)) {}
  JsonNode child(const Json& value, std::string path) const {
    return {root_, &value, file_, std::move(path)};
  }
  void expect(bool ok, const char* what) const;

  std::shared_ptr<const Json> root_;  // keeps the document alive
  const Json* value_;
  std::shared_ptr<const std::string> file_;
  std::string path_;  // "cases[12].q_out[3]"; empty at the root
};

}  // namespace posprop::cli
