#include "support/ledger_markdown.hpp"

#include "posprop/params.hpp"

#include <regex>
#include <set>
#include <sstream>

namespace posprop {
namespace {

std::string begin_marker(const std::string& id) {
  return "<!-- ledger:" + id +
         " begin: generated from properties/support/ledger.cpp by scripts/update-claims-md; "
         "edit the C++, not this block -->";
}
std::string end_marker(const std::string& id) {
  return "<!-- ledger:" + id + " end -->";
}

std::string item(const Evidence& e) {
  std::string s = e.certificate.empty() ? "`" + e.property + "` on `" + e.encoder + "`"
                                        : "certificate `" + e.certificate + "`";
  return e.note.empty() ? s : s + " — " + e.note;
}

std::string expected(const Evidence& e) {
  if (!e.certificate.empty()) return "certifies";
  return e.expect == Expect::fail ? "fails (certified counterexample)" : "holds";
}

/// A table cell: '|' would end the cell.
std::string cell(std::string s) {
  for (std::size_t at = s.find('|'); at != std::string::npos; at = s.find('|', at + 2))
    s.replace(at, 1, "\\|");
  return s;
}

}  // namespace

std::string ledger_markdown_block(const Claim& c) {
  std::ostringstream os;
  os << begin_marker(c.id) << "\n### " << c.id << " — `" << c.stated << "`\n\n**Claim.** "
     << c.claim << "\n\n**Evidence** (observed live by `posprop claims`; proof: " << c.proof
     << (c.mathematical ? "" : "; not a mathematical statement: the items check the restatement")
     << ").\n\n| role | item | expected |\n|---|---|---|\n";
  for (const Evidence& e : c.evidence)
    os << "| " << to_string(e.role) << " | " << cell(item(e)) << " | " << expected(e) << " |\n";
  os << end_marker(c.id) << "\n";
  return os.str();
}

std::string with_generated_ledger(const std::string& md) {
  std::string out;
  std::size_t at = 0;
  for (const Claim& c : ledger()) {
    const std::string open = "<!-- ledger:" + c.id + " begin", close = end_marker(c.id);
    const std::size_t b = md.find(open, at);
    if (b == std::string::npos)
      throw InputError("proofs/CLAIMS.md: no '" + open + "' marker after the previous claim");
    const std::size_t e = md.find(close, b);
    if (e == std::string::npos) throw InputError("proofs/CLAIMS.md: no '" + close + "' marker");
    if (md.find(open, b + 1) != std::string::npos && md.find(open, b + 1) < e)
      throw InputError("proofs/CLAIMS.md: '" + open + "' appears twice");
    out += md.substr(at, b - at) + ledger_markdown_block(c);
    at = e + close.size();
    if (at < md.size() && md[at] == '\n') ++at;
  }
  return out + md.substr(at);
}

std::vector<std::string> summary_mismatches(const std::string& md) {
  // "| S4 | short statement | `holds` | proof |"
  static const std::regex row(R"(^\| (S[0-9]+) \|[^\n]*?\| `([a-z-]+)` \|)");
  std::vector<std::string> problems;
  std::set<std::string> seen;
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    for (const Claim& c : ledger())
      if (c.id == m[1]) {
        seen.insert(c.id);
        if (c.stated != m[2])
          problems.push_back("summary row " + c.id + " says `" + m[2].str() + "`, the ledger `" +
                             c.stated + "`");
      }
  }
  for (const Claim& c : ledger())
    if (!seen.count(c.id)) problems.push_back("no summary row for " + c.id);
  return problems;
}

}  // namespace posprop
