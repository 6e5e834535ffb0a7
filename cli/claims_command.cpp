#include "claims_command.hpp"

#include "rapidcheck_config.hpp"
#include "text_escape.hpp"

#include "posprop/figures.hpp"
#include "support/claims.hpp"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace posprop::cli {
namespace {

std::string evidence_label(const Evidence& e) {
  if (!e.certificate.empty()) return e.certificate;
  return e.property + " on " + e.encoder + " (expect " + to_string(e.expect) + ")";
}

void write_json(std::ostream& os, const std::vector<ClaimResult>& results, const ClaimsArgs& args) {
  os << "{\"seed\":" << args.seed << ",\"cases\":" << args.cases << ",\"claims\":[";
  for (std::size_t c = 0; c < results.size(); ++c) {
    const ClaimResult& r = results[c];
    os << (c ? "," : "") << "{\"id\":" << json_string(r.claim->id)
       << ",\"verdict\":" << json_string(r.computed)
       << ",\"stated\":" << json_string(r.claim->stated) << ",\"agrees\":" << json_bool(r.agrees())
       << ",\"claim\":" << json_string(r.claim->claim)
       << ",\"corrected\":" << json_string(r.claim->corrected)
       << ",\"proof\":" << json_string(r.claim->proof) << ",\"evidence\":[";
    for (std::size_t k = 0; k < r.evidence.size(); ++k) {
      const EvidenceResult& e = r.evidence[k];
      os << (k ? "," : "") << "{\"role\":" << json_string(to_string(e.evidence->role));
      if (e.certificate) {
        os << ",\"kind\":\"certificate\",\"certificate\":" << json_string(e.evidence->certificate)
           << ",\"certified\":" << json_bool(e.certificate->certified) << ",\"values\":{";
        for (std::size_t v = 0; v < e.certificate->values.size(); ++v)
          os << (v ? "," : "") << json_string(e.certificate->values[v].first) << ":"
             << json_string(e.certificate->values[v].second);
        os << "}";
      } else {
        os << ",\"kind\":\"cell\",\"property\":" << json_string(e.evidence->property)
           << ",\"encoder\":" << json_string(e.evidence->encoder)
           << ",\"expected\":" << json_string(to_string(e.evidence->expect))
           << ",\"verdict\":" << json_string(to_string(e.cell->verdict))
           << ",\"cases\":" << e.cell->cases << ",\"counterexample\":";
        if (e.cell->counterexample) {
          const Counterexample& cx = *e.cell->counterexample;
          os << "{\"input\":" << json_string(cx.values.empty() ? "" : cx.values[0].second)
             << ",\"residual_double\":" << json_number(cx.at_double.residual)
             << ",\"residual_hp100\":" << json_number(cx.at_hp100.residual)
             << ",\"tolerance_hp100\":" << json_number(cx.at_hp100.tolerance)
             << ",\"residual_lower_bound\":" << json_number(cx.residual_lower_bound)
             << ",\"certified\":" << json_bool(cx.certified) << "}";
        } else {
          os << "null";
        }
      }
      os << ",\"observed\":" << json_string(e.observed)
         << ",\"as_declared\":" << json_bool(e.as_declared)
         << ",\"note\":" << json_string(e.evidence->note) << "}";
    }
    os << "]}";
  }
  os << "]}\n";
}

void write_markdown(std::ostream& os, const std::vector<ClaimResult>& results) {
  os << "# Claims ledger (computed by `posprop claims`)\n\n"
     << "| id | computed verdict | stated | agrees | proof |\n|---|---|---|---|---|\n";
  for (const ClaimResult& r : results)
    os << "| " << r.claim->id << " | `" << r.computed << "` | `" << r.claim->stated << "` | "
       << (r.agrees() ? "yes" : "**NO**") << " | [" << r.claim->proof << "](" << r.claim->proof
       << ") |\n";
  for (const ClaimResult& r : results) {
    os << "\n## " << r.claim->id << " — `" << r.computed << "`\n\n"
       << "**Claim.** " << markdown_cell(r.claim->claim) << "\n\n"
       << "**Precise statement.** " << markdown_cell(r.claim->corrected) << "\n\n"
       << "| role | evidence | observed | as declared |\n|---|---|---|---|\n";
    for (const EvidenceResult& e : r.evidence)
      os << "| " << to_string(e.evidence->role) << " | "
         << markdown_cell(evidence_label(*e.evidence)) << " | " << markdown_cell(e.observed)
         << " | " << (e.as_declared ? "yes" : "**NO**") << " |\n";
  }
}

/// A report destination opened before the (slow) run, so that a bad path is an input error up
/// front; "-" is stdout.
class Report {
 public:
  Report(const std::string& option, const std::string& path) : option_(option), path_(path) {
    if (path.empty() || path == "-") return;
    file_ = std::make_unique<std::ofstream>(path);
    if (!*file_)
      throw InputError("option '" + option + "': cannot open '" + path + "' for writing");
  }
  template <class Writer>
  void write(Writer w) {
    if (path_.empty()) return;
    std::ostream& os = file_ ? *file_ : std::cout;
    w(os);
    os.flush();
    if (!os) throw InputError("option '" + option_ + "': writing '" + path_ + "' failed");
  }

 private:
  std::string option_, path_;
  std::unique_ptr<std::ofstream> file_;
};

}  // namespace

int run_claims(const ClaimsArgs& args) {
  const std::vector<std::string> problems = ledger_problems();
  if (!problems.empty()) {
    for (const std::string& p : problems)
      std::cerr << "posprop: ledger inconsistent: " << p << '\n';
    return 1;
  }
  load_rapidcheck_configuration();
  Report json("--json", args.json_file), md("--md", args.md_file);
  CheckOptions options;
  options.seed = args.seed;
  options.cases = args.cases;
  const std::vector<ClaimResult> results = evaluate_ledger(options);
  std::ostream& out = (args.json_file == "-" || args.md_file == "-") ? std::cerr : std::cout;
  bool all_agree = true;
  out << std::left << std::setw(5) << "id" << std::setw(24) << "computed" << std::setw(24)
      << "stated"
      << "evidence\n";
  for (const ClaimResult& r : results) {
    int declared = 0;
    for (const EvidenceResult& e : r.evidence) declared += e.as_declared;
    out << std::setw(5) << r.claim->id << std::setw(24) << r.computed << std::setw(24)
        << r.claim->stated << declared << "/" << r.evidence.size() << " as declared"
        << (r.agrees() ? "" : "   <-- DISAGREES") << '\n';
    all_agree = all_agree && r.agrees();
    if (!r.agrees()) {
      for (const EvidenceResult& e : r.evidence)
        if (!e.as_declared)
          out << "       " << evidence_label(*e.evidence) << ": observed " << e.observed << '\n';
    }
  }
  json.write([&](std::ostream& os) { write_json(os, results, args); });
  md.write([&](std::ostream& os) { write_markdown(os, results); });
  if (!args.figures_dir.empty())
    for (const std::string& path : write_figures(args.figures_dir)) out << "wrote " << path << '\n';
  out << (all_agree ? "all claims: computed verdicts agree with the ledger\n"
                    : "some computed verdicts DISAGREE with the ledger (proofs/CLAIMS.md)\n");
  return all_agree ? 0 : 1;
}

}  // namespace posprop::cli
