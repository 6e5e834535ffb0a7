#include "matrix_table.hpp"

#include "support/cell_report.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace posprop::cli {
namespace {

constexpr std::size_t kMaxWidth = 120;
constexpr std::size_t kGap = 2;

std::string padded(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string column_header(std::size_t col) {
  return "[" + std::to_string(col + 1) + "]";
}

/// Each column is as wide as its header or its widest cell.
std::vector<std::size_t> column_widths(const Matrix& m) {
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < m.properties.size(); ++c) {
    std::size_t w = column_header(c).size();
    for (std::size_t r = 0; r < m.encoders.size(); ++r) {
      w = std::max(w, std::string(label(m.at(r, c).status())).size());
    }
    widths.push_back(w);
  }
  return widths;
}

void print_block(std::ostream& out, const Matrix& m, std::size_t first, std::size_t last,
                 std::size_t row_width, const std::vector<std::size_t>& widths) {
  const auto print_row = [&](const std::string& head, auto cell_text) {
    std::string line = padded(head, row_width);
    for (std::size_t c = first; c < last; ++c) {
      line += std::string(kGap, ' ') + padded(cell_text(c), widths[c]);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
  };
  print_row("encoder", [](std::size_t c) { return column_header(c); });
  for (std::size_t r = 0; r < m.encoders.size(); ++r) {
    print_row(m.encoders[r]->name,
              [&](std::size_t c) { return std::string(label(m.at(r, c).status())); });
  }
}

}  // namespace

std::string summary_line(const Matrix& m) {
  const std::size_t n = m.applicable_count();
  std::string line = std::to_string(n) + (n == 1 ? " cell: " : " cells: ");
  bool first = true;
  for (const CellStatus s : kAllStatuses) {
    if (s == CellStatus::not_applicable) continue;
    line += (first ? "" : ", ") + std::to_string(m.count(s)) + " " + label(s);
    first = false;
  }
  std::size_t unexpected = 0;
  for (const MatrixCell& c : m.cells) unexpected += !c.as_expected();
  line += unexpected == 0 ? " -- all as expected"
                          : " -- " + std::to_string(unexpected) + " NOT as expected";
  return line;
}

void print_matrix(std::ostream& out, const Matrix& m) {
  out << "posprop check: " << m.encoders.size() << " encoder(s) x " << m.properties.size()
      << " property(ies), seed " << m.seed << ", " << m.cases << " case(s) per cell, precision "
      << precision_name(m.hp_digits) << "\n\n";

  std::size_t row_width = std::string("encoder").size();
  for (const EncoderEntry* e : m.encoders) row_width = std::max(row_width, e->name.size());
  const std::vector<std::size_t> widths = column_widths(m);
  // Wrap the property columns into blocks that fit in kMaxWidth.
  std::size_t first = 0;
  while (first < widths.size()) {
    std::size_t last = first, width = row_width;
    while (last < widths.size() && (last == first || width + kGap + widths[last] <= kMaxWidth)) {
      width += kGap + widths[last++];
    }
    if (first > 0) out << '\n';
    print_block(out, m, first, last, row_width, widths);
    first = last;
  }

  out << "\nproperties:\n";
  for (std::size_t c = 0; c < m.properties.size(); ++c) {
    out << "  " << padded(column_header(c), 5) << m.properties[c]->info().id << '\n';
  }
  out << "cells:\n";
  for (const CellStatus s : kAllStatuses) {
    out << "  " << padded(label(s), 13) << meaning(s) << '\n';
  }
  out << '\n' << summary_line(m) << '\n';
}

void print_details(std::ostream& out, const Matrix& m) {
  bool any = false;
  for (const MatrixCell& cell : m.cells) {
    if (!cell.noteworthy()) continue;
    if (!any) out << "\ncounterexamples and unexpected verdicts:\n";
    any = true;
    out << "\n[" << label(cell.status()) << "] "
        << describe_cell(cell.result, m.rerun_command(cell));
    if (!cell.result.counterexample) out << "  re-run: " << m.rerun_command(cell) << '\n';
  }
}

}  // namespace posprop::cli
