#include "support/boundary.hpp"

#include "posprop/random.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace posprop::boundary {
namespace {

void add_unique(std::vector<int>& v, int x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

int default_head_dim(const EncoderEntry& e) {
  for (const ParamSpec& p : e.params)
    if (p.key == "head_dim") return std::atoi(p.default_value.c_str());
  return 0;
}

}  // namespace

std::vector<int> admitted_dims(const EncoderEntry& e, int cap) {
  std::vector<int> out;
  if (!e.dims.empty()) {
    for (int d : e.dims)
      if (d <= cap || out.empty()) out.push_back(d);
  } else {
    const int multiple = std::max(2, e.dim_multiple);
    const int top = std::min(cap, e.max_dim);
    for (int d = multiple; d <= top; d += multiple)
      if (d % 2 == 0) out.push_back(d);
    if (out.empty()) out.push_back(multiple % 2 == 0 ? multiple : 2 * multiple);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<int> dims(const EncoderEntry& e, int cap) {
  const std::vector<int> admitted = admitted_dims(e, cap);
  const auto admits = [&](int d) {
    return std::find(admitted.begin(), admitted.end(), d) != admitted.end();
  };
  std::vector<int> out = {admitted.front(), admitted.back()};
  for (int d : kRealDims)
    if (admits(d)) add_unique(out, d);
  const int def = default_head_dim(e);
  if (admits(def)) add_unique(out, def);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<double> knees(const EncoderEntry& e, double max) {
  std::vector<double> out;
  for (const ParamSpec& p : e.params) {
    if (p.key.find("max_position") == std::string::npos) continue;
    const double big_l = std::atof(p.default_value.c_str());
    for (const double x : {big_l - 1, big_l, big_l + 1})
      if (x >= 0 && x <= max && std::find(out.begin(), out.end(), x) == out.end()) out.push_back(x);
  }
  return out;
}

std::vector<double> positions(const EncoderEntry& e, double max) {
  std::vector<double> out = {0,       1,       2,        4095,       4096,   4097,
                             65535,   65536,   65537,    kTwo20 - 1, kTwo20, kTwo20 + 1,
                             1000000, 8388609, 16777216, max - 1,    max};
  for (double k : knees(e, max)) out.push_back(k);
  out.erase(std::remove_if(out.begin(), out.end(), [max](double p) { return p < 0 || p > max; }),
            out.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<long long> bucket_switches(const T5Buckets& b) {
  std::vector<long long> out = {0,
                                1,
                                b.max_exact() - 1,
                                b.max_exact(),
                                b.max_exact() + 1,
                                b.max_distance() - 1,
                                b.max_distance(),
                                b.max_distance() + 1};
  for (long long r : b.thresholds()) {
    out.push_back(r - 1);
    out.push_back(r);
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](long long x) { return x < 0; }), out.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<double> vector(int n, int salt) {
  SplitMix64 rng(0x5eed0000ULL + static_cast<std::uint64_t>(salt) * 0x9e3779b97f4a7c15ULL +
                 static_cast<std::uint64_t>(n));
  std::vector<double> out(static_cast<std::size_t>(n));
  for (double& x : out) {
    const std::uint64_t r = rng.next();
    const double odd = static_cast<double>(((r >> 12) & 0x7ffff) * 2 + 1);  // odd, < 2^20
    const int scale = static_cast<int>((r >> 40) % 10) - 6;                 // 2^-6 .. 2^3
    x = std::ldexp(odd, scale - 20) * ((r & 1) ? -1.0 : 1.0);
  }
  return out;
}

}  // namespace posprop::boundary
