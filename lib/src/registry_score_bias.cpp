// Registry entries of the score-bias family (see registry_parts.hpp): ALiBi and the T5 relative
// buckets. Expected failures, one reason each (proofs/score_biases.md):
//   bias.even (t5-bias, t5-bias-causal): b(i, j) = table[bucket(j - i)] and keys before and after
//     the query fall in different buckets (bidirectional: offset nb/2 for rel > 0; causal: every
//     rel > 0 in bucket 0), whose table values differ.
// ALiBi's -m |i - j| is even, relative and a pure bias: every applicable property holds.
#include "registry_parts.hpp"

#include "posprop/encoders/alibi.hpp"
#include "posprop/encoders/t5_bias.hpp"

namespace posprop::registry_parts {

namespace {

const ParamSpec kNumHeads{"num_heads", "8", "number of attention heads n (slopes depend on n)"};
const ParamSpec kHead{"head", "0", "head index h in [0, n): slope m_h"};
const ParamSpec kBuckets{"num_buckets", "32", "relative_attention_num_buckets"};
const ParamSpec kMaxDistance{"max_distance", "128", "relative_attention_max_distance"};

/// Text of an integer list (spec fields).
std::vector<std::string> integers(const std::vector<long long>& v) {
  std::vector<std::string> out;
  for (long long x : v) out.push_back(std::to_string(x));
  return out;
}

int clamp_digits(int digits) {
  return std::max(1, std::min(digits, 100));
}

EncoderEntry alibi_entry() {
  EncoderEntry e;
  e.name = "alibi";
  e.family = "alibi";
  e.site = Site::score_bias;
  e.description = "ALiBi: b(i, j) = -m_h |i - j|, m_h from get_slopes(num_heads)";
  e.source =
      "Press et al. arXiv 2108.12409 sec. 3; ofirpress/attention_with_linear_biases "
      "fairseq/models/transformer.py get_slopes";
  e.params = {kHeadDim, kNumHeads, kHead};
  e.formula = Formula::alibi;
  e.spec = [](const Params& p, int digits) {
    const long long n = p.get_int("num_heads", 1, 65536);
    SpecField slopes{"slopes", {}, true};
    for (long long h = 0; h < n; ++h)
      slopes.values.push_back(to_string(alibi_slope<Hp100>(n, h), clamp_digits(digits)));
    const long long h = p.get_int("head", 0, n - 1);
    return std::vector<SpecField>{
        slopes, {"slope", {to_string(alibi_slope<Hp100>(n, h), clamp_digits(digits))}, false}};
  };
  set_factories(e, [](auto tag, const Params& p) {
    using T = typename decltype(tag)::type;
    const long long n = p.get_int("num_heads", 1, 65536);
    return std::unique_ptr<Encoder<T>>(
        new Alibi<T>(head_dim(p), n, p.get_int("head", 0, 1LL << 20)));
  });
  return e;
}

EncoderEntry t5_entry(bool bidirectional) {
  EncoderEntry e;
  e.name = bidirectional ? "t5-bias" : "t5-bias-causal";
  e.family = "t5";
  e.site = Site::score_bias;
  e.description = bidirectional
                      ? "T5 relative buckets, bidirectional (encoder): b = table[bucket(j - i)]"
                      : "T5 relative buckets, causal (decoder): keys after the query in bucket 0";
  e.source =
      "Raffel et al. arXiv 1910.10683 sec. 2.1; transformers "
      "src/transformers/models/t5/modeling_t5.py _relative_position_bucket";
  e.params = {kHeadDim, kBuckets, kMaxDistance, kSeed};
  e.formula = bidirectional ? Formula::t5_bidirectional : Formula::t5_causal;
  e.expected_failures = {"bias.even"};
  e.spec = [bidirectional](const Params& p, int /*digits*/) {
    const T5Buckets b(p.get_int("num_buckets", 0, 1LL << 20),
                      p.get_int("max_distance", 0, 1LL << 40), bidirectional);
    std::vector<SpecField> out;
    out.push_back({"buckets_per_direction", {std::to_string(b.per_direction())}, false});
    out.push_back({"max_exact", {std::to_string(b.max_exact())}, false});
    // The smallest distance of each logarithmic bucket max_exact + k, k = 1 .. (exact).
    out.push_back({"log_bucket_start", integers(b.thresholds()), true});
    std::vector<std::string> table;
    for (double v : t5_bias_table(b.num_buckets(), seed_of(p))) table.push_back(to_string(v, 17));
    out.push_back({"table", table, true});
    return out;
  };
  set_factories(e, [bidirectional](auto tag, const Params& p) {
    using T = typename decltype(tag)::type;
    return std::unique_ptr<Encoder<T>>(
        new T5Bias<T>(head_dim(p), p.get_int("num_buckets", 0, 1LL << 20),
                      p.get_int("max_distance", 0, 1LL << 40), bidirectional, seed_of(p)));
  });
  return e;
}

}  // namespace

void add_score_bias_entries(std::vector<EncoderEntry>& all) {
  all.push_back(alibi_entry());
  all.push_back(t5_entry(true));
  all.push_back(t5_entry(false));
}

}  // namespace posprop::registry_parts
