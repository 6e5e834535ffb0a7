// The verdict matrix of `posprop check`: which (encoder, property) cells were selected by the
// globs, how each one came out, and the classification shown in every report.
#pragma once

#include "args.hpp"
#include "support/property.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace posprop::cli {

/// What a cell shows: holds, FAILS, xfail found, MISSED, ERROR or n.a.
enum class CellStatus { holds, fails, xfail_found, missed, error, not_applicable };
const char* label(CellStatus status);
/// One line explaining a label (legend of the reports).
const char* meaning(CellStatus status);
constexpr CellStatus kAllStatuses[] = {CellStatus::holds, CellStatus::xfail_found,
                                       CellStatus::fails, CellStatus::missed,
                                       CellStatus::error, CellStatus::not_applicable};

struct MatrixCell {
  const EncoderEntry* encoder = nullptr;
  const Property* property = nullptr;
  bool applicable = false;
  CellResult result;   // meaningful when applicable
  double seconds = 0;  // wall time of the check
  CellStatus status() const;
  /// The RapidCheck / CTest id: "<property-id>/<encoder-name>".
  std::string test_id() const;
  bool as_expected() const { return !applicable || result.as_expected(); }
  /// A counterexample or a verdict that differs from its expectation: worth a report.
  bool noteworthy() const { return applicable && (result.counterexample || !as_expected()); }
};

struct Matrix {
  /// The parameters in force (RC_PARAMS seed= / max_success= win over --seed / --cases).
  std::uint64_t seed = 0;
  int cases = 0;
  int hp_digits = 50;
  /// Worker processes (--jobs; by default one per CPU, at most 8; 1 with --plugin: a plugin's
  /// worker process serves one caller).
  int jobs = 1;
  std::string source_flags;  // "--model NAME" when the row comes from a config (rerun commands)
  std::vector<const EncoderEntry*> encoders;  // rows
  std::vector<const Property*> properties;    // columns
  std::vector<MatrixCell> cells;              // row-major, encoders x properties

  const MatrixCell& at(std::size_t row, std::size_t col) const {
    return cells[row * properties.size() + col];
  }
  std::size_t count(CellStatus status) const;
  std::size_t applicable_count() const;
  bool all_as_expected() const;

  /// `posprop check` flags that re-run exactly this cell with the same parameters.
  std::string rerun_command(const MatrixCell& cell) const;
  /// RC_PARAMS="reproduce=..." + rerun_command for a random counterexample; rerun_command for a
  /// boundary one and for a MISSED or ERROR cell; empty for an as-expected cell without one.
  std::string reproduce_command(const MatrixCell& cell) const;
};

/// Selects the cells; throws InputError when a glob matches nothing or no pair applies.
Matrix select_matrix(const CheckArgs& args);

/// Checks one cell in this process (an exception in the check becomes an ERROR result).
CellResult check_cell(const Matrix& matrix, const MatrixCell& cell);
/// The result of a cell that could not be checked: verdict error, `message` saying why.
CellResult error_result(const MatrixCell& cell, const std::string& message);

/// Runs every applicable cell, on `matrix.jobs` worker processes when more than one
/// (matrix_workers.cpp: the same results as in one process). Progress is called as each cell's
/// result arrives.
using Progress = std::function<void(std::size_t done, std::size_t total, const MatrixCell&)>;
void run_matrix(Matrix& matrix, const Progress& progress);
void run_matrix_in_workers(Matrix& matrix, const Progress& progress, int jobs);

}  // namespace posprop::cli
