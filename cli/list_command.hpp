// `posprop list [--json]`: the shipped encoders and the linked properties.
#pragma once

#include "args.hpp"

#include <ostream>

namespace posprop::cli {

/// Writes the listing (readable text, or JSON with --json) to `out`; returns the exit code.
int run_list(const ListArgs& args, std::ostream& out);

}  // namespace posprop::cli
