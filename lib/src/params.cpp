#include "posprop/params.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace posprop {

std::string to_decimal(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

bool is_decimal(const std::string& text) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

double parse_decimal(const std::string& text, const std::string& what) {
  if (!is_decimal(text)) throw InputError(what + ": expected a decimal number, got '" + text + "'");
  errno = 0;
  const double value = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(value))
    throw InputError(what + ": '" + text + "' is beyond the range of a double");
  return value;
}

void Params::set_from_string(const std::string& item) {
  const auto eq = item.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError("parameter '" + item + "' is not of the form key=value");
  }
  values_[item.substr(0, eq)] = item.substr(eq + 1);
}

std::string Params::get_string(const std::string& key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) throw InputError("missing parameter '" + key + "'");
  return it->second;
}

double Params::get_double(const std::string& key) const {
  return parse_decimal(get_string(key), "parameter '" + key + "'");
}

long long Params::get_int(const std::string& key, long long lo, long long hi) const {
  const double value = get_double(key);
  if (value != std::floor(value) || value < static_cast<double>(lo) ||
      value > static_cast<double>(hi)) {
    std::ostringstream os;
    os << "parameter '" << key << "': must be an integer in [" << lo << ", " << hi << "], got '"
       << get_string(key) << "'";
    throw InputError(os.str());
  }
  return static_cast<long long>(value);
}

std::vector<std::string> Params::get_string_list(const std::string& key) const {
  const std::string text = get_string(key);
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (item.empty()) {
      throw InputError("parameter '" + key + "': empty item in list '" + text + "'");
    }
    items.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

std::vector<double> Params::get_double_list(const std::string& key) const {
  std::vector<double> out;
  for (const std::string& item : get_string_list(key))
    out.push_back(parse_decimal(item, "parameter '" + key + "', list item"));
  return out;
}

Params Params::completed(const std::string& encoder, const std::vector<ParamSpec>& specs) const {
  Params out;
  for (const auto& spec : specs) out.values_[spec.key] = spec.default_value;
  for (const auto& [key, value] : values_) {
    bool known = false;
    for (const auto& spec : specs) known = known || spec.key == key;
    if (!known) {
      std::string valid;
      for (const auto& spec : specs) valid += (valid.empty() ? "" : ", ") + spec.key;
      throw InputError("encoder '" + encoder + "' has no parameter '" + key + "' (valid: " + valid +
                       ")");
    }
    out.values_[key] = value;
  }
  return out;
}

}  // namespace posprop
