#include "junit_writer.hpp"

#include "support/cell_report.hpp"
#include "text_escape.hpp"

#include <fmt/format.h>

#include <string>

namespace posprop::cli {
namespace {

std::string seconds(double s) {
  return fmt::format("{:.3f}", s);
}

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + xml_escape(value) + "\"";
}

std::string report(const Matrix& m, const MatrixCell& cell) {
  std::string text = describe_cell(cell.result, m.rerun_command(cell));
  if (!cell.result.counterexample) text += "  re-run: " + m.rerun_command(cell) + "\n";
  return text;
}

}  // namespace

void write_junit(std::ostream& out, const Matrix& m) {
  // JUnit: <error> = the test could not run (a plugin crashed, a check threw), <failure> = it
  // ran and the verdict differs from the expectation; each counted in its attribute.
  std::size_t failures = 0, errors = 0;
  double total = 0;
  for (const MatrixCell& c : m.cells) {
    const bool error = c.applicable && c.status() == CellStatus::error;
    errors += error;
    failures += !c.as_expected() && !error;
    total += c.seconds;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuite" << attr("name", "posprop check")
      << attr("tests", std::to_string(m.applicable_count()))
      << attr("failures", std::to_string(failures)) << attr("errors", std::to_string(errors))
      << attr("skipped", "0") << attr("time", seconds(total)) << ">\n"
      << "  <properties>\n"
      << "    <property" << attr("name", "seed") << attr("value", std::to_string(m.seed)) << "/>\n"
      << "    <property" << attr("name", "cases") << attr("value", std::to_string(m.cases))
      << "/>\n"
      << "    <property" << attr("name", "precision") << attr("value", precision_name(m.hp_digits))
      << "/>\n"
      << "  </properties>\n";
  for (const MatrixCell& cell : m.cells) {
    if (!cell.applicable) continue;
    out << "  <testcase" << attr("classname", cell.property->info().id)
        << attr("name", cell.encoder->name) << attr("time", seconds(cell.seconds));
    if (!cell.as_expected()) {
      const std::string status = label(cell.status());
      const char* element = cell.status() == CellStatus::error ? "error" : "failure";
      out << ">\n    <" << element << attr("type", status)
          << attr("message", status + ": expected " + to_string(cell.result.expected) +
                                 ", verdict " + to_string(cell.result.verdict))
          << ">" << xml_escape(report(m, cell)) << "</" << element << ">\n  </testcase>\n";
    } else if (cell.result.counterexample) {
      out << ">\n    <system-out>" << xml_escape(report(m, cell))
          << "</system-out>\n  </testcase>\n";
    } else {
      out << "/>\n";
    }
  }
  out << "</testsuite>\n";
}

}  // namespace posprop::cli
