// `posprop report --out DIR`: one self-contained HTML page (inline CSS and SVG, no network) and
// its Markdown version: the verdict matrix, the claims ledger with computed verdicts, every
// counterexample, and the ledger's figures.
#include "args.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "markdown_writer.hpp"
#include "matrix.hpp"
#include "matrix_table.hpp"
#include "output_files.hpp"
#include "progress.hpp"
#include "rapidcheck_config.hpp"
#include "text_escape.hpp"

#include "json_io.hpp"
#include "posprop/figures.hpp"
#include "support/cell_report.hpp"
#include "support/claims.hpp"

#include <iostream>
#include <memory>
#include <sstream>

namespace posprop::cli {

namespace {

std::string html_escape(const std::string& s) {
  return xml_escape(s);
}

const char* status_class(CellStatus s) {
  switch (s) {
    case CellStatus::holds:
      return "holds";
    case CellStatus::xfail_found:
      return "xfail";
    case CellStatus::fails:
    case CellStatus::missed:
    case CellStatus::error:
      return "alarm";
    case CellStatus::not_applicable:
      return "na";
  }
  return "na";
}

const char* const kCss = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1200px;
 color:#1d2330;padding:0 1em;line-height:1.45}
h1{margin-bottom:.2em}h2{border-bottom:2px solid #dde3ec;padding-bottom:.2em;margin-top:2em}
.summary{font-size:1.1em;padding:.6em 1em;border-radius:6px;background:#eef6ee;border:1px solid #9c9}
.summary.bad{background:#fbeaea;border-color:#d88}
table{border-collapse:collapse;font-size:.78em;margin:1em 0}
.scroll{overflow-x:auto;max-width:100%}
th,td{border:1px solid #d5dbe5;padding:.25em .45em;text-align:center}
th.enc,td.enc{text-align:left;font-family:ui-monospace,monospace;white-space:nowrap}
thead th{background:#f2f5f9;position:sticky;top:0}
#verdict-matrix td{white-space:nowrap}
td.holds{background:#d9f2dd}td.xfail{background:#dbe7fb}td.alarm{background:#f8c9c9;font-weight:bold}
td.na{color:#98a2b3}
td.left,th.left{text-align:left}
.legend span{display:inline-block;margin-right:1em;padding:.1em .5em;border-radius:3px}
pre{background:#f6f8fa;padding:.8em;overflow-x:auto;font-size:.8em;border-radius:4px}
.figures{display:flex;flex-wrap:wrap;gap:1.5em}
.figures figure{margin:0;border:1px solid #e1e6ee;padding:.5em;border-radius:6px;background:#fff}
.figures figure{flex:1 1 360px;max-width:560px}
.figures svg{width:100%;height:auto;display:block}
figcaption{font-size:.85em;color:#4a5568;margin-top:.3em}
.props li{margin:.2em 0}
)";

/// Value of attribute `name` in the tag `tag` ("" if absent).
std::string attribute(const std::string& tag, const std::string& name) {
  const std::size_t at = tag.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  const std::size_t start = at + name.size() + 3;
  return tag.substr(start, tag.find('"', start) - start);
}

/// The SVG document without its XML prolog, for inlining; a viewBox is added from width and
/// height (when missing) so that CSS can scale the figure instead of cropping it.
std::string inline_svg(std::string svg) {
  const std::size_t at = svg.find("<svg");
  if (at == std::string::npos) return svg;
  svg = svg.substr(at);
  const std::string root = svg.substr(0, svg.find('>'));
  const std::string w = attribute(root, "width"), h = attribute(root, "height");
  if (attribute(root, "viewBox").empty() && !w.empty() && !h.empty())
    svg.insert(4, " viewBox=\"0 0 " + w + " " + h + "\"");
  return svg;
}

void write_html(std::ostream& os, const Matrix& m, const std::vector<ClaimResult>* claims,
                const std::vector<Figure>& figures) {
  const bool ok = m.all_as_expected();
  os << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
     << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
     << "<title>posprop report</title><style>" << kCss << "</style></head><body>\n"
     << "<h1>posprop report</h1>\n<p>Property-based verification of positional encodings. Seed "
     << m.seed << ", " << m.cases << " case(s) per cell, precision " << precision_name(m.hp_digits)
     << ".</p>\n<p class=\"summary" << (ok ? "" : " bad") << "\" id=\"summary\">"
     << html_escape(summary_line(m)) << "</p>\n";

  os << "<h2 id=\"matrix\">Verdict matrix</h2>\n<div class=\"legend\">";
  for (const CellStatus s : kAllStatuses)
    os << "<span class=\"" << status_class(s) << "\" style=\"border:1px solid #ccd\"><b>"
       << label(s) << "</b>: " << html_escape(meaning(s)) << "</span> ";
  os << "</div>\n<div class=\"scroll\"><table id=\"verdict-matrix\"><thead><tr><th "
        "class=\"enc\">encoder</th>";
  for (std::size_t c = 0; c < m.properties.size(); ++c)
    os << "<th title=\"" << html_escape(m.properties[c]->info().id) << "\">" << c + 1 << "</th>";
  os << "</tr></thead><tbody>\n";
  for (std::size_t r = 0; r < m.encoders.size(); ++r) {
    os << "<tr><td class=\"enc\">" << html_escape(m.encoders[r]->name) << "</td>";
    for (std::size_t c = 0; c < m.properties.size(); ++c) {
      const MatrixCell& cell = m.at(r, c);
      os << "<td class=\"" << status_class(cell.status()) << "\" title=\""
         << html_escape(cell.test_id()) << "\">" << label(cell.status()) << "</td>";
    }
    os << "</tr>\n";
  }
  os << "</tbody></table></div>\n<ol class=\"props\">";
  for (const Property* p : m.properties)
    os << "<li><code>" << html_escape(p->info().id)
       << "</code>: " << html_escape(p->info().statement) << " <small>("
       << html_escape(p->info().proof) << ")</small></li>";
  os << "</ol>\n";

  if (claims) {
    os << "<h2 id=\"ledger\">Claims ledger</h2>\n<p>Each claim of the study note with the verdict "
          "computed from live checks and interval certificates, and the verdict the ledger "
          "(proofs/CLAIMS.md) states.</p>\n<table id=\"claims-ledger\"><thead><tr><th>id</th>"
          "<th class=\"left\">claim</th><th>computed</th><th>stated</th><th>agrees</th>"
          "<th>evidence</th><th>proof</th></tr></thead><tbody>\n";
    for (const ClaimResult& r : *claims) {
      int declared = 0;
      for (const EvidenceResult& e : r.evidence) declared += e.as_declared;
      os << "<tr><td>" << html_escape(r.claim->id) << "</td><td class=\"left\">"
         << html_escape(r.claim->claim) << "</td><td>" << html_escape(r.computed) << "</td><td>"
         << html_escape(r.claim->stated) << "</td><td class=\""
         << (r.agrees() ? "holds\">yes" : "alarm\">NO") << "</td><td>" << declared << "/"
         << r.evidence.size() << "</td><td>" << html_escape(r.claim->proof) << "</td></tr>\n";
    }
    os << "</tbody></table>\n";
  }

  os << "<h2 id=\"counterexamples\">Counterexamples and unexpected verdicts</h2>\n";
  bool any = false;
  for (const MatrixCell& cell : m.cells) {
    if (!cell.noteworthy()) continue;
    any = true;
    os << "<h3><code>" << html_escape(cell.property->info().id) << "</code> on <code>"
       << html_escape(cell.encoder->name) << "</code>: " << label(cell.status()) << "</h3>\n<pre>"
       << html_escape(describe_cell(cell.result, m.rerun_command(cell))) << "</pre>\n";
  }
  if (!any) os << "<p>None.</p>\n";

  os << "<h2 id=\"figures\">Figures</h2>\n<div class=\"figures\">\n";
  for (const Figure& f : figures)
    os << "<figure>" << inline_svg(f.svg) << "<figcaption>" << html_escape(f.file_name)
       << "</figcaption></figure>\n";
  os << "</div>\n<p><small>Generated by <code>posprop report</code>.</small></p>\n</body></html>\n";
}

void write_md(std::ostream& os, const Matrix& m, const std::vector<ClaimResult>* claims,
              const std::vector<Figure>& figures) {
  write_markdown(os, m);
  if (claims) {
    os << "\n## Claims ledger\n\n| id | computed | stated | agrees | evidence | proof |\n"
          "|---|---|---|---|---|---|\n";
    for (const ClaimResult& r : *claims) {
      int declared = 0;
      for (const EvidenceResult& e : r.evidence) declared += e.as_declared;
      os << "| " << r.claim->id << " | `" << r.computed << "` | `" << r.claim->stated << "` | "
         << (r.agrees() ? "yes" : "**NO**") << " | " << declared << "/" << r.evidence.size()
         << " | " << r.claim->proof << " |\n";
    }
  }
  os << "\n## Figures\n\n";
  for (const Figure& f : figures) os << "![" << f.file_name << "](figures/" << f.file_name << ")\n";
}

struct ReportArgs {
  CheckArgs check;
  std::string out;
  bool no_claims = false;
};

int run_report(const ReportArgs& a) {
  const CheckArgs& check = a.check;
  const std::string& out = a.out;
  const bool claims_wanted = !a.no_claims;
  if (out.empty()) throw InputError("option '--out' is required");
  load_rapidcheck_configuration();
  Matrix matrix = select_matrix(check);  // validates the inputs before any file is touched
  const std::vector<Figure> figures = posprop::figures();
  make_directories("--out", out + "/figures");
  const std::string html_path = out + "/report.html", md_path = out + "/report.md";
  OutputFiles files;
  for (const std::string& plugin : check.plugins) files.add_input("--plugin", plugin);
  const int html = files.add_output("--out", html_path), md = files.add_output("--out", md_path);
  std::vector<int> figure_files;
  for (const Figure& f : figures)
    figure_files.push_back(files.add_output("--out", out + "/figures/" + f.file_name));
  files.open();
  run_matrix(matrix, terminal_progress());
  std::vector<ClaimResult> claims;
  bool claims_agree = true;
  if (claims_wanted) {
    CheckOptions options;
    options.seed = check.seed;
    options.cases = check.cases;
    if (progress_wanted()) std::cerr << "\r\033[Kclaims ledger..." << std::flush;
    claims = evaluate_ledger(options);
    if (progress_wanted()) std::cerr << "\r\033[K" << std::flush;
    for (const ClaimResult& c : claims) claims_agree = claims_agree && c.agrees();
  }
  const std::vector<ClaimResult>* ledger = claims_wanted ? &claims : nullptr;
  files.write(html, [&](std::ostream& os) { write_html(os, matrix, ledger, figures); });
  files.write(md, [&](std::ostream& os) { write_md(os, matrix, ledger, figures); });
  for (std::size_t i = 0; i < figures.size(); ++i)
    files.write(figure_files[i], [&](std::ostream& os) { os << figures[i].svg; });
  files.commit();
  std::cout << summary_line(matrix) << '\n';
  if (claims_wanted)
    std::cout << (claims_agree ? "claims: computed verdicts agree with the ledger\n"
                               : "claims: a computed verdict DISAGREES with the ledger\n");
  std::cout << "wrote " << html_path << ", " << md_path << " and " << figures.size()
            << " figure(s)\n";
  return matrix.all_as_expected() && claims_agree ? 0 : 1;
}

}  // namespace

Action define_report(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  a->check.cases = 20;
  app.description(
      "Runs the matrix (like 'posprop check') and the claims ledger (like 'posprop claims') and\n"
      "writes DIR/report.html (self-contained: inline CSS and SVG figures, viewable offline),\n"
      "DIR/report.md and DIR/figures/*.svg.");
  add_text(app, "--out", a->out, "DIR", "output directory, created if missing (required)");
  add_selection_options(app, a->check);
  add_flag(app, "--no-claims", a->no_claims, "skip the ledger (faster)");
  app.footer(
      "The ledger always runs in full. Exit 1 if a verdict differs from its expectation or a\n"
      "claim's computed verdict from the ledger's.");
  return [a] { return run_report(*a); };
}

}  // namespace posprop::cli
