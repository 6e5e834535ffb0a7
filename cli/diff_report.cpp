#include "diff_report.hpp"

#include "json_io.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <ostream>

namespace posprop::cli {

bool DiffRun::differs() const {
  for (const diff::Comparison& c : comparisons)
    if (c.differs()) return true;
  return false;
}

namespace {

/// "9-17" / "3, 7-9" for a sorted list of pair indices.
std::string ranges(const std::vector<Index>& pairs) {
  std::string out;
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    while (j + 1 < pairs.size() && pairs[j + 1] == pairs[j] + 1) ++j;
    out += (out.empty() ? "" : ", ") + std::to_string(pairs[i]) +
           (j > i ? "-" + std::to_string(pairs[j]) : "");
    i = j + 1;
  }
  return out;
}

std::vector<Index> differing_pairs(const diff::Comparison& c) {
  std::vector<Index> out;
  for (const diff::PairCase& p : c.cases) out.push_back(p.pair);
  return out;
}

/// The parameters whose values differ between the sides (keys of either).
std::vector<std::array<std::string, 3>> parameter_differences(const DiffRun& run) {
  std::map<std::string, std::pair<std::string, std::string>> all;
  for (const auto& [k, v] : run.params_a.values()) all[k].first = v;
  for (const auto& [k, v] : run.params_b.values()) all[k].second = v;
  std::vector<std::array<std::string, 3>> out;
  for (const auto& [k, v] : all)
    if (v.first != v.second)
      out.push_back({k, v.first.empty() ? "-" : v.first, v.second.empty() ? "-" : v.second});
  return out;
}

/// The case with the smallest first position (then head_dim, then pair).
const diff::PairCase* minimal_case(const DiffRun& run, Index& head_dim) {
  const diff::PairCase* best = nullptr;
  for (const diff::Comparison& c : run.comparisons) {
    for (const diff::PairCase& p : c.cases) {
      if (!best || p.first_position < best->first_position) {
        best = &p;
        head_dim = c.head_dim;
      }
    }
  }
  return best;
}

void print_cases(std::ostream& out, const diff::Comparison& c) {
  out << fmt::format(
      "  {:>4}  {:>12}  {:>12}  {:>10}  {:>9}  {:>8}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}\n", "pair",
      "w_A", "w_B", "w_B/w_A-1", "differs", "agrees", "positions", "worst at", "|A-B|", "relative",
      "x tol");
  for (const diff::PairCase& p : c.cases) {
    const std::string agrees = p.agrees_at < 0 ? "-" : fmt::format("{:.0f}", p.agrees_at);
    out << fmt::format(
        "  {:>4}  {:>12.6e}  {:>12.6e}  {:>+9.4f}%  {:>9.0f}  {:>8}  {:>4}/{:<4}  {:>9.0f}  "
        "{:>9.3e}  "
        "{:>9.3e}  {:>9.3g}\n",
        p.pair, p.angle_a, p.angle_b, 100 * (p.angle_b / p.angle_a - 1), p.first_position, agrees,
        p.differing_positions, c.positions.size(), p.worst_position, p.absolute, p.relative,
        p.absolute / p.tolerance);
  }
}

}  // namespace

void print_diff_text(std::ostream& out, const DiffRun& run) {
  const char* format = precision::format(run.format).name;
  out << "posprop diff " << run.a.text << " " << run.b.text << " (" << format
      << " tolerances, proofs/conventions.md)\n";
  for (const Operand* o : {&run.a, &run.b}) {
    out << "  " << (o == &run.a ? "A" : "B") << ": " << o->describe() << "\n";
    if (o->convention->id != ConventionId::transformers)
      out << "     " << o->convention->name << ": " << o->convention->summary << "\n";
  }
  for (const auto& d : parameter_differences(run))
    out << "  parameter " << d[0] << ": " << d[1] << " (A), " << d[2] << " (B)\n";
  out << "  a pair differs at a position when |A - B| > tol_A + tol_B, the " << format
      << " error bounds of both\n    (per unit input; w = the angle at position 1)\n";
  for (const auto& [dim, why] : run.skipped)
    out << "\nhead_dim " << dim << ": skipped (" << why << ")\n";
  for (const diff::Comparison& c : run.comparisons) {
    out << "\nhead_dim " << c.head_dim << ": ";
    if (!c.structure.empty()) {
      out << "DIFFER in structure:";
      for (const diff::StructureCase& s : c.structure)
        out << " " << s.what << " " << s.a << " (A), " << s.b << " (B);";
      out << " the maps act on different coordinates\n";
      continue;
    }
    out << fmt::format(
        "{} pairs, {} positions {:.0f} .. {:.0f}; attention factor {:.9g} (A), "
        "{:.9g} (B)\n",
        c.pairs, c.positions.size(), c.positions.front(), c.positions.back(), c.magnitude_a,
        c.magnitude_b);
    if (c.cases.empty()) {
      out << fmt::format("  agree: largest |A - B| / (tol_A + tol_B) = {:.3g}\n", c.worst_ratio);
      continue;
    }
    out << "  DIFFER in " << c.cases.size() << " of " << c.pairs << " pairs ("
        << ranges(differing_pairs(c)) << ")\n";
    print_cases(out, c);
  }
  Index dim = 0;
  if (const diff::PairCase* m = minimal_case(run, dim)) {
    out << fmt::format("\nminimal case: head_dim {}, pair {}, position {:.0f}", dim, m->pair,
                       m->first_position);
    if (m->agrees_at >= 0) out << fmt::format(" (agrees at {:.0f})", m->agrees_at);
    out << "\n";
  }
  out << "\n"
      << (run.differs() ? "DIFFER" : "AGREE") << ": " << run.a.text << " vs " << run.b.text
      << (run.differs() ? " disagree beyond tolerance" : ": every pair within tolerance") << "\n";
}

void print_diff_json(std::ostream& out, const DiffRun& run) {
  const auto side = [](const Operand& o, const Params& p) {
    Json params = Json::object();
    for (const auto& [k, v] : p.values()) params[k] = v;
    return Json{{"operand", o.text},
                {"kind", o.kind},
                {"source", o.source},
                {"encoder", o.entry->name},
                {"convention", o.convention->name},
                {"params", params}};
  };
  Json diffs = Json::array();
  for (const auto& d : parameter_differences(run))
    diffs.push_back({{"key", d[0]}, {"a", d[1]}, {"b", d[2]}});
  Json configurations = Json::array();
  for (const diff::Comparison& c : run.comparisons) {
    Json structure = Json::array(), cases = Json::array(), positions = Json::array();
    for (const diff::StructureCase& s : c.structure)
      structure.push_back({{"what", s.what}, {"a", s.a}, {"b", s.b}});
    for (double p : c.positions) positions.push_back(json_number(p));
    for (const diff::PairCase& p : c.cases) {
      cases.push_back({{"pair", p.pair},
                       {"angle_at_1_a", json_number(p.angle_a)},
                       {"angle_at_1_b", json_number(p.angle_b)},
                       {"frequency_relative", json_number(p.angle_b / p.angle_a - 1)},
                       {"first_position", json_number(p.first_position)},
                       {"agrees_at", p.agrees_at < 0 ? Json() : json_number(p.agrees_at)},
                       {"differing_positions", p.differing_positions},
                       {"worst",
                        {{"position", json_number(p.worst_position)},
                         {"absolute", json_number(p.absolute)},
                         {"relative", json_number(p.relative)},
                         {"tolerance", json_number(p.tolerance)},
                         {"ratio", json_number(p.absolute / p.tolerance)}}}});
    }
    configurations.push_back({{"head_dim", c.head_dim},
                              {"pairs", c.pairs},
                              {"attention_factor_a", json_number(c.magnitude_a)},
                              {"attention_factor_b", json_number(c.magnitude_b)},
                              {"verdict", c.differs() ? "differ" : "agree"},
                              {"structure", structure},
                              {"differing_pairs", differing_pairs(c)},
                              {"worst_ratio", json_number(c.worst_ratio)},
                              {"positions", positions},
                              {"cases", cases}});
  }
  Json skipped = Json::array();
  for (const auto& [dim, why] : run.skipped)
    skipped.push_back({{"head_dim", dim}, {"reason", why}});
  Index dim = 0;
  Json minimal;
  if (const diff::PairCase* m = minimal_case(run, dim)) {
    minimal = {{"head_dim", dim},
               {"pair", m->pair},
               {"position", json_number(m->first_position)},
               {"agrees_at", m->agrees_at < 0 ? Json() : json_number(m->agrees_at)}};
  }
  const Json doc = {{"format", "posprop-diff"},
                    {"version", 1},
                    {"precision", precision::format(run.format).name},
                    {"criterion", "a pair differs at a position iff |z_A - z_B| > r_A + r_B"},
                    {"proof", "proofs/conventions.md"},
                    {"verdict", run.differs() ? "differ" : "agree"},
                    {"a", side(run.a, run.params_a)},
                    {"b", side(run.b, run.params_b)},
                    {"parameter_differences", diffs},
                    {"configurations", configurations},
                    {"skipped", skipped},
                    {"minimal", minimal}};
  out << dump_document(doc);
}

}  // namespace posprop::cli
