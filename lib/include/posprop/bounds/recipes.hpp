// The model of "a correct implementation" of a RoPE-family encoder (proofs/pair_bounds.md,
// section 3): the published recipes for its inverse frequencies, angles and attention factor,
// each transcribed operation by operation and evaluated with running error bounds (Tracked) in
// the implementation's format. An implementation is admitted when its angle of pair k at every
// exact position p is within |p| w_k angle[k] of p w_k, and its attention factor within
// c attention of c, for the budget of SOME admitted recipe -- in particular every recipe below,
// in fp32 or fp64, with elementary functions within 1 ulp (CPU libraries) or 2 ulps (CUDA).
//
// Admitted recipes (sources):
//   transformers  modeling_rope_utils.py: inv_freq = 1 / (base ** (arange(0, d, 2).float() /
//                 d)) and the rope_scaling variants built on it; angle = inv_freq * pos in the
//                 format; Python scalars (factors, YaRN's correction range, attention factor) in
//                 double; pow, sin, cos within 2 ulps (CUDA) or 1 ulp (CPU).
//   ggml-cpu      llama.cpp ggml/src/ggml-cpu/ops.cpp ggml_rope_cache_init / rope_yarn:
//                 theta_scale = powf(base, -2.0f/n_dims), theta *= theta_scale per pair, then
//                 freq_scale / ext_factor / freq_factors; powf within 1 ulp.
//   ggml-cuda     llama.cpp ggml/src/ggml-cuda/rope.cu: theta = pos * powf(theta_scale, i0/2)
//                 with IEEE powf, sinf, cosf (2 ulps). NOT admitted: ggml's default CUDA build
//                 with -use_fast_math (__powf, __sinf, __cosf have no documented error bound
//                 outside [-pi, pi]).
// Rejected (outside every budget, by construction): inverse frequencies, positions or cos/sin
// tables held in bf16 or fp16; angles formed in a narrower format than claimed.
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/precision/format.hpp"

#include <string>
#include <vector>

namespace posprop::bounds {

/// One recipe's error budget in one format: |angle_k(p) - p w_k| <= |p| w_k angle[k] for every
/// exact position p, and |c_hat - c| <= c attention for the attention factor as applied.
struct RecipeBudget {
  std::string name;  // "transformers", "ggml-cpu", "ggml-cuda"
  std::vector<double> angle;
  double attention = 0;
  /// Decisions (floor / ceil / band edges) this configuration leaves to rounding; a recipe with
  /// an ambiguous decision computes a different function and is not admitted for it.
  std::vector<std::string> ambiguous;
};

/// Every recipe that implements `formula` (transformers always; ggml CPU and CUDA where llama.cpp
/// implements the family), evaluated in `format` (fp32 or fp64; InputError otherwise).
std::vector<RecipeBudget> recipe_budgets(const RotaryStructure& formula,
                                         precision::FormatId format);

/// The model's budget: per pair the largest angle budget of the admitted recipes (those without
/// an ambiguous decision), and likewise for the attention factor. InputError if no recipe is
/// admitted (e.g. a YaRN correction range that sits on a floor/ceil boundary).
RecipeBudget admitted_budget(const RotaryStructure& formula, precision::FormatId format);

}  // namespace posprop::bounds
