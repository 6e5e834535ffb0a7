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

using build::construct;
using build::entry;

const ParamSpec kNumHeads{"num_heads", "8", "number of attention heads n (slopes depend on n)"};
const ParamSpec kHead{"head", "0", "head index h in [0, n): slope m_h"};
const ParamSpec kBuckets{"num_buckets", "32", "relative_attention_num_buckets"};
const ParamSpec kMaxDistance{"max_distance", "128", "relative_attention_max_distance"};

/// slopes: m_h for every head h of num_heads; slope: m_h of the chosen head.
std::vector<SpecField> alibi_spec(const Params& p, int digits) {
  const long long n = p.get_int("num_heads", 1, 65536);
  std::vector<Hp100> slopes;
  for (long long h = 0; h < n; ++h) slopes.push_back(alibi_slope<Hp100>(n, h));
  const long long h = p.get_int("head", 0, n - 1);
  return {{"slopes", build::decimals(slopes, digits), true},
          {"slope", build::decimals({alibi_slope<Hp100>(n, h)}, digits), false}};
}

EncoderEntry alibi_entry() {
  EncoderEntry e =
      entry({"alibi", "alibi", Site::score_bias,
             "ALiBi: b(i, j) = -m_h |i - j|, m_h from get_slopes(num_heads)",
             "Press et al. arXiv 2108.12409 sec. 3; ofirpress/attention_with_linear_biases "
             "fairseq/models/transformer.py get_slopes"},
            {kHeadDim, kNumHeads, kHead});
  e.formula = Formula::alibi;
  e.spec = alibi_spec;
  construct<Alibi>(e, [](const Params& p) {
    const long long n = p.get_int("num_heads", 1, 65536);
    return std::tuple(head_dim(p), n, p.get_int("head", 0, 1LL << 20));
  });
  return e;
}

SpecFunction t5_spec(bool bidirectional) {
  return [bidirectional](const Params& p, int /*digits*/) {
    const T5Buckets b(p.get_int("num_buckets", 0, 1LL << 20),
                      p.get_int("max_distance", 0, 1LL << 40), bidirectional);
    std::vector<std::string> table;
    for (double v : t5_bias_table(b.num_buckets(), seed_of(p))) table.push_back(to_string(v, 17));
    // log_bucket_start: the smallest distance of each logarithmic bucket max_exact + k.
    return std::vector<SpecField>{
        {"buckets_per_direction", {std::to_string(b.per_direction())}, false},
        {"max_exact", {std::to_string(b.max_exact())}, false},
        {"log_bucket_start", build::integers(b.thresholds()), true},
        {"table", table, true}};
  };
}

EncoderEntry t5_entry(bool bidirectional) {
  EncoderEntry e = entry(
      {bidirectional ? "t5-bias" : "t5-bias-causal", "t5", Site::score_bias,
       bidirectional ? "T5 relative buckets, bidirectional (encoder): b = table[bucket(j - i)]"
                     : "T5 relative buckets, causal (decoder): keys after the query in bucket 0",
       "Raffel et al. arXiv 1910.10683 sec. 2.1; transformers "
       "src/transformers/models/t5/modeling_t5.py _relative_position_bucket"},
      {kHeadDim, kBuckets, kMaxDistance, kSeed}, {"bias.even"});
  e.formula = bidirectional ? Formula::t5_bidirectional : Formula::t5_causal;
  e.spec = t5_spec(bidirectional);
  construct<T5Bias>(e, [bidirectional](const Params& p) {
    return std::tuple(head_dim(p), p.get_int("num_buckets", 0, 1LL << 20),
                      p.get_int("max_distance", 0, 1LL << 40), bidirectional, seed_of(p));
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
