#include "args.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "json_io.hpp"
#include "output_files.hpp"
#include "rapidcheck_config.hpp"
#include "text_escape.hpp"

#include "posprop/figures.hpp"
#include "support/claims.hpp"

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

Json evidence_counterexample_json(const Counterexample& cx) {
  return {{"input", cx.values.empty() ? "" : cx.values[0].second},
          {"residual_double", json_number(cx.at_double.residual)},
          {"residual_hp100", json_number(cx.at_hp100.residual)},
          {"tolerance_hp100", json_number(cx.at_hp100.tolerance)},
          {"residual_lower_bound", json_number(cx.residual_lower_bound)},
          {"certified", cx.certified}};
}

Json evidence_json(const EvidenceResult& e) {
  Json out = {{"role", to_string(e.evidence->role)}};
  if (e.certificate) {
    Json values = Json::object();
    for (const auto& [name, value] : e.certificate->values) values[name] = value;
    out["kind"] = "certificate";
    out["certificate"] = e.evidence->certificate;
    out["certified"] = e.certificate->certified;
    out["values"] = std::move(values);
  } else {
    out["kind"] = "cell";
    out["property"] = e.evidence->property;
    out["encoder"] = e.evidence->encoder;
    out["expected"] = to_string(e.evidence->expect);
    out["verdict"] = to_string(e.cell->verdict);
    out["cases"] = e.cell->cases;
    out["counterexample"] =
        e.cell->counterexample ? evidence_counterexample_json(*e.cell->counterexample) : Json();
  }
  out["observed"] = e.observed;
  out["as_declared"] = e.as_declared;
  out["note"] = e.evidence->note;
  return out;
}

void write_json(std::ostream& os, const std::vector<ClaimResult>& results, const ClaimsArgs& args) {
  Json claims = Json::array();
  for (const ClaimResult& r : results) {
    Json evidence = Json::array();
    for (const EvidenceResult& e : r.evidence) evidence.push_back(evidence_json(e));
    claims.push_back({{"id", r.claim->id},
                      {"verdict", r.computed},
                      {"stated", r.claim->stated},
                      {"agrees", r.agrees()},
                      {"claim", r.claim->claim},
                      {"corrected", r.claim->corrected},
                      {"proof", r.claim->proof},
                      {"evidence", std::move(evidence)}});
  }
  const Json doc = {{"seed", args.seed}, {"cases", args.cases}, {"claims", std::move(claims)}};
  os << dump_document(doc);
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

int run_claims(const ClaimsArgs& args) {
  const std::vector<std::string> problems = ledger_problems();
  if (!problems.empty()) {
    for (const std::string& p : problems)
      std::cerr << "posprop: ledger inconsistent: " << p << '\n';
    return 1;
  }
  load_rapidcheck_configuration();
  OutputFiles outputs;
  const int json = outputs.add_output("--json", args.json_file);
  const int md = outputs.add_output("--md", args.md_file);
  std::vector<Figure> svgs;
  std::vector<std::pair<int, std::string>> figures;  // handle, path of svgs[i]
  if (!args.figures_dir.empty()) {
    make_directories("--figures", args.figures_dir);
    svgs = posprop::figures();
    for (const Figure& f : svgs) {
      const std::string path = args.figures_dir + "/" + f.file_name;
      figures.emplace_back(outputs.add_output("--figures", path), path);
    }
  }
  outputs.open();
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
  outputs.write(json, [&](std::ostream& os) { write_json(os, results, args); });
  outputs.write(md, [&](std::ostream& os) { write_markdown(os, results); });
  for (std::size_t i = 0; i < figures.size(); ++i)
    outputs.write(figures[i].first, [&](std::ostream& os) { os << svgs[i].svg; });
  outputs.commit();
  for (const auto& figure : figures) out << "wrote " << figure.second << '\n';
  out << (all_agree ? "all claims: computed verdicts agree with the ledger\n"
                    : "some computed verdicts DISAGREE with the ledger (proofs/CLAIMS.md)\n");
  return all_agree ? 0 : 1;
}

}  // namespace

Action define_claims(CLI::App& app) {
  auto a = std::make_shared<ClaimsArgs>();
  app.description(
      "Recomputes the study-note ledger (proofs/CLAIMS.md): every claim's verdict from live\n"
      "checks and interval certificates, compared with the verdict the ledger states.");
  add_cases_and_seed(app, a->cases, a->seed);
  add_text(
      app, "--json", a->json_file, "FILE",
      "{\"claims\":[{\"id\",\"verdict\",\"stated\",\"evidence\",\"proof\",..}]} ('-' = stdout)");
  add_text(app, "--md", a->md_file, "FILE", "the ledger as Markdown");
  add_text(app, "--figures", a->figures_dir, "DIR",
           "write rope_scores.svg, sinpe_scores.svg, sinpe_wavelengths.svg");
  app.footer("exit 1 if a computed verdict differs from the ledger's stated one");
  return [a] { return run_claims(*a); };
}

}  // namespace posprop::cli
