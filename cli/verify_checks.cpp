// Steps 2 and 3 of `posprop verify`: every judged case's error against its derived tolerance
// (proofs/golden_vectors.md), then checks on the outputs themselves -- pair magnitudes, norms
// preserved (|A(p) x| = |x| for orthogonal encoders), relativity (S(i, j) depends on j - i
// only), fp32-only accuracy. What the outputs match instead: verify_diagnosis.cpp.
#include "error_ratio.hpp"
#include "verify.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>

namespace posprop::cli {
namespace {

double norm_of(const Vec<Hp100>& v) {
  return static_cast<double>(v.norm());
}

double error_against(const Vec<Hp100>& user, const Vec<Hp100>& ref) {
  return norm_of(Vec<Hp100>(user - ref));
}

/// ulp of |x| in a format with `digits` significand bits (x > 0).
double ulp(double x, int digits) {
  if (!(x > 0)) return std::ldexp(1.0, -1022);
  int e = 0;
  std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  return std::ldexp(1.0, e - digits);
}

const GoldenCase& case_of(const VerifyInputs& in, int id) {
  return in.golden.cases[static_cast<std::size_t>(id)];
}

const GoldenGroup& group_of(const VerifyInputs& in, const GoldenCase& c) {
  return in.golden.groups[static_cast<std::size_t>(c.group)];
}

/// The implementation's score S(a, b) = q_out(a) . k_out(b) of two cases.
double user_score(const VerifyInputs& in, int a, int b) {
  return static_cast<double>(
      in.q[static_cast<std::size_t>(a)].dot(in.k[static_cast<std::size_t>(b)]));
}

/// Per pair: ||out_k - ref_k|| against its tolerance; copied coordinates against theirs.
void judge_pairs(const GoldenGroup& g, const Vec<Hp100>& out, const Vec<Hp100>& ref,
                 const std::vector<double>& x, const std::vector<double>& tol, double pass_through,
                 char which, CaseResult& res) {
  std::vector<bool> rotated(static_cast<std::size_t>(g.dim), false);
  for (std::size_t k = 0; k < g.pairs.size(); ++k) {
    const auto [a, b] = g.pairs[k];
    rotated[static_cast<std::size_t>(a)] = rotated[static_cast<std::size_t>(b)] = true;
    const Hp100 da = out(a) - ref(a), db = out(b) - ref(b);
    const double err = static_cast<double>(sqrt(da * da + db * db));
    const double ratio = error_ratio(err, tol[k]);
    if (ratio > res.worst_pair_ratio) {
      res.worst_pair_ratio = ratio;
      res.worst_pair = static_cast<int>(k);
      res.worst_vector = which;
    }
    res.pairs_ok = res.pairs_ok && err <= tol[k];
  }
  for (int i = 0; i < g.dim; ++i) {
    if (rotated[static_cast<std::size_t>(i)]) continue;
    const double xi = x[static_cast<std::size_t>(i)];
    res.pairs_ok = res.pairs_ok && std::fabs(static_cast<double>(out(i) - Hp100(xi))) <=
                                       pass_through * std::fabs(xi);
  }
}

CaseResult judge_case(const VerifyInputs& in, int id) {
  const auto i = static_cast<std::size_t>(id);
  const GoldenCase& c = case_of(in, id);
  CaseResult res;
  res.id = id;
  res.tol = in.fp32() ? c.fp32.value_or(CaseTolerance{}) : c.fp64;
  res.non_finite = in.non_finite[i];
  const Vec<Hp100> eq = from_decimals(c.q_out), ek = from_decimals(c.k_out);
  res.err_q = error_against(in.q[i], eq);
  res.err_k = error_against(in.k[i], ek);
  const int key = score_key_case(in.golden, id);
  if (key < 0) {
    throw InputError(in.vectors_path + ": case " + std::to_string(id) +
                     " has a score_key_position with no case in its group");
  }
  const Hp100 s = in.q[i].dot(in.k[static_cast<std::size_t>(key)]);
  res.err_score = std::fabs(static_cast<double>(s - Hp100(c.score)));
  const double biggest = std::fmax(static_cast<double>(eq.cwiseAbs().maxCoeff()),
                                   static_cast<double>(ek.cwiseAbs().maxCoeff()));
  const double unit = ulp(biggest, in.fp32() ? 24 : 53);
  res.ulps = std::fmax(static_cast<double>(Vec<Hp100>(in.q[i] - eq).cwiseAbs().maxCoeff()),
                       static_cast<double>(Vec<Hp100>(in.k[i] - ek).cwiseAbs().maxCoeff())) /
             unit;
  res.tol_ulps = std::fmin(res.tol.q, res.tol.k) / unit;
  res.fp32_ok =
      c.fp32 && res.err_q <= c.fp32->q && res.err_k <= c.fp32->k && res.err_score <= c.fp32->score;
  const GoldenGroup& g = group_of(in, c);
  if (res.tol.has_pairs()) {
    judge_pairs(g, in.q[i], eq, g.q, res.tol.q_pairs, res.tol.pass_through, 'q', res);
    judge_pairs(g, in.k[i], ek, g.k, res.tol.k_pairs, res.tol.pass_through, 'k', res);
  }
  return res;
}

/// |q_out| = |q| and |k_out| = |k| within the tolerance (orthogonal encoders).
CheckResult check_norms(const VerifyInputs& in, const std::vector<CaseResult>& cases) {
  CheckResult chk{"outputs.norms", "", true, false};
  int bad = 0;
  double worst = 0;
  for (const CaseResult& r : cases) {
    const auto i = static_cast<std::size_t>(r.id);
    const GoldenGroup& g = group_of(in, case_of(in, r.id));
    const double dq = std::fabs(norm_of(in.q[i]) - norm_of(from_doubles(g.q)));
    const double dk = std::fabs(norm_of(in.k[i]) - norm_of(from_doubles(g.k)));
    worst = std::fmax(worst, std::fmax(dq / r.tol.q, dk / r.tol.k));
    bad += !(dq <= r.tol.q && dk <= r.tol.k);
  }
  chk.ok = bad == 0;
  chk.detail = fmt::format(
      "{} (|q_out| = |q|, |k_out| = |k|: {} case(s) outside the tolerance, worst {:.3g} x "
      "tolerance)",
      chk.ok ? "norms preserved" : "norms NOT preserved", bad, worst);
  return chk;
}

/// The ratios |out_k| / (c |x_k|) of one vector's pairs (pairs with x_k = 0 skipped).
void magnitude_ratios(const GoldenGroup& g, const Vec<Hp100>& out, const std::vector<double>& x,
                      const Hp100& c, std::vector<double>& ratios) {
  for (const auto& [a, b] : g.pairs) {
    const double xa = x[static_cast<std::size_t>(a)], xb = x[static_cast<std::size_t>(b)];
    if (xa == 0 && xb == 0) continue;
    const Hp100 n = sqrt(out(a) * out(a) + out(b) * out(b));
    const Hp100 x_norm = sqrt(Hp100(xa) * Hp100(xa) + Hp100(xb) * Hp100(xb));  // exact inputs
    ratios.push_back(static_cast<double>(n / (c * x_norm)));
  }
}

/// Names a magnitude defect from the ratios |out_k| / (c |x_k|) that are off (diagnosis only:
/// ratios within `slack` of one another count as one factor).
std::string name_magnitude_defect(const std::vector<double>& ratios, double c, double slack) {
  const auto all_near = [&](double target) {
    for (double r : ratios)
      if (std::fabs(r / target - 1) > slack) return false;
    return true;
  };
  if (c != 1 && all_near(c)) {
    return fmt::format("attention factor applied twice: |out_k| / |x_k| = c^2 = {:.6g}", c * c);
  }
  if (c != 1 && all_near(1 / c)) {
    return fmt::format("attention factor ignored: |out_k| / |x_k| = 1, expected c = {:.6g}", c);
  }
  if (all_near(ratios.front())) {
    return fmt::format("every pair scaled by {:.6g} instead of c = {:.6g}", ratios.front() * c, c);
  }
  return "the magnitude varies with the pair or the position (coordinates paired in another "
         "layout, a factor applied to cos or sin only, or a write outside the pair?)";
}

/// Pair-rotating encoders: |out_k| = c |x_k| within a tolerance that does not depend on the
/// position (proofs/pair_bounds.md Lemma 4.4).
CheckResult check_magnitudes(const VerifyInputs& in, const std::vector<CaseResult>& cases) {
  CheckResult chk{"outputs.magnitude", "", true, false};
  std::vector<double> bad_ratios;
  double worst = 0, c_value = 1;
  int checked = 0;
  for (const CaseResult& r : cases) {
    if (!r.tol.has_pairs()) continue;
    const auto i = static_cast<std::size_t>(r.id);
    const GoldenGroup& g = group_of(in, case_of(in, r.id));
    const Hp100 c(g.attention_factor);
    c_value = static_cast<double>(c);
    std::vector<double> ratios;
    magnitude_ratios(g, in.q[i], g.q, c, ratios);
    magnitude_ratios(g, in.k[i], g.k, c, ratios);
    for (double ratio : ratios) {
      ++checked;
      const double dev = std::fabs(ratio - 1) / r.tol.magnitude;
      worst = std::fmax(worst, dev);
      if (dev > 1) bad_ratios.push_back(ratio);
    }
  }
  chk.ok = bad_ratios.empty();
  chk.detail = fmt::format(
      "{} (|out_k| = c |x_k| for {} pair(s), position-independent tolerance; worst {:.3g} x "
      "tolerance){}",
      chk.ok ? "pair magnitudes right" : "pair magnitudes WRONG", checked, worst,
      chk.ok ? "" : ": " + name_magnitude_defect(bad_ratios, c_value, 1e-5));
  return chk;
}

/// b - a, axis by axis for vector positions.
std::vector<double> offset(const GoldenCase& a, const GoldenCase& b) {
  if (a.axes.empty()) return {b.position - a.position};
  std::vector<double> d;
  for (std::size_t i = 0; i < a.axes.size() && i < b.axes.size(); ++i)
    d.push_back(b.axes[i] - a.axes[i]);
  return d;
}

/// "17" or "(3, 0, 5)".
std::string position_text(const GoldenCase& c) {
  if (c.axes.empty()) return fmt::format("{:.17g}", c.position);
  std::string out = "(";
  for (std::size_t i = 0; i < c.axes.size(); ++i)
    out += fmt::format("{}{:.17g}", i ? ", " : "", c.axes[i]);
  return out + ")";
}

/// Within each group, S(a, b) = S(a0, b0) whenever b - a = b0 - a0 (up to 4000 comparisons).
CheckResult check_relativity(const VerifyInputs& in) {
  const std::vector<GoldenCase>& cases = in.golden.cases;
  const auto format = in.fp32() ? precision::FormatId::fp32 : precision::FormatId::fp64;
  int compared = 0, bad = 0;
  std::string example;
  for (std::size_t gi = 0; gi < in.golden.groups.size(); ++gi) {
    const GoldenGroup& g = in.golden.groups[gi];
    const GroupBounds bounds(*in.entry, g.params, in.golden.digits);
    const auto tolerance = [&](const GoldenCase& a, const GoldenCase& b) {
      return bounds.tolerance(format, a.position, b.position, g.q, g.k).score;
    };
    std::vector<int> ids;
    for (std::size_t id = 0; id < cases.size(); ++id)
      if (cases[id].group == static_cast<int>(gi) && in.judged[id])
        ids.push_back(static_cast<int>(id));
    std::map<std::vector<double>, std::pair<int, int>> first_with_offset;
    for (int a : ids) {
      for (int b : ids) {
        if (compared > 4000) break;
        const GoldenCase &ca = case_of(in, a), &cb = case_of(in, b);
        if (in.fp32() && (!ca.fp32 || !cb.fp32)) continue;
        auto [it, fresh] = first_with_offset.emplace(offset(ca, cb), std::pair{a, b});
        if (fresh) continue;
        const auto [a0, b0] = it->second;
        const double s1 = user_score(in, a, b), s0 = user_score(in, a0, b0);
        const double tol = tolerance(ca, cb) + tolerance(case_of(in, a0), case_of(in, b0));
        ++compared;
        if (std::fabs(s1 - s0) > tol && bad++ == 0) {
          example =
              fmt::format("S({}, {}) = {:.17g} but S({}, {}) = {:.17g} (tolerance {:.17g})",
                          position_text(ca), position_text(cb), s1, position_text(case_of(in, a0)),
                          position_text(case_of(in, b0)), s0, tol);
        }
      }
    }
  }
  const bool ok = bad == 0;
  return {"outputs.relativity",
          fmt::format("{} ({} pairs of equal offset compared, {} outside the tolerance{})",
                      ok ? "scores depend only on j - i" : "scores NOT relative", compared, bad,
                      example.empty() ? "" : "; e.g. " + example),
          ok, false};
}

}  // namespace

std::vector<CaseResult> judge_cases(const VerifyInputs& in) {
  const int n = static_cast<int>(in.golden.cases.size());
  std::vector<CaseResult> results;
  for (int id = 0; id < n; ++id)
    if (in.judged[static_cast<std::size_t>(id)]) results.push_back(judge_case(in, id));
  return results;
}

std::vector<CheckResult> check_outputs(const VerifyInputs& in,
                                       const std::vector<CaseResult>& cases) {
  std::vector<CheckResult> checks;
  for (const std::string& name : output_checks_of(*in.entry, in.golden)) {
    if (name == "magnitude") checks.push_back(check_magnitudes(in, cases));
    if (name == "norms") checks.push_back(check_norms(in, cases));
    if (name == "relativity") checks.push_back(check_relativity(in));
  }
  int passed = 0, fp32_only = 0;
  for (const CaseResult& r : cases) {
    passed += r.pass();
    fp32_only += !r.pass() && r.fp32_ok;
  }
  const int n = static_cast<int>(cases.size());
  if (!in.fp32() && passed < n && passed + fp32_only == n) {
    checks.push_back({"outputs.precision",
                      "every case outside the fp64 tolerance is within the fp32 one: the outputs "
                      "are only fp32-accurate (angles or frequencies computed in float?)",
                      false, false});
  }
  return checks;
}

bool verdict(const std::vector<CaseResult>& cases, const std::vector<CheckResult>& checks) {
  for (const CaseResult& r : cases)
    if (!r.pass()) return false;
  for (const CheckResult& c : checks)
    if (!c.ok && !c.diagnosis_only) return false;
  return true;
}

}  // namespace posprop::cli
