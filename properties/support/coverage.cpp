#include "support/coverage.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace posprop {
namespace {

std::string number(double x) {
  std::ostringstream os;
  os.precision(17);
  os << x;
  return os.str();
}

}  // namespace

void Coverage::position(double p) {
  const double a = std::fabs(p);
  if (!has_positions) {
    has_positions = true;
    min_position = max_position = a;
    return;
  }
  if (a < min_position) min_position = a;
  if (a > max_position) max_position = a;
}

void Coverage::param(const std::string& key, double value) {
  if (!std::isfinite(value)) return;
  const auto it = params.find(key);
  if (it == params.end()) {
    params.emplace(key, std::make_pair(value, value));
    return;
  }
  if (value < it->second.first) it->second.first = value;
  if (value > it->second.second) it->second.second = value;
}

void Coverage::param(const std::string& key, const std::string& value) {
  const char* begin = value.c_str();
  char* end = nullptr;
  const double x = std::strtod(begin, &end);
  if (end != begin && *end == '\0') param(key, x);
}

std::string Coverage::summary() const {
  std::ostringstream os;
  os << random_cases << " random + " << boundary_cases << " of " << boundary_total
     << " boundary case(s)";
  if (!dims.empty()) {
    os << "; dims " << *dims.begin() << ".." << max_dim() << " {";
    bool first = true;
    for (int d : dims) {
      os << (first ? "" : ", ") << d;
      first = false;
    }
    os << "}";
  }
  if (has_positions) {
    os << "; positions |p| " << number(min_position) << ".." << number(max_position)
       << (reached(1048576.0) ? " (>= 2^20 reached)" : " (< 2^20)");
  }
  for (const auto& [key, range] : params) {
    os << "; " << key << " " << number(range.first);
    if (range.second != range.first) os << ".." << number(range.second);
  }
  return os.str();
}

}  // namespace posprop
