#include "json_value.hpp"

#include "posprop/params.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace posprop::cli {

std::string read_text_file(const std::string& option, const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string reason = errno ? std::strerror(errno) : "cannot open";
    throw InputError(option + " file '" + path + "': " + reason);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(option + " file '" + path + "': read error");
  return text.str();
}

/// Recursive-descent parser of RFC 8259 JSON (nesting depth limited to 64).
class JsonParser {
 public:
  JsonParser(const std::string& text, std::shared_ptr<const std::string> origin)
      : text_(text), origin_(std::move(origin)) {}

  JsonValue document() {
    JsonValue v = value("", 0);
    skip_space();
    if (pos_ != text_.size()) error("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void error(const std::string& what) const {
    throw InputError(*origin_ + " line " + std::to_string(line_) + ": malformed JSON: " + what);
  }
  void skip_space() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\n') ++line_;
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }
  bool consume(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c, const char* context) {
    if (!consume(c)) error(std::string("expected '") + c + "' " + context);
  }

  JsonValue value(const std::string& path, int depth) {
    if (depth > 64) error("nesting deeper than 64 levels");
    skip_space();
    if (pos_ >= text_.size()) error("unexpected end of file");
    JsonValue v;
    v.line_ = line_;
    v.origin_ = origin_;
    v.path_ = path;
    const char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      v.kind_ = JsonValue::Kind::object;
      if (consume('}')) return v;
      do {
        skip_space();
        if (pos_ >= text_.size() || text_[pos_] != '"') error("expected a member name");
        const std::string key = string_literal();
        for (const auto& m : v.members_)
          if (m.first == key) error("duplicate member '" + key + "'");
        expect(':', "after a member name");
        v.members_.emplace_back(key, value(path.empty() ? key : path + "." + key, depth + 1));
      } while (consume(','));
      expect('}', "to close an object");
    } else if (c == '[') {
      ++pos_;
      v.kind_ = JsonValue::Kind::array;
      if (consume(']')) return v;
      do {
        v.items_.push_back(value(path + "[" + std::to_string(v.items_.size()) + "]", depth + 1));
      } while (consume(','));
      expect(']', "to close an array");
    } else if (c == '"') {
      v.kind_ = JsonValue::Kind::string;
      v.text_ = string_literal();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind_ = JsonValue::Kind::number;
      v.text_ = number_literal();
    } else if (text_.compare(pos_, 4, "true") == 0) {
      pos_ += 4;
      v.kind_ = JsonValue::Kind::boolean;
      v.bool_ = true;
    } else if (text_.compare(pos_, 5, "false") == 0) {
      pos_ += 5;
      v.kind_ = JsonValue::Kind::boolean;
    } else if (text_.compare(pos_, 4, "null") == 0) {
      pos_ += 4;
    } else {
      error(std::string("unexpected character '") + c + "'");
    }
    return v;
  }

  std::string number_literal() {
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t s = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ > s;
    };
    if (text_[pos_] == '-') ++pos_;
    if (!digits()) error("a number needs digits");
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (!digits()) error("a number needs digits after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (!digits()) error("a number needs digits in its exponent");
    }
    return text_.substr(start, pos_ - start);
  }

  std::string string_literal() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) error("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) error("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) error("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          if (pos_ + 4 > text_.size()) error("short \\u escape");
          const std::string hex = text_.substr(pos_, 4);
          char* end = nullptr;
          const long cp = std::strtol(hex.c_str(), &end, 16);
          if (end != hex.c_str() + 4) error("bad \\u escape");
          pos_ += 4;
          // Names and numbers are ASCII; other code points are kept as UTF-8 (BMP only).
          if (cp < 0x80) {
            out += static_cast<char>(cp);
          } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default:
          error(std::string("unknown escape '\\") + e + "'");
      }
    }
  }

  const std::string& text_;
  std::shared_ptr<const std::string> origin_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

JsonValue JsonValue::parse_text(const std::string& text, const std::string& origin) {
  return JsonParser(text, std::make_shared<const std::string>(origin)).document();
}

JsonValue JsonValue::parse_file(const std::string& path) {
  return parse_text(read_text_file("input", path), path);
}

std::string JsonValue::where() const {
  std::string w = (origin_ ? *origin_ : std::string("JSON")) + " line " + std::to_string(line_);
  return path_.empty() ? w : w + ", field " + path_;
}

void JsonValue::fail(const std::string& what) const {
  throw InputError(where() + ": " + what);
}

namespace {
const char* kind_name(JsonValue::Kind k) {
  switch (k) {
    case JsonValue::Kind::null:
      return "null";
    case JsonValue::Kind::boolean:
      return "a boolean";
    case JsonValue::Kind::number:
      return "a number";
    case JsonValue::Kind::string:
      return "a string";
    case JsonValue::Kind::array:
      return "an array";
    case JsonValue::Kind::object:
      return "an object";
  }
  return "?";
}
}  // namespace

bool JsonValue::as_bool() const {
  if (kind_ != Kind::boolean) fail(std::string("expected a boolean, got ") + kind_name(kind_));
  return bool_;
}

const std::string& JsonValue::number_text() const {
  if (kind_ != Kind::number) fail(std::string("expected a number, got ") + kind_name(kind_));
  return text_;
}

double JsonValue::as_double() const {
  const std::string& t = number_text();
  errno = 0;
  const double x = std::strtod(t.c_str(), nullptr);
  if (errno == ERANGE && std::isinf(x)) fail("number " + t + " overflows a double");
  return x;
}

long long JsonValue::as_int(long long lo, long long hi) const {
  const double x = as_double();
  if (x != std::floor(x) || x < static_cast<double>(lo) || x > static_cast<double>(hi)) {
    fail("expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
         text_);
  }
  return static_cast<long long>(x);
}

const std::string& JsonValue::as_string() const {
  if (kind_ != Kind::string) fail(std::string("expected a string, got ") + kind_name(kind_));
  return text_;
}

const std::vector<JsonValue>& JsonValue::as_array() const {
  if (kind_ != Kind::array) fail(std::string("expected an array, got ") + kind_name(kind_));
  return items_;
}

const std::vector<std::pair<std::string, JsonValue>>& JsonValue::members() const {
  if (kind_ != Kind::object) fail(std::string("expected an object, got ") + kind_name(kind_));
  return members_;
}

const JsonValue* JsonValue::find(const std::string& key) const {
  for (const auto& m : members())
    if (m.first == key) return &m.second;
  return nullptr;
}

const JsonValue& JsonValue::at(const std::string& key) const {
  const JsonValue* v = find(key);
  if (!v) fail("missing field '" + (path_.empty() ? key : path_ + "." + key) + "'");
  return *v;
}

}  // namespace posprop::cli
