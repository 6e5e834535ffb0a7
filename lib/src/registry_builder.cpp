#include "posprop/registry_builder.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::build {

Layout layout(const Params& p) {
  const std::string s = p.get_string("layout");
  if (s == "interleaved") return Layout::interleaved;
  if (s == "half_split") return Layout::half_split;
  throw InputError("parameter 'layout': expected 'interleaved' or 'half_split', got '" + s + "'");
}

Index head_dim(const Params& p) {
  const long long d = p.get_int("head_dim", 1, 65536);
  check_even_dim(d, "head_dim");
  return static_cast<Index>(d);
}

/// transformers: dim = int(head_dim * partial_rotary_factor).
Index rotary_dim(const Params& p) {
  const double factor = p.get_double("partial_rotary_factor");
  if (!(factor > 0.0 && factor <= 1.0)) {
    throw InputError("partial_rotary_factor must be in (0, 1], got " +
                     p.get_string("partial_rotary_factor"));
  }
  const auto r = static_cast<Index>(std::floor(static_cast<double>(head_dim(p)) * factor));
  check_even_dim(r, "rotary dimension int(head_dim * partial_rotary_factor)");
  return r;
}

std::uint64_t seed(const Params& p) {
  return static_cast<std::uint64_t>(p.get_int("seed", 0, (1LL << 53)));
}

std::tuple<Index, double, Index, Layout> rope_args(const Params& p) {
  return {head_dim(p), p.get_double("rope_theta"), rotary_dim(p), layout(p)};
}

const ParamSpec kHeadDim{"head_dim", "64",
                         "dimension the encoder acts on (d_model for embedding sites)"};
const ParamSpec kTheta{"rope_theta", "10000", "RoPE base b: theta_k = b^(-2k/d_rot)"};
const ParamSpec kBase{"base", "10000", "sinusoid base: w_k = base^(-2k/d)"};
const ParamSpec kSeed{"seed", "1", "seed of the fixed random parameters"};

EncoderEntry entry(Identity id, std::vector<ParamSpec> params,
                   std::set<std::string> expected_failures) {
  EncoderEntry e;
  e.name = std::move(id.name);
  e.family = std::move(id.family);
  e.site = id.site;
  e.description = std::move(id.description);
  e.source = std::move(id.source);
  e.params = std::move(params);
  e.expected_failures = std::move(expected_failures);
  return e;
}

std::vector<std::string> decimals(const std::vector<Hp100>& values, int digits) {
  std::vector<std::string> out;
  for (const Hp100& x : values) out.push_back(to_string(x, std::max(1, std::min(digits, 100))));
  return out;
}

std::vector<std::string> integers(const std::vector<long long>& values) {
  std::vector<std::string> out;
  for (long long x : values) out.push_back(std::to_string(x));
  return out;
}

EncoderEntry variant_of(const std::string& shipped, std::string name, std::string description,
                        std::string source, std::set<std::string> expected_failures) {
  EncoderEntry e = find_encoder(shipped);
  e.name = std::move(name);
  e.description = std::move(description);
  e.source = std::move(source);
  e.expected_failures = std::move(expected_failures);
  e.make_float = nullptr;
  e.make_double = nullptr;
  e.make_hp50 = nullptr;
  e.make_hp100 = nullptr;
  e.make_interval = nullptr;
  return e;
}

}  // namespace posprop::build
