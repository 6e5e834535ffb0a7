// `posprop verify --json FILE`: the machine-readable report for other people's CI -- the verdict,
// one record per judged case (its flags, errors, tolerances, worst pair), the checks on the
// outputs, and the diagnosis (which candidate explanations the outputs fit).
#include "json_io.hpp"
#include "verify.hpp"

namespace posprop::cli {
namespace {

Json position_of(const GoldenCase& c) {
  if (c.axes.empty()) return json_number(c.position);
  Json out = Json::array();
  for (double x : c.axes) out.push_back(json_number(x));
  return out;
}

Json case_record(const VerifyInputs& in, const CaseResult& r) {
  const GoldenCase& c = in.golden.cases[static_cast<std::size_t>(r.id)];
  Json worst = nullptr;
  if (r.worst_pair >= 0) {
    worst = {{"vector", std::string(1, r.worst_vector) + "_out"},
             {"pair", r.worst_pair},
             {"error_over_tolerance", json_number(r.worst_pair_ratio)}};
  }
  return {{"id", r.id},
          {"group", c.group},
          {"position", position_of(c)},
          {"purpose", c.purpose},
          {"flags", c.flags},
          {"verdict", r.pass() ? "pass" : "fail"},
          {"non_finite", r.non_finite.empty() ? Json() : Json(r.non_finite)},
          {"error",
           {{"q", json_number(r.err_q)},
            {"k", json_number(r.err_k)},
            {"score", json_number(r.err_score)}}},
          {"tolerance",
           {{"q", json_number(r.tol.q)},
            {"k", json_number(r.tol.k)},
            {"score", json_number(r.tol.score)}}},
          {"pairs_ok", r.pairs_ok},
          {"worst_pair", worst},
          {"ulps", json_number(r.ulps)},
          {"tolerance_ulps", json_number(r.tol_ulps)}};
}

}  // namespace

void write_json_report(std::ostream& out, const VerifyInputs& in,
                       const std::vector<CaseResult>& cases, const std::vector<CheckResult>& checks,
                       const Diagnosis& diagnosis) {
  Json records = Json::array(), check_records = Json::array(), matches = Json::array();
  int passed = 0;
  for (const CaseResult& r : cases) {
    records.push_back(case_record(in, r));
    passed += r.pass();
  }
  for (const CheckResult& c : checks) {
    check_records.push_back({{"name", c.name},
                             {"verdict", c.ok ? "pass" : "fail"},
                             {"diagnosis_only", c.diagnosis_only},
                             {"detail", c.detail}});
  }
  for (const Diagnosis::Match& m : diagnosis.matches)
    matches.push_back({{"flag", m.flag}, {"candidate", m.key}, {"description", m.description}});
  const auto n = static_cast<int>(cases.size());
  out << dump_document({{"format", "posprop-verify-report"},
                        {"version", 1},
                        {"encoder", in.entry->name},
                        {"vectors", in.vectors_path},
                        {"outputs", in.outputs_path},
                        {"precision", in.precision},
                        {"cases_selected", in.selection},
                        {"verdict", verdict(cases, checks) ? "pass" : "fail"},
                        {"summary",
                         {{"judged", n},
                          {"passed", passed},
                          {"failed", n - passed},
                          {"not_judged", static_cast<int>(in.golden.cases.size()) - n}}},
                        {"diagnosis",
                         {{"declared_fits", diagnosis.declared_fits},
                          {"matches", matches},
                          {"tried", diagnosis.tried}}},
                        {"checks", check_records},
                        {"cases", records}});
}

}  // namespace posprop::cli
