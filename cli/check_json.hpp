// `posprop check --json FILE`: the results in the machine-readable shape of DESIGN.md section 5.
#pragma once

#include "matrix.hpp"

#include <ostream>

namespace posprop::cli {

void write_json(std::ostream& out, const Matrix& matrix);

}  // namespace posprop::cli
