#include "support/scaling_cases.hpp"

#include <tuple>

namespace posprop {

Params scaling_params(const EncoderEntry& e, int dim, const Overrides& o) {
  Params p{{"head_dim", std::to_string(dim)}};
  for (const auto& kv : o)
    if (entry_has(e, kv.first)) p.set(kv.first, kv.second);
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
  const bool has_factor = entry_has(e, "factor"),
             has_l = entry_has(e, "original_max_position_embeddings");
  const bool has_seq = entry_has(e, "seq_len"), has_beta = entry_has(e, "beta_fast");
  const bool has_band = entry_has(e, "low_freq_factor");
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
  return rc::gen::map(rc::gen::tuple(gen::dimension(e, 192), scaling_config(e)),
                      [](const std::tuple<int, Overrides>& t) {
                        ScalingCase c;
                        std::tie(c.dim, c.config) = t;
                        return c;
                      });
}

}  // namespace posprop
