// The pictures of the claims ledger (proofs/CLAIMS.md, "Figures"), written as SVG files.
#pragma once

#include <string>
#include <vector>

namespace posprop {

/// Writes rope_scores.svg, sinpe_scores.svg and sinpe_wavelengths.svg into `directory` (created
/// if missing); returns the paths written. Throws InputError if the directory is not writable.
std::vector<std::string> write_figures(const std::string& directory);

/// Largest |S(i, j) - S(i + 1, j + 1)| over the grid of the score figure for an encoder name
/// ("rope" or "sinusoidal"): 0 up to rounding for a Toeplitz (relative) score matrix.
double score_grid_diagonal_spread(const std::string& encoder);

}  // namespace posprop
