// `posprop verify` of score-bias vectors (bias_vectors.hpp): the outputs ("slopes" and "bias" for
// ALiBi, "bucket" and "bias" for T5) of every selected case judged by judge_bias_case, the
// candidate explanations the outputs fit, and the text, JUnit and JSON reports.
#include "bias_vectors.hpp"
#include "json_io.hpp"
#include "text_escape.hpp"
#include "verify.hpp"

#include <fmt/format.h>

#include <cmath>

namespace posprop::cli {
namespace {

/// The expected length of output `name` of case `c`.
std::size_t expected_length(const BiasFile& f, const BiasCase& c, const std::string& name) {
  const std::size_t heads =
      static_cast<std::size_t>(f.groups[static_cast<std::size_t>(c.group)].heads);
  if (name == "slopes") return heads;
  return name == "bias" && f.alibi ? heads * c.keys.size() : c.keys.size();
}

std::string describe_non_finite(const std::string& name, std::size_t j, double x) {
  return name + "[" + std::to_string(j) + "] is " +
         (std::isnan(x) ? "NaN"
          : x > 0       ? "Infinity"
                        : "-Infinity");
}

/// The outputs of judged case `id` (InputError when absent or of the wrong length).
BiasOutputs take(const BiasFile& f, const OutputsFile& file, const std::string& path, int id) {
  const BiasCase& c = f.cases[static_cast<std::size_t>(id)];
  BiasOutputs out;
  for (const std::string& name : f.outputs()) {
    const auto& m = file.named.at(name);
    const auto it = m.find(id);
    if (it == m.end()) {
      throw InputError(path + ": case " + std::to_string(id) + " has no " + name +
                       " (every judged case of the vectors file must be present)");
    }
    if (it->second.size() != expected_length(f, c, name)) {
      throw InputError(path + ": case " + std::to_string(id) + " " + name + " has " +
                       std::to_string(it->second.size()) + " values, expected " +
                       std::to_string(expected_length(f, c, name)));
    }
    for (std::size_t j = 0; j < it->second.size(); ++j) {
      const double x = it->second[j];
      if (!std::isfinite(x) && out.non_finite.empty())
        out.non_finite = describe_non_finite(name, j, x);
      if (name == "bucket") out.bucket.push_back(x);
      if (name == "slopes") out.slopes.emplace_back(x);
      if (name == "bias") out.bias.emplace_back(x);
    }
  }
  return out;
}

const BiasTolerance& tolerance_of(const BiasCase& c, bool fp32, BiasTolerance& none) {
  if (!fp32) return c.fp64;
  if (c.fp32) return *c.fp32;
  none.slopes.assign(c.slopes.size(), 0.0);
  none.bias.assign(c.bias.size(), 0.0);
  return none;
}

}  // namespace

BiasVerification verify_bias(const BiasFile& f, const VerifyRequest& r) {
  BiasVerification v;
  const CaseSelection s = parse_case_selection("--cases", r.selection, flag_names());
  for (const BiasCase& c : f.cases) v.judged.push_back(s.selects(c.flags));
  if (std::none_of(v.judged.begin(), v.judged.end(), [](bool b) { return b; }))
    throw InputError("--cases " + r.selection + " selects no case of " + r.vectors_path);
  const OutputsFile file = read_outputs_file(r.outputs_path, f.outputs());
  for (const auto& [name, m] : file.named) {
    for (const auto& [id, values] : m) {
      if (id >= static_cast<int>(f.cases.size()))
        throw InputError(r.outputs_path + ": case " + std::to_string(id) +
                         " is not in the vectors file");
    }
  }
  v.precision =
      r.precision.empty() ? (file.precision.empty() ? "fp64" : file.precision) : r.precision;
  if (v.precision != "fp32" && v.precision != "fp64")
    throw InputError(r.outputs_path + ": precision: expected fp32 or fp64, got '" + v.precision +
                     "'");
  for (std::size_t id = 0; id < f.cases.size(); ++id) {
    if (!v.judged[id]) continue;
    const BiasOutputs out = take(f, file, r.outputs_path, static_cast<int>(id));
    BiasTolerance none;
    const BiasTolerance& tol = tolerance_of(f.cases[id], v.precision == "fp32", none);
    v.outputs.push_back(out);
    v.results.push_back(judge_bias_case(f, static_cast<int>(id), out,
                                        bias_reference(f, static_cast<int>(id)), tol, 1.0));
  }
  return v;
}

Diagnosis diagnose_bias(const BiasFile& f, const BiasVerification& v, const VerifyRequest&) {
  Diagnosis d;
  for (const BiasResult& r : v.results) d.declared_fits = d.declared_fits && r.pass;
  const std::vector<BiasCandidate> all = bias_candidates(f);
  for (const BiasCandidate& c : all) d.tried.push_back(c.key);
  if (d.declared_fits) return d;
  for (const BiasCandidate& cand : all) {
    int applicable = 0;
    bool fits = true;
    for (std::size_t i = 0; i < v.results.size() && fits; ++i) {
      const int id = v.results[i].id;
      const std::optional<BiasOutputs> ref = cand.outputs(id);
      if (!ref) continue;
      ++applicable;
      BiasTolerance none;
      const BiasTolerance& tol =
          tolerance_of(f.cases[static_cast<std::size_t>(id)], v.precision == "fp32", none);
      const BiasTolerance own = candidate_tolerance(tol, bias_reference(f, id), *ref);
      fits = judge_bias_case(f, id, v.outputs[i], *ref, own, 1.0).pass;
    }
    if (fits && applicable > 0) d.matches.push_back({cand.flag, cand.key, cand.description});
  }
  return d;
}

void print_bias_report(std::ostream& out, const BiasFile& f, const VerifyRequest& r,
                       const BiasVerification& v, const Diagnosis& d) {
  out << fmt::format(
      "posprop verify {}: {} cases in {} group(s) from {}, outputs {} checked at {}\n\n", f.encoder,
      v.results.size(), f.groups.size(), r.vectors_path, r.outputs_path, v.precision);
  out << fmt::format("{:<6}{:<7}{:<11}{:<7}{:<44}verdict\n", "case", "group", "query", "keys",
                     "worst (error / tolerance)");
  int passed = 0;
  for (const BiasResult& res : v.results) {
    const BiasCase& c = f.cases[static_cast<std::size_t>(res.id)];
    passed += res.pass;
    const std::string worst = !res.non_finite.empty() ? res.non_finite
                              : res.worst.empty()
                                  ? "-"
                                  : fmt::format("{} {:.3g}", res.worst, res.worst_ratio);
    out << fmt::format("{:<6}{:<7}{:<11}{:<7}{:<44}{}  {}\n", res.id, c.group,
                       fmt::format("{:.17g}", c.position), c.keys.size(), terminal_text(worst),
                       res.pass ? "ok" : "FAIL", terminal_text(c.purpose));
  }
  out << "\ndiagnosis:\n";
  for (const CheckResult& chk : diagnosis_checks(d))
    out << fmt::format("  {}{}: {}\n", chk.ok ? "ok    " : "FAIL  ", chk.name, chk.detail);
  out << fmt::format(
      "\nverdict: {} ({}/{} cases within the {} tolerance of proofs/score_biases.md)\n",
      passed == static_cast<int>(v.results.size()) ? "PASS" : "FAIL", passed, v.results.size(),
      v.precision);
}

void write_bias_junit(std::ostream& out, const BiasFile& f, const BiasVerification& v) {
  int failures = 0;
  for (const BiasResult& r : v.results) failures += !r.pass;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << fmt::format("<testsuites><testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n",
                     xml_escape("posprop.verify." + f.encoder), v.results.size(), failures);
  for (const BiasResult& r : v.results) {
    const BiasCase& c = f.cases[static_cast<std::size_t>(r.id)];
    out << "<testcase classname=\"verify\" name=\""
        << xml_escape(fmt::format("case {} (group {}, query {:.17g}, {})", r.id, c.group,
                                  c.position, c.purpose))
        << "\">";
    if (!r.pass) {
      const std::string why =
          r.non_finite.empty() ? fmt::format("{} at {:.3g} x its tolerance", r.worst, r.worst_ratio)
                               : r.non_finite;
      out << "<failure message=\"" << xml_escape(why) << "\"/>";
    }
    out << "</testcase>\n";
  }
  out << "</testsuite></testsuites>\n";
}

void write_bias_json_report(std::ostream& out, const BiasFile& f, const VerifyRequest& r,
                            const BiasVerification& v, const Diagnosis& d) {
  Json cases = Json::array(), matches = Json::array(), checks = Json::array();
  int passed = 0;
  for (const BiasResult& res : v.results) {
    const BiasCase& c = f.cases[static_cast<std::size_t>(res.id)];
    passed += res.pass;
    cases.push_back({{"id", res.id},
                     {"group", c.group},
                     {"position", json_number(c.position)},
                     {"purpose", c.purpose},
                     {"flags", c.flags},
                     {"verdict", res.pass ? "pass" : "fail"},
                     {"non_finite", res.non_finite.empty() ? Json() : Json(res.non_finite)},
                     {"worst", res.worst.empty() ? Json() : Json(res.worst)},
                     {"error_over_tolerance", json_number(res.worst_ratio)}});
  }
  for (const Diagnosis::Match& m : d.matches)
    matches.push_back({{"flag", m.flag}, {"candidate", m.key}, {"description", m.description}});
  for (const CheckResult& c : diagnosis_checks(d)) {
    checks.push_back({{"name", c.name},
                      {"verdict", c.ok ? "pass" : "fail"},
                      {"diagnosis_only", c.diagnosis_only},
                      {"detail", c.detail}});
  }
  const auto n = static_cast<int>(v.results.size());
  out << dump_document(
      {{"format", "posprop-verify-report"},
       {"version", 1},
       {"encoder", f.encoder},
       {"vectors", r.vectors_path},
       {"outputs", r.outputs_path},
       {"precision", v.precision},
       {"cases_selected", r.selection},
       {"verdict", passed == n ? "pass" : "fail"},
       {"summary",
        {{"judged", n},
         {"passed", passed},
         {"failed", n - passed},
         {"not_judged", static_cast<int>(f.cases.size()) - n}}},
       {"diagnosis",
        {{"declared_fits", d.declared_fits}, {"matches", matches}, {"tried", d.tried}}},
       {"checks", checks},
       {"cases", cases}});
}

}  // namespace posprop::cli
