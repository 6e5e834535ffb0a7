// Golden vectors of score-bias encoders (bias_vectors.hpp). References at 100 digits:
//   ALiBi: m_h = 2^(e_h) (alibi.hpp), b_h(i, j) = -m_h |i - j|;
//   T5: bucket(j - i) by exact integer comparisons (t5_bias.hpp), bias = table[bucket].
// Tolerances (proofs/score_biases.md section 6), u the unit roundoff of the format, o the
// printing of the implementation's outputs (5e-9 for fp32, 0 for fp64), delta = 6 10^-D the
// printing of the reference:
//   slope h:   m_h (sigma_h u + o (1 + sigma_h u) + delta)
//   bias h,i,j: m_h D [(sigma_h + 1) u (1 + sigma_h u) + o (1 + (sigma_h + 1) u) + delta],
//              D = |i - j| on rows with keys on both sides, max(|i - j|, |j|) on causal rows
//              (where the per-key form +m_h j, a row constant away, is admitted);
//   T5 bias:   |tau| (u + o (1 + u) + delta) in fp32 (the table entry rounded), |tau| delta in
//   fp64; buckets:   exact.
// each times 1 + 2^-30 (evaluated in double).
#include "bias_vectors.hpp"
#include "golden_plan.hpp"

#include "posprop/encoders/alibi.hpp"
#include "posprop/encoders/t5_bias.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::cli {
namespace {

constexpr double kEvaluation = 1 + 0x1p-30;

struct Units {
  double u = 0, o = 0, delta = 0;
};

Units units(bool fp32, int digits) {
  return {fp32 ? 0x1p-24 : 0x1p-53, fp32 ? 5e-9 : 0.0, 6.0 * std::pow(10.0, -digits)};
}

/// sigma_h: get_slopes computes m_h = start * start^i (i = h for h < c, 2 (h - c) in the
/// sequence of 2c otherwise), within (2 i + 5) u (proofs/score_biases.md section 5).
int alibi_sigma(long long n, long long h) {
  long long c = 1;
  while (2 * c <= n) c *= 2;
  const long long i = h < c ? h : 2 * (h - c);
  return static_cast<int>(2 * i + 5);
}

bool is_power_of_two(long long n) {
  return n > 0 && (n & (n - 1)) == 0;
}

std::vector<double> alibi_keys(double i, bool both_sides, double max_position) {
  static const double distances[] = {0,    1,    2,    3,     7,     8,      100,
                                     1000, 4095, 4096, 65535, 65536, 1000000};
  std::vector<double> keys;
  for (double d : distances) {
    if (i - d >= 0) keys.push_back(i - d);
    if (both_sides && d > 0 && i + d <= max_position) keys.push_back(i + d);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

/// Keys at the relative distances where T5's bucket changes regime: 0, +-1, around max_exact,
/// around every logarithmic threshold, around max_distance, and far beyond.
std::vector<double> t5_keys(double i, const T5Buckets& b, double max_position) {
  std::vector<long long> r = {0, 1, b.max_exact() - 1, b.max_exact(), b.max_exact() + 1};
  for (long long t : b.thresholds()) {
    r.push_back(t - 1);
    r.push_back(t);
  }
  for (long long m : {b.max_distance() - 1, b.max_distance(), b.max_distance() + 1,
                      4 * b.max_distance(), 1000000LL})
    r.push_back(m);
  std::vector<double> keys;
  for (long long x : r) {
    for (const double j : {i - static_cast<double>(x), i + static_cast<double>(x)}) {
      if (j < 0 || j > max_position) continue;
      if (std::find(keys.begin(), keys.end(), j) == keys.end()) keys.push_back(j);
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

/// Whether the case has an fp32 tolerance: every position exact in fp32 (at most 2^24).
bool fp32_exact(const BiasCase& c) {
  return std::fabs(c.position) <= 0x1p24 &&
         std::none_of(c.keys.begin(), c.keys.end(), [](double j) { return j > 0x1p24; });
}

void set_tolerance(BiasCase& c, bool fp32, BiasTolerance t) {
  if (fp32) {
    c.fp32 = std::move(t);
  } else {
    c.fp64 = std::move(t);
  }
}

void alibi_tolerances(BiasCase& c, const BiasGroup& g, bool causal, int digits) {
  const long long n = g.heads;
  for (const bool fp32 : {false, true}) {
    if (fp32 && !fp32_exact(c)) continue;
    const Units e = units(fp32, digits);
    BiasTolerance t;
    for (long long h = 0; h < n; ++h) {
      const double m = to_double(alibi_slope<Hp100>(n, h)) * (1 + 0x1p-50);
      const double s = g.sigma[static_cast<std::size_t>(h)];
      t.slopes.push_back(m * (s * e.u + e.o * (1 + s * e.u) + e.delta) * kEvaluation);
      for (double j : c.keys) {
        const double dist =
            causal ? std::fmax(std::fabs(c.position - j), std::fabs(j)) : std::fabs(c.position - j);
        t.bias.push_back(m * dist *
                         ((s + 1) * e.u * (1 + s * e.u) + e.o * (1 + (s + 1) * e.u) + e.delta) *
                         kEvaluation);
      }
    }
    set_tolerance(c, fp32, t);
  }
}

void t5_tolerances(BiasCase& c, const std::vector<double>& table, int digits) {
  for (const bool fp32 : {false, true}) {
    if (fp32 && !fp32_exact(c)) continue;
    const Units e = units(fp32, digits);
    BiasTolerance t;
    for (long long b : c.bucket) {
      const double tau = std::fabs(table[static_cast<std::size_t>(b)]);
      t.bias.push_back(tau * ((fp32 ? e.u + e.o * (1 + e.u) : 0.0) + e.delta) * kEvaluation);
    }
    set_tolerance(c, fp32, t);
  }
}

/// The reference outputs and tolerances of case `c` (its position and keys set).
void fill_case(BiasCase& c, const BiasGroup& g, bool alibi, bool causal, bool bidirectional,
               int digits) {
  const double i = c.position;
  if (alibi) {
    for (long long h = 0; h < g.heads; ++h) {
      const Hp100 m = alibi_slope<Hp100>(g.heads, h);
      c.slopes.push_back(to_string(m, digits));
      for (double j : c.keys) c.bias.push_back(to_string(-(m * Hp100(std::fabs(i - j))), digits));
    }
    alibi_tolerances(c, g, causal, digits);
    return;
  }
  const T5Buckets b(g.params.get_int("num_buckets", 0, 1 << 20),
                    g.params.get_int("max_distance", 0, 1LL << 40), bidirectional);
  const std::vector<double> table(t5_table(g));
  for (double j : c.keys) {
    const long long bucket = b.bucket(static_cast<long long>(j) - static_cast<long long>(i));
    c.bucket.push_back(bucket);
    c.bias.push_back(to_string(Hp100(table[static_cast<std::size_t>(bucket)]), digits));
  }
  t5_tolerances(c, table, digits);
}

struct PlannedBiasGroup {
  std::string purpose;
  Params user;
  bool causal;
  std::vector<std::string> flags;  // of every case of the group
};

std::vector<PlannedBiasGroup> plan_bias_groups(const EncoderEntry& entry, const GoldenRequest& r,
                                               const Params& user) {
  if (entry.name != "alibi") return {{"requested", user, false, {"bucket-boundary"}}};
  std::vector<PlannedBiasGroup> plan = {
      {"requested: causal rows (keys j <= i)", user, true, {"causal"}}};
  if (r.extras.selects_class("bidirectional"))
    plan.push_back({"keys on both sides of the query", user, false, {"bidirectional"}});
  const long long n = user.completed(entry.name, entry.params).get_int("num_heads", 1, 65536);
  if (n >= 2 && is_power_of_two(n) && r.extras.selects_class("non-power-of-two-heads")) {
    Params u = user;
    u.set("num_heads", std::to_string(n + n / 2));
    plan.push_back({"num_heads = " + std::to_string(n + n / 2) + " (not a power of two)",
                    u,
                    true,
                    {"non-power-of-two-heads", "causal"}});
  }
  return plan;
}

/// The query positions: the requested ones, and large positions when selected.
std::vector<std::pair<double, std::string>> bias_queries(const EncoderEntry& entry,
                                                         const GoldenRequest& r) {
  std::vector<std::pair<double, std::string>> out;
  for (double p : r.positions) {
    if (p < 0 || p > entry.max_position) {
      throw InputError("option '--positions': query position " + to_decimal(p) +
                       " is outside [0, " + to_decimal(entry.max_position) + "]");
    }
    out.emplace_back(p, "requested");
  }
  if (r.extras.selects_class("large-position"))
    for (double big : {8191.0, 65537.0, 1000003.0, entry.max_position})
      out.emplace_back(big, "large-position");
  std::vector<std::pair<double, std::string>> unique;
  for (const auto& q : out)
    if (std::none_of(unique.begin(), unique.end(),
                     [&](const auto& e) { return e.first == q.first; }))
      unique.push_back(q);
  return unique;
}

BiasGroup make_group(const EncoderEntry& entry, const PlannedBiasGroup& pg, int digits) {
  BiasGroup g;
  g.purpose = pg.purpose;
  g.params = pg.user.completed(entry.name, entry.params);
  entry.make<double>(pg.user);  // invalid parameters: exit 2
  if (entry.name == "alibi") {
    g.heads = static_cast<int>(g.params.get_int("num_heads", 1, 65536));
    g.row_shift = true;
    for (long long h = 0; h < g.heads; ++h) g.sigma.push_back(alibi_sigma(g.heads, h));
  } else {
    for (double t : t5_table(g)) g.table.push_back(to_string(Hp100(t), digits));
  }
  return g;
}

}  // namespace

std::vector<double> t5_table(const BiasGroup& g) {
  return t5_bias_table(g.params.get_int("num_buckets", 0, 1 << 20),
                       static_cast<std::uint64_t>(g.params.get_int("seed", 0, 1LL << 53)));
}

BiasFile make_bias_vectors(const GoldenRequest& r) {
  const EncoderEntry& entry = find_encoder(r.encoder);
  if (r.params.has("head_dim"))
    throw InputError("give the dimension with --dim, not --set head_dim=...");
  BiasFile f;
  f.encoder = entry.name;
  f.alibi = entry.name == "alibi";
  f.seed = r.seed;
  f.digits = r.digits;
  Params user = r.params;
  user.set("head_dim", std::to_string(r.dim));
  for (const PlannedBiasGroup& pg : plan_bias_groups(entry, r, user)) {
    const BiasGroup g = make_group(entry, pg, r.digits);
    for (const auto& [p, flag] : bias_queries(entry, r)) {
      BiasCase c;
      c.group = static_cast<int>(f.groups.size());
      c.position = p;
      c.flags = {flag};
      c.flags.insert(c.flags.end(), pg.flags.begin(), pg.flags.end());
      if (f.alibi) {
        c.keys = alibi_keys(p, !pg.causal, entry.max_position);
      } else {
        const T5Buckets b(g.params.get_int("num_buckets", 0, 1 << 20),
                          g.params.get_int("max_distance", 0, 1LL << 40), entry.name == "t5-bias");
        c.keys = t5_keys(p, b, entry.max_position);
      }
      c.purpose = (flag == "requested" ? "query " : "large query position ") + to_decimal(p) +
                  ", " + std::to_string(c.keys.size()) + " keys";
      fill_case(c, g, f.alibi, pg.causal, entry.name == "t5-bias", r.digits);
      f.cases.push_back(std::move(c));
    }
    f.groups.push_back(g);
  }
  add_bias_evidence_flags(f);
  return f;
}

}  // namespace posprop::cli
