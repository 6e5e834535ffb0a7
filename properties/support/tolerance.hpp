// A-priori error bounds (proofs/tolerances.md derives each one). All bounds are evaluated in
// double; u is the unit roundoff of the scalar type the residual was computed in.
#pragma once

#include "posprop/encoder.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::tol {

/// gamma_n = n u / (1 - n u) (Higham, Accuracy and Stability, Lemma 3.1).
inline double gamma(double n, double u) { return n * u / (1.0 - n * u); }

/// |fl(p theta_k) - p theta_k| <= |p| w_max (kappa + 1) u, kappa = frequency_error_units.
inline double angle_error(const ErrorProfile& e, double pos, double u) {
  return std::fabs(pos) * e.max_frequency * (e.frequency_error_units + 1.0) * u;
}

/// Entrywise error of a computed map A(p), of a position vector p(pos) or of one cos/sin value:
/// angle error + 2u for cos/sin (< 1 ulp), times (1 + passes) for a dense basis change
/// Q R Q^T, whose entries sum 2d products each (proofs/tolerances.md, section 2).
inline double entry_error(const ErrorProfile& e, double pos, double u) {
  const double trig = angle_error(e, pos, u) + 2.0 * u;
  if (e.basis_passes == 0) return trig;
  return (1.0 + e.basis_passes) * (trig + gamma(e.basis_passes + 8.0, u));
}

/// ||A(p)||_2 <= map_norm exp(growth_rate |p|) (1 for rotations).
inline double map_norm(const ErrorProfile& e, double pos) {
  return e.map_norm * std::exp(e.growth_rate * std::fabs(pos));
}

/// ||fl(A(p) x) - A(p) x||_2 <= apply_error * ||x||_2 (any evaluation order). For maps that are
/// not rotations the bound is relative to ||A(p)||, and a scale computed as pow(zeta, p / s) adds
/// (growth |p| + 2) u relatively (proofs/tolerances.md, section 2).
inline double apply_error(const ErrorProfile& e, double dim, double pos, double u) {
  const double scale_error = e.growth_rate > 0 ? (e.growth_rate * std::fabs(pos) + 2.0) * u : 0.0;
  return map_norm(e, pos) * (dim * entry_error(e, pos, u) + gamma(dim, u) + scale_error);
}

/// Bound on |fl(S(i, j)) - S(i, j)| for attention_logit(), with m_i = || |W_q| (|e_i| + P) ||_2
/// and m_j likewise (P = position_magnitude): proofs/tolerances.md, section 3.
inline double score_error(const ErrorProfile& e, double dim, double i, double j, double m_i,
                          double m_j, double u) {
  const double a_i = apply_error(e, dim, i, u) + gamma(dim + 1, u);
  const double a_j = apply_error(e, dim, j, u) + gamma(dim + 1, u);
  const double bias = e.position_magnitude * (2.0 * entry_error(e, std::max(std::fabs(i), std::fabs(j)), u) +
                                              gamma(dim, u));
  const double norms = map_norm(e, i) * map_norm(e, j);
  return m_i * m_j * (a_i * map_norm(e, j) + a_j * map_norm(e, i) + a_i * a_j + norms * gamma(dim, u)) +
         bias;
}

}  // namespace posprop::tol
