// Coverage and independence in the outputs of `posprop check` (issue 12): what each cell
// exercised, a one-line summary per real shape, and the properties whose verdict rows are
// identical.
#pragma once

#include "json_io.hpp"
#include "matrix.hpp"

#include <ostream>
#include <string>

namespace posprop::cli {

/// {"random_cases":..,"boundary_cases":..,"boundary_total":..,"dims":[..],"min_dim":..,
///  "max_dim":..,"positions":{"min":..,"max":..,"reached_2_20":..}|null,
///  "params":{"factor":{"min":..,"max":..},..}}
Json coverage_json(const Coverage& c);

/// {"identical_rows":[["p1","p2"],..],"only_failing":{"property":["encoder",..],..}} over the
/// applicable cells of the matrix.
Json independence_json(const Matrix& m);

/// One line: in how many cells whose encoder admits them d = 128, d = 256 and positions >= 2^20
/// were reached.
void print_coverage(std::ostream& out, const Matrix& m);

}  // namespace posprop::cli
