// The human-readable report of `posprop check`: the verdict matrix (property columns numbered,
// wrapped to stay within 120 columns), its legend, a summary line, and the account of every
// cell with a counterexample or an unexpected verdict.
#pragma once

#include "matrix.hpp"

#include <ostream>

namespace posprop::cli {

void print_matrix(std::ostream& out, const Matrix& matrix);
void print_details(std::ostream& out, const Matrix& matrix);
/// "34 cells: 27 holds, 7 xfail found, ... -- all as expected"
std::string summary_line(const Matrix& matrix);

}  // namespace posprop::cli
