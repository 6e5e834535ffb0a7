// Human-readable account of one (property, encoder) cell: verdict, counterexample with 17
// significant digits, residuals up the ladder, and the lines that reproduce it.
#pragma once

#include "support/property.hpp"

#include <string>

namespace posprop {

/// `test_command` is how to re-run this cell (a ctest binary + test name, or a posprop command).
std::string describe_cell(const CellResult& cell, const std::string& test_command);

/// Random cases per cell in the gate (default) tier, besides the boundary inputs. These decide
/// every expected failure on their own (meta/boundary_decides), so no verdict depends on this
/// count; the random cases guard the generators, the shrinking and the reproduce lines. The soak
/// tier runs 2000, and `posprop check` 100 by default.
constexpr int kGateCases = 20;

/// Options for one tier: gate (fixed seed, kGateCases cases) or soak (POSPROP_TIER=soak: random
/// seed unless RC_PARAMS sets one, POSPROP_SOAK_CASES cases, default 2000).
CheckOptions tier_options(const std::string& test_id);

}  // namespace posprop
