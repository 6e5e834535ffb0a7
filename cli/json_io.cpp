#include "json_io.hpp"

#include "posprop/params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string_view>

namespace posprop::cli {
namespace {

std::string dump(const Json& v) {
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string member_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

}  // namespace

Json json_number(double x) {
  if (!std::isfinite(x)) return nullptr;
  if (x == std::trunc(x) && std::fabs(x) < 0x1p53) return static_cast<std::int64_t>(x);
  return x;
}

std::string dump_document(const Json& doc) {
  if (!doc.is_object()) return dump(doc) + "\n";
  std::string out = "{";
  for (const auto& [key, v] : doc.items()) {
    out += (out.size() > 1 ? "," : "") + dump(key) + ":";
    if (!v.is_array() || v.empty() || !v.front().is_object()) {
      out += dump(v);
      continue;
    }
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ",\n" : "[\n") + dump(v[i]);
    out += "\n]";
  }
  return out + "}\n";
}

std::string quote_non_finite(const std::string& text) {
  static const std::string_view kTokens[] = {"NaN", "Infinity", "-Infinity"};
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto* token = std::find_if(std::begin(kTokens), std::end(kTokens), [&](auto t) {
      return !in_string && text.compare(i, t.size(), t) == 0;
    });
    if (token != std::end(kTokens)) {
      out.append("\"").append(*token).append("\"");
      i += token->size() - 1;
      continue;
    }
    out += text[i];
    if (in_string && text[i] == '\\' && i + 1 < text.size())
      out += text[++i];
    else if (text[i] == '"')
      in_string = !in_string;
  }
  return out;
}

std::optional<double> python_non_finite(const std::string& text) {
  if (text == "NaN" || text == "nan") return std::nan("");
  if (text == "Infinity" || text == "inf") return HUGE_VAL;
  if (text == "-Infinity" || text == "-inf") return -HUGE_VAL;
  return std::nullopt;
}

JsonNode JsonNode::parse(const std::string& text, const std::string& file) {
  // nlohmann keeps one of duplicate members: refuse them instead. Its parser and destructor are
  // iterative, its copies are not: nesting is limited (kMaxJsonDepth).
  std::vector<std::set<std::string>> open;  // member names of the objects being read
  const auto guard = [&](int depth, Json::parse_event_t event, Json& parsed) {
    const auto malformed = [&](const std::string& what) {
      throw InputError(file + ": malformed JSON: " + what);
    };
    if (depth > kMaxJsonDepth)
      malformed("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    if (event == Json::parse_event_t::object_start) open.emplace_back();
    if (event == Json::parse_event_t::object_end) open.pop_back();
    if (event == Json::parse_event_t::key && !open.back().insert(parsed.get<std::string>()).second)
      malformed("duplicate member '" + parsed.get<std::string>() + "'");
    return true;
  };
  try {
    auto root = std::make_shared<const Json>(Json::parse(text, guard));
    return {root, root.get(), std::make_shared<const std::string>(file), ""};
  } catch (const Json::exception& e) {  // a parse error, or a number overflowing a double
    const std::string what = e.what();  // "[json.exception.parse_error.101] parse error at ..."
    throw InputError(file + ": malformed JSON: " + what.substr(what.find(']') + 2));
  }
}

void JsonNode::fail(const std::string& what) const {
  throw InputError((path_.empty() ? *file_ : *file_ + ": " + path_) + ": " + what);
}

void JsonNode::expect(bool ok, const char* what) const {
  if (!ok) fail(std::string("expected ") + what + ", got " + value_->type_name());
}

const std::string& JsonNode::as_string(const char* what) const {
  expect(value_->is_string(), what);
  return value_->get_ref<const std::string&>();
}

double JsonNode::as_double() const {
  expect(value_->is_number(), "a number");
  const double x = value_->get<double>();
  if (!std::isfinite(x)) fail("number out of the range of a double");
  return x;
}

double JsonNode::as_output_number() const {
  if (value_->is_string())
    if (const auto x = python_non_finite(value_->get_ref<const std::string&>())) return *x;
  expect(value_->is_number(), "a number (or NaN, Infinity, -Infinity)");
  return value_->get<double>();
}

long long JsonNode::as_int(long long lo, long long hi) const {
  const double x = as_double();
  if (x != std::floor(x) || x < static_cast<double>(lo) || x > static_cast<double>(hi))
    fail(fmt::format("expected an integer in [{}, {}], got {}", lo, hi, dump(*value_)));
  return static_cast<long long>(x);
}

JsonNode JsonNode::at(const std::string& key) const {
  const std::optional<JsonNode> v = find(key);
  if (!v) fail("missing field '" + key + "'");
  return *v;
}

std::optional<JsonNode> JsonNode::find(const std::string& key) const {
  expect(value_->is_object(), "an object");
  const auto it = value_->find(key);
  if (it == value_->end()) return std::nullopt;
  return child(*it, member_path(path_, key));
}

std::vector<JsonNode> JsonNode::items() const {
  expect(value_->is_array(), "an array");
  std::vector<JsonNode> out;
  for (std::size_t i = 0; i < value_->size(); ++i)
    out.push_back(child((*value_)[i], fmt::format("{}[{}]", path_, i)));
  return out;
}

std::vector<std::pair<std::string, JsonNode>> JsonNode::members() const {
  expect(value_->is_object(), "an object");
  std::vector<std::pair<std::string, JsonNode>> out;
  for (const auto& [key, value] : value_->items())
    out.emplace_back(key, child(value, member_path(path_, key)));
  return out;
}

}  // namespace posprop::cli
