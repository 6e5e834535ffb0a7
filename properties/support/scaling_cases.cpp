#include "support/scaling_cases.hpp"

#include "support/boundary.hpp"

#include <cmath>
#include <tuple>

namespace posprop {

Params scaling_params(const EncoderEntry& e, int dim, const Overrides& o) {
  Params p{{"head_dim", std::to_string(dim)}};
  for (const auto& kv : o) p.set(kv.first, kv.second);
  return p.completed(e.name, e.params);
}

std::ostream& print_overrides(std::ostream& os, const Overrides& o) {
  os << "{";
  for (std::size_t i = 0; i < o.size(); ++i)
    os << (i ? ", " : "") << o[i].first << "=" << o[i].second;
  return os << "}";
}

std::ostream& operator<<(std::ostream& os, const ScalingCase& c) {
  os << "{dim=" << c.dim << ", config=";
  return print_overrides(os, c.config) << "}";
}

rc::Gen<Overrides> scaling_config(const EncoderEntry& e) {
  using Pair = std::pair<std::string, std::string>;
  const std::vector<std::string> factors = {"1", "1.5", "2", "4", "8", "10", "32", "40"};
  const std::vector<long> lengths = {512, 2048, 4096, 8192};
  const std::vector<std::string> thetas = {"10000", "500000"};
  const std::vector<Pair> betas = {
      {"32", "1"}, {"16", "2"}, {"64", "1"}, {"1000", "1"}, {"8", "0.5"}};
  const std::vector<Pair> bands = {{"1", "4"}, {"1", "1000"}, {"2", "8"}, {"0.5", "1"}};
  const RopeScalingKeys keys = scaling_keys(e);
  const bool has_factor = keys.factor, has_l = keys.original_max_position_embeddings;
  const bool has_seq = keys.seq_len, has_beta = keys.betas, has_band = keys.freq_bands;
  return rc::gen::map(rc::gen::tuple(rc::gen::elementOf(factors), rc::gen::elementOf(lengths),
                                     rc::gen::elementOf(thetas), rc::gen::inRange(0, 6),
                                     rc::gen::elementOf(betas), rc::gen::elementOf(bands)),
                      [=](const std::tuple<std::string, long, std::string, int, Pair, Pair>& t) {
                        Overrides o;
                        const long big_l = std::get<1>(t);
                        o.emplace_back("rope_theta", std::get<2>(t));
                        if (has_factor) o.emplace_back("factor", std::get<0>(t));
                        if (has_l)
                          o.emplace_back("original_max_position_embeddings", std::to_string(big_l));
                        if (has_seq) {
                          const long seq[] = {0, 1, big_l / 2, big_l, big_l + 1, 4 * big_l};
                          o.emplace_back("seq_len", std::to_string(seq[std::get<3>(t)]));
                        }
                        if (has_beta) {
                          o.emplace_back("beta_fast", std::get<4>(t).first);
                          o.emplace_back("beta_slow", std::get<4>(t).second);
                        }
                        if (has_band) {
                          o.emplace_back("low_freq_factor", std::get<5>(t).first);
                          o.emplace_back("high_freq_factor", std::get<5>(t).second);
                        }
                        return o;
                      });
}

rc::Gen<ScalingCase> scaling_case(const EncoderEntry& e) {
  return rc::gen::map(rc::gen::tuple(gen::dimension(e, 256), scaling_config(e)),
                      [](const std::tuple<int, Overrides>& t) {
                        ScalingCase c;
                        std::tie(c.dim, c.config) = t;
                        return c;
                      });
}

}  // namespace posprop

namespace posprop {
namespace {

/// The keys of the entry that the boundary configurations vary, each with its boundary values.
Overrides varied(const EncoderEntry& e, std::size_t k) {
  using Pair = std::pair<std::string, std::string>;
  static const std::vector<std::string> factors = {"1", "40", "1.5", "8"};
  static const std::vector<long> lengths = {512, 8192, 2048, 4096};
  static const std::vector<std::string> thetas = {"10000", "500000", "1000000"};
  static const std::vector<Pair> betas = {
      {"32", "1"}, {"16", "2"}, {"64", "1"}, {"1000", "1"}, {"8", "0.5"}};
  static const std::vector<Pair> bands = {{"1", "4"}, {"1", "1000"}, {"2", "8"}, {"0.5", "1"}};
  Overrides o;
  const RopeScalingKeys keys = scaling_keys(e);
  const long big_l = lengths[k % lengths.size()];
  o.emplace_back("rope_theta", thetas[k % thetas.size()]);
  if (keys.factor) o.emplace_back("factor", factors[k % factors.size()]);
  if (keys.original_max_position_embeddings)
    o.emplace_back("original_max_position_embeddings", std::to_string(big_l));
  if (keys.seq_len) {
    const long seq[] = {0, 1, big_l - 1, big_l, big_l + 1, 4 * big_l};
    o.emplace_back("seq_len", std::to_string(seq[k % 6]));
  }
  if (keys.betas) {
    o.emplace_back("beta_fast", betas[k % betas.size()].first);
    o.emplace_back("beta_slow", betas[k % betas.size()].second);
  }
  if (keys.freq_bands) {
    o.emplace_back("low_freq_factor", bands[k % bands.size()].first);
    o.emplace_back("high_freq_factor", bands[k % bands.size()].second);
  }
  return o;
}

int default_dim(const EncoderEntry& e, const std::vector<int>& dims) {
  const auto d =
      static_cast<int>(Params{}.completed(e.name, e.params).get_int("head_dim", 2, 65536));
  return std::find(dims.begin(), dims.end(), d) != dims.end() ? d : dims.front();
}

}  // namespace

std::vector<std::pair<std::string, double>> switch_points(const EncoderEntry& e, int dim,
                                                          const Overrides& o) {
  const RopeScalingConfig c = rope_scaling_config(scaling_type(e), scaling_params(e, dim, o));
  const double d = static_cast<double>(c.rotary_dim), b = std::stod(c.rope_theta);
  const double big_l = c.original_max_position_embeddings.empty()
                           ? 1.0
                           : std::stod(c.original_max_position_embeddings);
  std::vector<std::pair<std::string, double>> out;
  for (Index n = 0; n < c.rotary_dim / 2; ++n) {
    // L / lambda_n = L inv_n / (2 pi), inv_n = b^(-2n/d): the ratio YaRN and Llama 3 compare.
    const double ratio = big_l * std::pow(b, -2.0 * static_cast<double>(n) / d) / (2 * M_PI);
    if (c.type == RopeScalingType::yarn || c.type == RopeScalingType::yarn_paper) {
      // YaRN: cd(beta) = n exactly at beta = ratio (find_correction_dim); paper: r_n = ratio.
      if (ratio > std::stod(c.beta_slow) * 1.01) out.emplace_back("beta_fast", ratio);
    } else if (c.type == RopeScalingType::llama3) {
      if (ratio > 0 && ratio < std::stod(c.high_freq_factor))
        out.emplace_back("low_freq_factor", ratio);
    }
  }
  return out;
}

std::vector<ScalingCase> scaling_boundaries(const EncoderEntry& e, bool with_switches) {
  const std::vector<int> dims = boundary::dims(e, 256);
  std::vector<ScalingCase> out;
  for (int d : dims) out.push_back({d, {}});
  const std::size_t n = std::max<std::size_t>(6, dims.size());
  for (std::size_t k = 0; k < n; ++k) out.push_back({dims[k * dims.size() / n], varied(e, k)});
  // Both sides of every switch point of the defaults at the default dim (2^-21 relative: far
  // above the rounding of the switch test, so every rung takes the same branch).
  if (!with_switches) return out;
  const int d0 = default_dim(e, dims);
  for (const auto& [key, v] : switch_points(e, d0, {})) {
    for (const double side : {1 - 0x1p-21, 1 + 0x1p-21})
      out.push_back({d0, {{key, to_decimal(v * side)}}});
  }
  return out;
}

void record(Coverage& c, const EncoderEntry& e, int dim, const Overrides& o) {
  c.dim(dim);
  const Params p = scaling_params(e, dim, o);
  for (const auto& [key, value] : p.values())
    if (key != "head_dim") c.param(key, value);
}

void record(Coverage& c, const EncoderEntry& e, const ScalingCase& in) {
  record(c, e, in.dim, in.config);
}

}  // namespace posprop
