// Tolerances of one golden-vector case for a pair-rotating encoder (proofs/golden_vectors.md
// section 2, from the pair bounds of proofs/pair_bounds.md section 4): what an admitted fp32 /
// fp64 implementation's outputs may differ from the printed 100-digit reference, pair by pair,
// in 2-norm, for the score, and for the pair magnitudes.
#pragma once

#include "posprop/encoder.hpp"

#include <vector>

namespace posprop::bounds {

/// Relative errors of printed decimals: the reference (`digits` significant digits: 6e-digits)
/// and the implementation's own outputs (9 digits for fp32: 5e-9; 17 digits for fp64: 0, they
/// round-trip).
struct Printing {
  double reference = 0;
  double outputs = 0;
};

struct VectorTolerance {
  double q = 0, k = 0;                   // ||q_out - reference||_2, ||k_out - reference||_2
  double score = 0;                      // |q_out(p) . k_out(p0) - score|
  std::vector<double> q_pairs, k_pairs;  // ||q_out_k - reference_k||_2 per pair (so per coordinate)
  double pass_through = 0;  // relative, |out_i - x_i| <= pass_through |x_i| for i >= rotary_dim
  double magnitude = 0;     // relative: | ||out_k|| - c ||x_k|| | <= magnitude c ||x_k||
};

struct VectorCase {
  const std::vector<double>* q = nullptr;
  const std::vector<double>* k = nullptr;
  double position = 0, key_position = 0;
};

/// `exact`: the structure at high precision (w_k, c); `model`: the implementation's profile
/// (implementation_profile) with unit roundoff u; `reference`: the profile of posprop's own
/// encoder that computed the reference, with unit roundoff u_reference.
VectorTolerance vector_tolerance(const RotaryStructure& exact, const PairProfile& model, double u,
                                 const PairProfile& reference, double u_reference,
                                 const VectorCase& c, const Printing& printing);

}  // namespace posprop::bounds
