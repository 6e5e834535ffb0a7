// `posprop check --junit FILE`: one testsuite, one testcase per cell (classname = property id,
// name = encoder), a <failure> carrying the cell report when the verdict is not as expected.
#pragma once

#include "matrix.hpp"

#include <ostream>

namespace posprop::cli {

void write_junit(std::ostream& out, const Matrix& matrix);

}  // namespace posprop::cli
