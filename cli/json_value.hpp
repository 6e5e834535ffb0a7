// A small JSON reader for the files users hand to posprop (golden vectors, implementation
// outputs): a DOM whose numbers keep their decimal text (so they can be parsed exactly at high
// precision) and whose every value knows its line, so errors name the file, line and field.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace posprop::cli {

class JsonValue {
 public:
  enum class Kind { null, boolean, number, string, array, object };

  Kind kind() const { return kind_; }
  int line() const { return line_; }
  /// Where this value is: "file.json line 12, field cases[3].q_out".
  std::string where() const;

  bool is_null() const { return kind_ == Kind::null; }
  // Accessors throw InputError naming the file, line and field when the kind is wrong.
  bool as_bool() const;
  /// The number's text exactly as written ("0.1", "-3e-7").
  const std::string& number_text() const;
  double as_double() const;
  /// An integer-valued number in [lo, hi].
  long long as_int(long long lo, long long hi) const;
  const std::string& as_string() const;
  const std::vector<JsonValue>& as_array() const;
  /// Member `key` of an object; throws naming the missing field.
  const JsonValue& at(const std::string& key) const;
  /// nullptr when the object has no member `key`.
  const JsonValue* find(const std::string& key) const;
  const std::vector<std::pair<std::string, JsonValue>>& members() const;

  /// Parses a whole file; throws InputError "FILE line L: ..." on any syntax error.
  static JsonValue parse_file(const std::string& path);
  static JsonValue parse_text(const std::string& text, const std::string& origin);

 private:
  friend class JsonParser;
  void fail(const std::string& what) const;
  Kind kind_ = Kind::null;
  int line_ = 0;
  bool bool_ = false;
  std::string text_;  // number text or string value
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
  std::shared_ptr<const std::string> origin_;
  std::string path_;  // "cases[3].q_out"
};

/// Reads a whole text file; throws InputError naming the option and file when it cannot.
std::string read_text_file(const std::string& option, const std::string& path);

}  // namespace posprop::cli
