#include "check_json.hpp"

#include "coverage_json.hpp"
#include "json_io.hpp"

namespace posprop::cli {
namespace {

/// The counterexample's generated values as one string ("input" alone is shown bare).
std::string input_text(const Counterexample& cx) {
  if (cx.values.size() == 1 && cx.values[0].first == "input") return cx.values[0].second;
  std::string out;
  for (const auto& [name, value] : cx.values)
    out += (out.empty() ? "" : "; ") + name + " = " + value;
  return out;
}

Json counterexample_json(const Counterexample& cx) {
  return {{"input", input_text(cx)},
          {"residual_double", json_number(cx.at_double.residual)},
          {"tolerance_double", json_number(cx.at_double.tolerance)},
          {"residual_hp50", json_number(cx.at_hp50.residual)},
          {"tolerance_hp50", json_number(cx.at_hp50.tolerance)},
          {"residual_hp100", json_number(cx.at_hp100.residual)},
          {"tolerance_hp100", json_number(cx.at_hp100.tolerance)},
          {"structural", cx.structural},
          {"ladder_stable", cx.ladder_stable},
          {"residual_lower_bound", json_number(cx.residual_lower_bound)},
          {"certified", cx.certified},
          {"found_by", cx.origin}};
}

Json cell_json(const Matrix& m, const MatrixCell& cell) {
  const CellResult& r = cell.result;
  return {{"encoder", cell.encoder->name},
          {"property", cell.property->info().id},
          {"expected", to_string(r.expected)},
          {"verdict", to_string(r.verdict)},
          {"as_expected", r.as_expected()},
          {"status", label(cell.status())},
          {"cases", r.cases},
          {"max_residual_double", json_number(r.max_residual_double)},
          {"max_residual_hp", json_number(r.max_residual_hp)},
          {"counterexample", r.counterexample ? counterexample_json(*r.counterexample) : Json()},
          {"reproduce", m.reproduce_command(cell)},
          {"message", r.message},
          {"coverage", coverage_json(r.coverage)},
          {"seconds", json_number(cell.seconds)}};
}

}  // namespace

void write_json(std::ostream& out, const Matrix& m) {
  Json cells = Json::array();
  for (const MatrixCell& cell : m.cells)
    if (cell.applicable) cells.push_back(cell_json(m, cell));
  const Json doc = {{"seed", m.seed},
                    {"cases", m.cases},
                    {"precision", precision_name(m.hp_digits)},
                    {"as_expected", m.all_as_expected()},
                    {"cells", std::move(cells)},
                    {"independence", independence_json(m)}};
  out << dump_document(doc);
}

}  // namespace posprop::cli
