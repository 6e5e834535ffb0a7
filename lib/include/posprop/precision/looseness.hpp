// Looseness of the component-resolved tolerances (proofs/pair_bounds.md section 6): for an
// emulated correct path (fp64-angles, fp32-angles, ggml-cpu, ggml-cuda), the actual error of
// RoPE's output per pair and in 2-norm against the 100-digit map, next to the tolerance of a
// correct implementation in the path's format. tolerance / error > 1 everywhere is soundness on
// that input; its size is the looseness.
#pragma once

#include "posprop/precision/path.hpp"

#include <vector>

namespace posprop::precision {

struct LoosenessRow {
  double position = 0;
  double error = 0, tolerance = 0;  // 2-norm of the output error, and its bound
  std::vector<double> pair_error, pair_tolerance;
  /// max_k pair_error / pair_tolerance (<= 1: sound on this input), and the 2-norm ratio
  /// tolerance / error (the looseness; infinite when the output is exact).
  double worst_pair_ratio() const;
  double looseness() const;
};

/// RoPE (half-split, rotary_dim = head_dim) applied by `path` to the fixed probe vector of
/// precision/measure.hpp, at each position. InputError for a path whose format has no
/// implementation model (fp16, bf16) or that is not a correct path.
std::vector<LoosenessRow> looseness(const PathSpec& path, const PhaseSetup& setup,
                                    const std::vector<double>& positions);

/// Positions 2^0, 2^e - 1 and 2^e + 1 for e = 1 .. max_exponent (2^e instead of 2^e + 1 from
/// e = 24 on: exact in fp32).
std::vector<double> looseness_positions(int max_exponent);

}  // namespace posprop::precision
