// The pictures of the claims ledger (proofs/CLAIMS.md, "Figures"), as SVG documents (the
// posprop command writes them, see cli/output_files.hpp).
#pragma once

#include <string>
#include <vector>

namespace posprop {

struct Figure {
  std::string file_name;  // rope_scores.svg, sinpe_scores.svg, sinpe_wavelengths.svg
  std::string svg;
};

/// The ledger's figures, in that order.
std::vector<Figure> figures();

/// Largest |S(i, j) - S(i + 1, j + 1)| over the grid of the score figure for an encoder name
/// ("rope" or "sinusoidal"): 0 up to rounding for a Toeplitz (relative) score matrix.
double score_grid_diagonal_spread(const std::string& encoder);

}  // namespace posprop
