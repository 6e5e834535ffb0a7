#include "hf_config_fields.hpp"

#include "posprop/hf_config.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace posprop::hf {

Fields::Fields(const Json& object, std::string file, std::string path)
    : object_(&object), file_(std::move(file)), path_(std::move(path)) {}

const Json* Fields::find(const std::string& key) const {
  used_.insert(key);
  const auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

bool Fields::has(const std::string& key) const {
  const auto it = object_->find(key);
  return it != object_->end() && !it->is_null();
}

std::string Fields::where(const std::string& key) const {
  return file_ + ": " + (path_.empty() ? key : path_ + "." + key);
}

void Fields::fail(const std::string& key, const std::string& what) const {
  throw InputError(where(key) + ": " + what);
}

namespace {

/// The value in a message: a number as written, a string quoted (cut after 100 characters),
/// anything else by its type -- never dumped whole (a deep or huge value would be a huge message,
/// and nlohmann's dump recurses: 100,000 nested arrays overflowed the stack).
std::string type_name(const Json& v) {
  if (v.is_number()) return "number " + v.dump();
  if (!v.is_string()) return v.type_name();
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() <= 100) return "a string '" + s + "'";
  return "a string '" + s.substr(0, 100) + "...' (" + std::to_string(s.size()) + " characters)";
}

}  // namespace

std::optional<std::string> Fields::number(const std::string& key) const {
  const Json* v = find(key);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->dump();
  if (!v->is_number()) fail(key, "expected a number, got " + type_name(*v));
  const double x = v->get<double>();
  if (!std::isfinite(x)) fail(key, "expected a finite number");
  return number_text(x);
}

std::optional<long long> Fields::positive_integer(const std::string& key) const {
  const Json* v = find(key);
  if (!v) return std::nullopt;
  const bool integral =
      v->is_number_integer() ||
      (v->is_number_float() && std::nearbyint(v->get<double>()) == v->get<double>());
  if (!integral) fail(key, "expected a positive integer, got " + type_name(*v));
  const double x = v->get<double>();
  if (!(x >= 1 && x <= 1e15)) fail(key, "expected a positive integer, got " + v->dump());
  return static_cast<long long>(x);
}

std::optional<std::string> Fields::text(const std::string& key) const {
  const Json* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) fail(key, "expected a string, got " + type_name(*v));
  return v->get<std::string>();
}

std::optional<bool> Fields::boolean(const std::string& key) const {
  const Json* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) fail(key, "expected true or false, got " + type_name(*v));
  return v->get<bool>();
}

std::optional<std::vector<std::string>> Fields::numbers(const std::string& key) const {
  const Json* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->empty()) fail(key, "expected a non-empty list of numbers");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& x = (*v)[i];
    if (!x.is_number() || !std::isfinite(x.get<double>())) {
      fail(key + "[" + std::to_string(i) + "]", "expected a finite number, got " + type_name(x));
    }
    out.push_back(x.is_number_integer() ? x.dump() : number_text(x.get<double>()));
  }
  return out;
}

const Json* Fields::object(const std::string& key) const {
  const Json* v = find(key);
  if (v && !v->is_object()) fail(key, "expected an object, got " + type_name(*v));
  return v;
}

std::vector<std::string> Fields::unread() const {
  std::vector<std::string> out;
  for (auto it = object_->begin(); it != object_->end(); ++it)
    if (!used_.count(it.key())) out.push_back(it.key());
  return out;
}

std::string number_text(double x) {
  char buf[40];
  if (x == std::floor(x) && std::fabs(x) < 9007199254740992.0) {  // integral: no exponent
    std::snprintf(buf, sizeof buf, "%.0f", x);
    return buf;
  }
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  return buf;
}

}  // namespace posprop::hf

namespace posprop {
std::string shortest_decimal(double x) {
  return hf::number_text(x);
}
}  // namespace posprop
