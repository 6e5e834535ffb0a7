// Component-resolved error bounds of a pair-rotating map A(p) = c R(p) (proofs/pair_bounds.md
// section 4). For pair k with coordinates (a_k, b_k), input x_k = (x_a, x_b), exact output
// y_k = c R(p w_k) x_k and computed output yhat_k:
//
//   ||yhat_k - y_k||_2 <= alpha_k(p) ||x_k||_2,
//   alpha_k(p) = c [ min(Theta_k(p), 2) + eps_m + (sqrt(2) gamma_2 + [scaled] u)(1 + eps_m) ],
//   Theta_k(p) = |p| w_k angle_units_k u              (the angle error; its chord is <= this),
//   eps_m = (1 + trig u)(1 + attention u)(1 + [scaled] u) - 1   (each cos / sin entry),
//
// and the norm of each pair is preserved up to a position-independent
//   | ||yhat_k|| - c ||x_k|| | <= c [eps_m + (sqrt(2) gamma_2 + [scaled] u)(1 + eps_m)] ||x_k|| .
// Coordinates beyond the rotated ones are copied exactly. No factor of the dimension appears:
// the map is block diagonal, and each block's error is the error of its own angle.
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/precision/format.hpp"

#include <vector>

namespace posprop::bounds {

/// Evaluation margin of every bound below (double evaluation of short positive formulas and
/// the first-order nature of the recipe units; proofs/pair_bounds.md section 4).
constexpr double kPairMargin = 1 + 0x1p-30;

/// alpha_k(p) for a map of norm `norm` (= c, rounded up).
double pair_error(const PairProfile& pp, double norm, std::size_t k, double pos, double u);
/// max_k alpha_k(p): ||yhat - A(p) x|| <= this * ||x|| for every x.
double max_pair_error(const PairProfile& pp, double norm, double pos, double u);
/// max_k of the block error ||(c_hat, s_hat) - (cos, sin)(p w_k)||_2 (c = 1 maps).
double max_entry_error(const PairProfile& pp, double pos, double u);
/// Relative, position-independent: | ||yhat_k|| - c ||x_k|| | <= magnitude_error * c ||x_k||.
double magnitude_error(const PairProfile& pp, double u);

/// Relative to c^2, position-independent: |yhat . zhat - c^2 x . y| <= this c^2 ||x|| ||y|| for
/// x, y mapped at the SAME position (their angle errors are the same and cancel; Lemma 4.6).
double same_position_logit_error(const PairProfile& pp, double u);

/// ||x_k||_2 for pair k of `s`.
double pair_norm(const RotaryStructure& s, const std::vector<double>& x, Index k);
/// sqrt(sum_k alpha_k(p)^2 ||x_k||^2): the 2-norm bound for this x (pass-through exact).
double vector_error(const PairProfile& pp, const RotaryStructure& s, double norm,
                    const std::vector<double>& x, double pos, double u);

/// The profile of a correct implementation in `format` (fp32, fp64) of the encoder whose
/// structure, computed at high precision (Hp100), is `exact`: per pair the largest budget of
/// the admitted recipes of bounds/recipes.hpp, cos / sin within 2 ulps (trig_units = 4).
PairProfile implementation_profile(const RotaryStructure& exact, precision::FormatId format);

}  // namespace posprop::bounds
