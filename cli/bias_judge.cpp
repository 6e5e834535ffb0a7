// Verify's rule for score-bias cases and the candidate explanations of score-bias outputs
// (bias_vectors.hpp; proofs/score_biases.md section 6).
//
// ALiBi rows are judged up to a constant: for head h and the case's query, the residuals
// r_j = out_j - ref_j must admit one c with |r_j - c| <= t_j for every key j, i.e.
// max_j (r_j - t_j) <= min_j (r_j + t_j) -- softmax(s + c) = softmax(s), so an implementation
// that writes the reference's per-key form +m_h j (the row constant m_h i away) is correct.
#include "bias_vectors.hpp"
#include "error_ratio.hpp"

#include "posprop/encoders/alibi.hpp"
#include "posprop/encoders/t5_bias.hpp"
#include "posprop/precision/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace posprop::cli {
namespace {

void note_worst(BiasResult& res, double r, const std::string& what) {
  if (r > res.worst_ratio) {
    res.worst_ratio = r;
    res.worst = what;
  }
}

/// Whether entry (out, ref) is decided by finiteness alone: a non-finite value on either side
/// matches only the same non-finite value on the other; `bad` receives the verdict.
bool non_finite_entry(const Hp100& out, const Hp100& ref, bool& bad) {
  const bool fo = boost::multiprecision::isfinite(out), fr = boost::multiprecision::isfinite(ref);
  if (fo && fr) return false;
  bad = !(!fo && !fr && (boost::multiprecision::isnan(out) == boost::multiprecision::isnan(ref)) &&
          (boost::multiprecision::isnan(out) || out == ref));
  return true;
}

/// One entry: |out - ref| <= tol (or the finiteness rule), noted as `what` when it is the worst.
void judge_entry(const Hp100& out, const Hp100& ref, double tol, const std::string& what,
                 BiasResult& res) {
  bool bad = false;
  if (non_finite_entry(out, ref, bad)) {
    res.pass = res.pass && !bad;
    return;
  }
  const double err = std::fabs(static_cast<double>(out - ref));
  res.pass = res.pass && err <= tol;
  note_worst(res, error_ratio(err, tol), what);
}

/// Slopes: |out - ref| <= tol per head.
void judge_slopes(const BiasOutputs& out, const BiasOutputs& ref, const BiasTolerance& tol,
                  double scale, BiasResult& res) {
  for (std::size_t h = 0; h < ref.slopes.size(); ++h) {
    judge_entry(out.slopes[h], ref.slopes[h], scale * tol.slopes[h], fmt::format("slope h{}", h),
                res);
  }
}

/// One ALiBi row (head h): a constant c with |r_j - c| <= t_j for every key j.
void judge_row(const BiasCase& c, const BiasOutputs& out, const BiasOutputs& ref,
               const BiasTolerance& tol, double scale, std::size_t h, BiasResult& res) {
  const std::size_t n = c.keys.size();
  Hp100 low = -Hp100(1e300), high = Hp100(1e300);
  for (std::size_t j = 0; j < n; ++j) {
    bool bad = false;
    if (non_finite_entry(out.bias[h * n + j], ref.bias[h * n + j], bad)) {
      if (bad) low = Hp100(1e300);  // no constant fits
      continue;
    }
    const Hp100 r = out.bias[h * n + j] - ref.bias[h * n + j];
    const Hp100 t = Hp100(scale * tol.bias[h * n + j]);
    low = std::max(low, Hp100(r - t));
    high = std::min(high, Hp100(r + t));
  }
  if (low <= high) return;
  res.pass = false;
  note_worst(res, 1e300,
             fmt::format("bias row h{}: no constant fits (spread {:.3g})", h,
                         static_cast<double>(low - high)));
}

}  // namespace

BiasResult judge_bias_case(const BiasFile& f, int id, const BiasOutputs& out,
                           const BiasOutputs& ref, const BiasTolerance& tol, double scale) {
  const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
  BiasResult res;
  res.id = id;
  res.non_finite = out.non_finite;
  if (!out.non_finite.empty() && ref.non_finite.empty()) {
    res.pass = false;  // the reference is finite: a non-finite output fails its case
    return res;
  }
  if (f.alibi) {
    judge_slopes(out, ref, tol, scale, res);
    for (std::size_t h = 0; h < ref.slopes.size(); ++h) judge_row(c, out, ref, tol, scale, h, res);
    return res;
  }
  for (std::size_t j = 0; j < c.keys.size(); ++j) {
    if (out.bucket[j] != ref.bucket[j]) {
      res.pass = false;
      note_worst(res, 1e300,
                 fmt::format("bucket k{} (key {:.17g}: got {:.17g}, expected {:.17g})", j,
                             c.keys[j], out.bucket[j], ref.bucket[j]));
    }
    judge_entry(out.bias[j], ref.bias[j], scale * tol.bias[j], fmt::format("bias k{}", j), res);
  }
  return res;
}

BiasOutputs bias_reference(const BiasFile& f, int id) {
  const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
  BiasOutputs out;
  for (const std::string& s : c.slopes) out.slopes.emplace_back(s);
  for (const std::string& s : c.bias) out.bias.emplace_back(s);
  for (long long b : c.bucket) out.bucket.push_back(static_cast<double>(b));
  return out;
}

namespace {

/// ALiBi outputs with slopes `m` (per head), bias sign `sign` and the bias rounded by `round`.
BiasOutputs alibi_outputs(const BiasCase& c, const std::vector<Hp100>& m, int sign,
                          const std::function<Hp100(const Hp100&)>& round) {
  BiasOutputs out;
  out.slopes = m;
  for (const Hp100& slope : m) {
    for (double j : c.keys) {
      out.bias.push_back(round(-sign * slope * Hp100(std::fabs(c.position - j))));
      if (!boost::multiprecision::isfinite(out.bias.back())) out.non_finite = "bias";
    }
  }
  return out;
}

std::vector<BiasCandidate> alibi_candidates(const BiasFile& f) {
  std::vector<BiasCandidate> out;
  const auto exact = [](const Hp100& x) { return x; };
  const auto slopes = [&f](int id) {
    std::vector<Hp100> m;
    for (const std::string& s : f.cases[static_cast<std::size_t>(id)].slopes) m.emplace_back(s);
    return m;
  };
  out.push_back({"bias-sign", "bias=+m|i-j|", "the bias with its sign flipped (+m |i - j|)",
                 [&f, slopes, exact](int id) -> std::optional<BiasOutputs> {
                   return alibi_outputs(f.cases[static_cast<std::size_t>(id)], slopes(id), -1,
                                        exact);
                 }});
  out.push_back({"non-power-of-two-heads", "slopes=2^(-8(h+1)/n)",
                 "slopes 2^(-8 (h + 1) / n) for every head (the power-of-two formula)",
                 [&f, exact](int id) -> std::optional<BiasOutputs> {
                   const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
                   const auto n = static_cast<long long>(c.slopes.size());
                   if (n == 0 || (n & (n - 1)) == 0) return std::nullopt;
                   std::vector<Hp100> m;
                   for (long long h = 0; h < n; ++h)
                     m.push_back(pow(Hp100(2), Hp100(-8.0 * (h + 1) / n)));
                   return alibi_outputs(c, m, 1, exact);
                 }});
  out.push_back({"head-offset", "slopes=shard",
                 "each of two tensor-parallel shards computing its heads' slopes as heads 0..n/2-1",
                 [&f, exact](int id) -> std::optional<BiasOutputs> {
                   const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
                   const auto n = static_cast<long long>(c.slopes.size());
                   if (n < 2 || n % 2 != 0) return std::nullopt;
                   std::vector<Hp100> m;
                   for (long long h = 0; h < n; ++h)
                     m.emplace_back(c.slopes[static_cast<std::size_t>(h % (n / 2))]);
                   return alibi_outputs(c, m, 1, exact);
                 }});
  for (const auto& [fmt_id, name] :
       {std::pair{precision::FormatId::bf16, "bf16"}, {precision::FormatId::fp16, "fp16"}}) {
    const auto id16 = fmt_id;
    const std::string n = name;
    out.push_back(
        {n + "-tables", "bias=" + n, "the bias table stored in " + n,
         [&f, slopes, id16](int id) -> std::optional<BiasOutputs> {
           return alibi_outputs(
               f.cases[static_cast<std::size_t>(id)], slopes(id), 1, [id16](const Hp100& x) {
                 return Hp100(precision::round_to(static_cast<double>(x), precision::format(id16)));
               });
         }});
  }
  return out;
}

/// T5 outputs with bucket(rel) given by `bucket`.
BiasOutputs t5_outputs(const BiasFile& f, const BiasCase& c,
                       const std::function<long long(long long)>& bucket) {
  const BiasGroup& g = f.groups[static_cast<std::size_t>(c.group)];
  BiasOutputs out;
  for (double j : c.keys) {
    const long long b = bucket(static_cast<long long>(j) - static_cast<long long>(c.position));
    out.bucket.push_back(static_cast<double>(b));
    const long long safe = std::clamp<long long>(b, 0, static_cast<long long>(g.table.size()) - 1);
    out.bias.emplace_back(g.table[static_cast<std::size_t>(safe)]);
  }
  return out;
}

std::vector<BiasCandidate> t5_candidates(const BiasFile& f) {
  const bool bidir = f.encoder == "t5-bias";
  const auto buckets = [&f](const BiasCase& c, bool bidirectional) {
    const Params& p = f.groups[static_cast<std::size_t>(c.group)].params;
    return T5Buckets(p.get_int("num_buckets", 0, 1 << 20), p.get_int("max_distance", 0, 1LL << 40),
                     bidirectional);
  };
  std::vector<BiasCandidate> out;
  out.push_back({"bias-sign", "rel=i-j", "the relative position taken as i - j (query - key)",
                 [&f, bidir, buckets](int id) -> std::optional<BiasOutputs> {
                   const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
                   const T5Buckets b = buckets(c, bidir);
                   return t5_outputs(f, c, [&b](long long rel) { return b.bucket(-rel); });
                 }});
  out.push_back({"causal", bidir ? "mode=causal" : "mode=bidirectional",
                 std::string("the ") + (bidir ? "causal" : "bidirectional") + " buckets",
                 [&f, bidir, buckets](int id) -> std::optional<BiasOutputs> {
                   const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
                   const T5Buckets b = buckets(c, !bidir);
                   return t5_outputs(f, c, [&b](long long rel) { return b.bucket(rel); });
                 }});
  out.push_back({"bucket-boundary", "no_clamp",
                 "logarithmic buckets not clamped to the last one (min() missing)",
                 [&f, bidir, buckets](int id) -> std::optional<BiasOutputs> {
                   const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
                   const T5Buckets b = buckets(c, bidir);
                   return t5_outputs(f, c, [&b](long long rel) {
                     const long long r = b.bidirectional() ? std::llabs(rel) : std::max(-rel, 0LL);
                     const long long offset = b.bidirectional() && rel > 0 ? b.per_direction() : 0;
                     if (r < b.max_distance()) return b.bucket(rel);
                     const Hp100 me(b.max_exact());
                     const Hp100 x = log(Hp100(r) / me) / log(Hp100(b.max_distance()) / me) *
                                     Hp100(b.per_direction() - b.max_exact());
                     return offset + b.max_exact() + static_cast<long long>(floor(x));
                   });
                 }});
  return out;
}

}  // namespace

BiasTolerance candidate_tolerance(const BiasTolerance& tol, const BiasOutputs& ref,
                                  const BiasOutputs& cand) {
  BiasTolerance out = tol;
  const auto scale = [](double t, const Hp100& r, const Hp100& c) {
    if (r == 0 || !boost::multiprecision::isfinite(c)) return t;
    return t * static_cast<double>(abs(c) / abs(r));
  };
  for (std::size_t h = 0; h < out.slopes.size(); ++h)
    out.slopes[h] = scale(tol.slopes[h], ref.slopes[h], cand.slopes[h]);
  for (std::size_t j = 0; j < out.bias.size(); ++j)
    out.bias[j] = scale(tol.bias[j], ref.bias[j], cand.bias[j]);
  return out;
}

std::vector<BiasCandidate> bias_candidates(const BiasFile& f) {
  return f.alibi ? alibi_candidates(f) : t5_candidates(f);
}

void add_bias_evidence_flags(BiasFile& f) {
  const std::vector<BiasCandidate> all = bias_candidates(f);
  for (std::size_t id = 0; id < f.cases.size(); ++id) {
    BiasCase& c = f.cases[id];
    const BiasTolerance& tol = c.fp32 ? *c.fp32 : c.fp64;
    for (const BiasCandidate& cand : all) {
      if (std::find(c.flags.begin(), c.flags.end(), cand.flag) != c.flags.end()) continue;
      const std::optional<BiasOutputs> out = cand.outputs(static_cast<int>(id));
      if (out && !judge_bias_case(f, static_cast<int>(id), *out,
                                  bias_reference(f, static_cast<int>(id)), tol, 2.0)
                      .pass)
        c.flags.push_back(cand.flag);
    }
  }
}

}  // namespace posprop::cli
