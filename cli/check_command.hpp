// `posprop check`: selects the cells, runs them, prints the matrix and the counterexamples,
// writes the requested reports, and returns the exit code (0 all as expected, 1 otherwise).
#pragma once

#include "args.hpp"

namespace posprop::cli {

/// Throws InputError for input problems (exit code 2).
int run_check(const CheckArgs& args);

}  // namespace posprop::cli
