// `posprop check --md FILE`: the verdict matrix as a Markdown table, its legend, and the
// counterexamples / unexpected verdicts.
#pragma once

#include "matrix.hpp"

#include <ostream>

namespace posprop::cli {

void write_markdown(std::ostream& out, const Matrix& matrix);

}  // namespace posprop::cli
