#include "json_writer.hpp"

#include "coverage_json.hpp"
#include "text_escape.hpp"

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

std::string counterexample_json(const Counterexample& cx) {
  return "{\"input\": " + json_string(input_text(cx)) +
         ", \"residual_double\": " + json_number(cx.at_double.residual) +
         ", \"tolerance_double\": " + json_number(cx.at_double.tolerance) +
         ", \"residual_hp50\": " + json_number(cx.at_hp50.residual) +
         ", \"tolerance_hp50\": " + json_number(cx.at_hp50.tolerance) +
         ", \"residual_hp100\": " + json_number(cx.at_hp100.residual) +
         ", \"tolerance_hp100\": " + json_number(cx.at_hp100.tolerance) +
         ", \"structural\": " + json_bool(cx.structural) +
         ", \"ladder_stable\": " + json_bool(cx.ladder_stable) +
         ", \"residual_lower_bound\": " + json_number(cx.residual_lower_bound) +
         ", \"certified\": " + json_bool(cx.certified) +
         ", \"found_by\": " + json_string(cx.origin) + "}";
}

void write_cell(std::ostream& out, const Matrix& m, const MatrixCell& cell) {
  const CellResult& r = cell.result;
  out << "{\"encoder\": " << json_string(cell.encoder->name)
      << ", \"property\": " << json_string(cell.property->info().id)
      << ", \"expected\": " << json_string(to_string(r.expected))
      << ", \"verdict\": " << json_string(to_string(r.verdict))
      << ", \"as_expected\": " << json_bool(r.as_expected())
      << ", \"status\": " << json_string(label(cell.status())) << ", \"cases\": " << r.cases
      << ", \"max_residual_double\": " << json_number(r.max_residual_double)
      << ", \"max_residual_hp\": " << json_number(r.max_residual_hp) << ", \"counterexample\": "
      << (r.counterexample ? counterexample_json(*r.counterexample) : std::string("null"))
      << ", \"reproduce\": " << json_string(m.reproduce_command(cell))
      << ", \"message\": " << json_string(r.message)
      << ", \"coverage\": " << coverage_json(r.coverage)
      << ", \"seconds\": " << json_number(cell.seconds) << "}";
}

}  // namespace

void write_json(std::ostream& out, const Matrix& m) {
  out << "{\"seed\": " << m.seed << ", \"cases\": " << m.cases
      << ", \"precision\": " << json_string(precision_name(m.hp_digits))
      << ", \"as_expected\": " << json_bool(m.all_as_expected()) << ", \"cells\": [";
  bool first = true;
  for (const MatrixCell& cell : m.cells) {
    if (!cell.applicable) continue;
    out << (first ? "\n  " : ",\n  ");
    write_cell(out, m, cell);
    first = false;
  }
  out << "\n], \"independence\": " << independence_json(m) << "}\n";
}

}  // namespace posprop::cli
