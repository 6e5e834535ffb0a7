#include "markdown_writer.hpp"

#include "matrix_table.hpp"
#include "support/cell_report.hpp"
#include "text_escape.hpp"

namespace posprop::cli {
namespace {

std::string cell_text(CellStatus s) {
  const std::string l = label(s);
  const bool alarm = s == CellStatus::fails || s == CellStatus::missed || s == CellStatus::error;
  return alarm ? "**" + l + "**" : l;
}

}  // namespace

void write_markdown(std::ostream& out, const Matrix& m) {
  out << "# posprop check\n\n"
      << "Seed `" << m.seed << "`, " << m.cases << " case(s) per cell, precision "
      << precision_name(m.hp_digits) << ". " << summary_line(m) << ".\n\n";

  out << "| encoder |";
  for (std::size_t c = 0; c < m.properties.size(); ++c) out << " " << c + 1 << " |";
  out << "\n| --- |";
  for (std::size_t c = 0; c < m.properties.size(); ++c) out << " :---: |";
  out << '\n';
  for (std::size_t r = 0; r < m.encoders.size(); ++r) {
    out << "| `" << markdown_cell(m.encoders[r]->name) << "` |";
    for (std::size_t c = 0; c < m.properties.size(); ++c) {
      out << " " << cell_text(m.at(r, c).status()) << " |";
    }
    out << '\n';
  }

  out << "\nProperties:\n\n";
  for (std::size_t c = 0; c < m.properties.size(); ++c) {
    const PropertyInfo& info = m.properties[c]->info();
    out << c + 1 << ". `" << info.id << "`: " << info.statement << " (" << info.proof << ")\n";
  }
  out << "\nCells:\n\n";
  for (const CellStatus s : kAllStatuses) out << "- " << cell_text(s) << ": " << meaning(s) << '\n';

  out << "\n## Counterexamples and unexpected verdicts\n";
  bool any = false;
  for (const MatrixCell& cell : m.cells) {
    if (!cell.noteworthy()) continue;
    any = true;
    out << "\n### `" << cell.property->info().id << "` on `" << cell.encoder->name
        << "`: " << cell_text(cell.status()) << "\n\n~~~text\n"
        << describe_cell(cell.result, m.rerun_command(cell));
    if (!cell.result.counterexample) out << "  re-run: " << m.rerun_command(cell) << '\n';
    out << "~~~\n";
  }
  if (!any) out << "\nNone.\n";
}

}  // namespace posprop::cli
