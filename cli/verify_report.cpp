// Step 4 of `posprop verify`: the readable report (one line per case: error in ulps and bits
// against the tolerance, then the checks and the verdict) and the JUnit XML report.
#include "error_ratio.hpp"
#include "text_escape.hpp"
#include "verify.hpp"

#include <fmt/format.h>

#include <cmath>

namespace posprop::cli {
namespace {

/// "q1 0.12": the pair (of q_out or k_out) with the largest error / tolerance.
std::string worst_pair(const CaseResult& r) {
  if (r.worst_pair < 0) return "-";
  return fmt::format("{}{} {:.3g}", r.worst_vector, r.worst_pair, r.worst_pair_ratio);
}

int passed(const std::vector<CaseResult>& cases) {
  int n = 0;
  for (const CaseResult& r : cases) n += r.pass();
  return n;
}

}  // namespace

void print_report(std::ostream& out, const VerifyInputs& in, const std::vector<CaseResult>& cases,
                  const std::vector<CheckResult>& checks) {
  const GoldenFile& golden = in.golden;
  out << fmt::format(
      "posprop verify {}: {} cases in {} group(s) from {}, outputs {} checked at {}\n\n",
      in.entry->name, cases.size(), golden.groups.size(), in.vectors_path, in.outputs_path,
      in.precision);
  out << fmt::format("{:<6}{:<7}{:<6}{:<11}{:<13}{:<7}{:<13}{:<12}{:<12}{:<16}verdict\n", "case",
                     "group", "dim", "position", "err (ulps)", "bits", "tol (ulps)", "q err/tol",
                     "score/tol", "worst pair/tol");
  for (const CaseResult& r : cases) {
    const GoldenCase& c = golden.cases[static_cast<std::size_t>(r.id)];
    out << fmt::format(
        "{:<6}{:<7}{:<6}{:<11}{:<13.3g}{:<7.3g}{:<13.3g}{:<12.3g}{:<12.3g}{:<16}{}  {}\n", r.id,
        c.group, golden.groups[static_cast<std::size_t>(c.group)].dim,
        fmt::format("{:.17g}", c.position), r.ulps, std::log2(1 + r.ulps), r.tol_ulps,
        std::fmax(error_ratio(r.err_q, r.tol.q), error_ratio(r.err_k, r.tol.k)),
        error_ratio(r.err_score, r.tol.score), worst_pair(r), r.pass() ? "ok" : "FAIL",
        terminal_text(r.non_finite.empty() ? c.purpose : r.non_finite));  // purpose: from the file
  }
  out << "\nchecks on the outputs:\n";
  for (const CheckResult& chk : checks)
    out << fmt::format("  {}{}: {}\n", chk.ok ? "ok    " : "FAIL  ", chk.name, chk.detail);
  out << fmt::format(
      "\nverdict: {} ({}/{} cases within the {} tolerance of "
      "proofs/golden_vectors.md)\n",
      verdict(cases, checks) ? "PASS" : "FAIL", passed(cases), cases.size(), in.precision);
}

void write_junit_report(std::ostream& out, const VerifyInputs& in,
                        const std::vector<CaseResult>& cases,
                        const std::vector<CheckResult>& checks) {
  std::size_t failures = cases.size() - static_cast<std::size_t>(passed(cases));
  for (const CheckResult& chk : checks) failures += !chk.ok && !chk.diagnosis_only;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << fmt::format("<testsuites><testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n",
                     xml_escape("posprop.verify." + in.entry->name), cases.size() + checks.size(),
                     failures);
  for (const CaseResult& r : cases) {
    const GoldenCase& c = in.golden.cases[static_cast<std::size_t>(r.id)];
    const std::string name = fmt::format("case {} (group {}, position {:.17g}, {})", r.id, c.group,
                                         c.position, c.purpose);
    out << "<testcase classname=\"verify\" name=\"" << xml_escape(name) << "\">";
    if (!r.pass()) {
      std::string message = fmt::format(
          "q error {:.17g} (tolerance {:.17g}), k error {:.17g} (tolerance {:.17g}), score "
          "error {:.17g} (tolerance {:.17g})",
          r.err_q, r.tol.q, r.err_k, r.tol.k, r.err_score, r.tol.score);
      if (!r.non_finite.empty()) message = r.non_finite + "; " + message;
      if (r.worst_pair >= 0) {
        message += fmt::format("; worst pair {} of {}_out at {:.3g} x its tolerance", r.worst_pair,
                               r.worst_vector, r.worst_pair_ratio);
      }
      out << "<failure message=\"" << xml_escape(message) << "\"/>";
    }
    out << "</testcase>\n";
  }
  for (const CheckResult& chk : checks) {
    out << "<testcase classname=\"checks\" name=\"" << xml_escape(chk.name) << "\">";
    if (!chk.ok && !chk.diagnosis_only)
      out << "<failure message=\"" << xml_escape(chk.detail) << "\"/>";
    out << "<system-out>" << xml_escape(chk.detail) << "</system-out></testcase>\n";
  }
  out << "</testsuite></testsuites>\n";
}

}  // namespace posprop::cli
