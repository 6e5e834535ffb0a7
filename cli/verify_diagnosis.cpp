// What the outputs match when they miss the declared encoder (proofs/golden_vectors.md section
// 3): every candidate explanation of candidates.hpp (the other layout, factor = 1, seq_len
// fixed or taken from the position, the attention factor applied twice or ignored, bf16 / fp16
// frequencies, positions or tables, a conjugated key path, ...) is evaluated at 50 digits and
// fits when every judged case it applies to is within the case's tolerance of it (2-norm and
// each pair). Explanations that give the same outputs on these vectors all fit and are all
// named (dynamic NTK at seq_len = L and factor = 1 are the same function).
#include "candidates.hpp"
#include "verify.hpp"

#include <fmt/format.h>

namespace posprop::cli {
namespace {

/// Whether the outputs fit `cand` on every judged case it applies to (at least one).
bool fits(const VerifyInputs& in, const std::vector<CaseResult>& cases, const Candidate& cand) {
  const auto format = in.fp32() ? precision::FormatId::fp32 : precision::FormatId::fp64;
  int applicable = 0;
  for (const CaseResult& r : cases) {
    const GoldenCase& c = in.golden.cases[static_cast<std::size_t>(r.id)];
    if (in.fp32() && !c.fp32) continue;  // no fp32 tolerance: no evidence either way
    const std::optional<CaseOutputs> out = cand.outputs(r.id);
    if (!out) continue;
    ++applicable;
    if (!out->finite) {
      if (r.non_finite.empty()) return false;
      continue;
    }
    if (!r.non_finite.empty()) return false;
    const GoldenGroup& g = in.golden.groups[static_cast<std::size_t>(c.group)];
    const auto i = static_cast<std::size_t>(r.id);
    const CandidateTolerance t =
        cand.tolerance ? cand.tolerance(r.id, format) : CandidateTolerance{r.tol, g.pairs};
    if (!within_tolerance(t.pairs, t.tol, 1.0, in.q[i], in.k[i], out->q, out->k)) return false;
  }
  return applicable > 0;
}

}  // namespace

std::string declared_text(const VerifyInputs& in) {
  std::string out;
  if (in.golden.groups.empty()) return out;
  for (const auto& [key, value] : in.golden.groups.front().params.values())
    out += (out.empty() ? "" : ", ") + key + " = " + value;
  return out;
}

Diagnosis diagnose(const VerifyInputs& in, const std::vector<CaseResult>& cases) {
  Diagnosis d;
  for (const CaseResult& r : cases) d.declared_fits = d.declared_fits && r.pass();
  const std::vector<Candidate> all = candidates(*in.entry, in.golden);
  for (const Candidate& c : all) d.tried.push_back(c.key);
  if (d.declared_fits) return d;
  for (const Candidate& c : all)
    if (fits(in, cases, c)) d.matches.push_back({c.flag, c.key, c.description});
  return d;
}

std::vector<CheckResult> diagnosis_checks(const Diagnosis& d, const std::string& declared) {
  if (d.declared_fits) {
    return {{"outputs.matches",
             "outputs match the declared parameters" +
                 (declared.empty() ? std::string() : " (" + declared + ")") + "; none of the " +
                 std::to_string(d.tried.size()) + " candidate explanations is needed",
             true, true}};
  }
  std::vector<CheckResult> out;
  for (const Diagnosis::Match& m : d.matches)
    out.push_back({"outputs.matches." + m.flag, "outputs match " + m.description, false, true});
  if (out.empty()) {
    std::string tried;
    for (const std::string& k : d.tried) tried += (tried.empty() ? "" : ", ") + k;
    out.push_back({"outputs.matches",
                   fmt::format("outputs match neither the declared parameters nor any of the {} "
                               "candidate explanations tried ({})",
                               d.tried.size(), tried.empty() ? "none apply" : tried),
                   false, true});
  }
  return out;
}

}  // namespace posprop::cli
