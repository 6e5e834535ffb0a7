// A-priori error bounds (proofs/tolerances.md derives each one). All bounds are evaluated in
// double; u is the unit roundoff of the scalar type the residual was computed in.
//
// Contract of an encoder's ErrorProfile with these functions (tolerances.md sections 2 and 9):
// with A_0(p) an exact map of the encoder's family (the one the property's theorem is about) and
// Ahat(p) = query_map(p) / key_map(p) computed in T,
//   ||Ahat(p) - A_0(p)||_2                 <= map_error(p),
//   ||fl(Ahat(p) x) - A_0(p) x||_2         <= apply_error(p) ||x||_2   (matrix path),
//   ||apply_query/key(x, p) - A_0(p) x||_2 <= apply_error(p) ||x||_2   (fast path),
//   ||A_0(p)||_2                           <= map_norm(p).
// Each encoder's bound is proved separately (Lemmas 2.3, 2.5, 9.1-9.4); the formulas below are
// not generic statements about arbitrary maps.
#pragma once

#include "posprop/bounds/pair_bounds.hpp"
#include "posprop/encoder.hpp"

#include <algorithm>
#include <cmath>

namespace posprop::tol {

/// gamma_n = n u / (1 - n u) (Higham, Accuracy and Stability, Lemma 3.1).
inline double gamma(double n, double u) {
  return n * u / (1.0 - n * u);
}

/// |fl(p theta_k) - p theta_k| <= |p| w_max (kappa + 1) u, kappa = frequency_error_units
/// (tolerances.md Lemma 2.1). For orthogonal-power the same expression bounds the powering error
/// per unit position (section 9.4), which is not an angle error.
inline double angle_error(const ErrorProfile& e, double pos, double u) {
  if (e.pairs) {  // per pair: |p| w_k angle_units_k u (proofs/pair_bounds.md section 5)
    double worst = 0;
    for (std::size_t k = 0; k < e.pairs->frequency.size(); ++k)
      worst = std::max(worst, std::fabs(pos) * e.pairs->frequency[k] * e.pairs->angle_units[k]);
    return worst * u * bounds::kPairMargin;
  }
  return std::fabs(pos) * e.max_frequency * (e.frequency_error_units + 1.0) * u;
}

/// The same profile for a map evaluated at its own computed angles (no angle error left).
inline ErrorProfile at_computed_angles(ErrorProfile e) {
  e.max_frequency = 0;
  if (e.pairs) e.pairs->angle_units.assign(e.pairs->angle_units.size(), 0.0);
  return e;
}

/// Without a basis (basis_passes = 0): the error of one computed cos/sin value, of one table
/// entry, and (Lemma 2.2) the 2-norm error of a computed 2x2 rotation block: angle error + 2u
/// (cos/sin within one ulp). Hence, for RoPE, ||Ahat(p) - A(p)||_2 <= entry_error (Lemma 2.3).
/// With a Householder-computed Haar basis Q (basis_passes = P = 2d: rope-basis,
/// rope-then-orthogonal): (1 + P)(eps + gamma_{P+8}) is NOT a count of roundings. The dominant
/// error is the non-orthogonality of the computed Q (Lemma 2.4: zeta_d ~ 1.6 d^2.5 u), which no
/// count of products per entry sees. The formula is kept because it dominates the derived bounds
/// where it is used: d * entry_error + gamma_d >= alpha_M, alpha_A, mu (Lemmas 2.5, 9.3) for
/// every d <= 192, and the Gram check of rotation.orthogonal (d <= 32) holds with ratio >= 1.236
/// (tolerances.md section 6.1). For d > 32 entry_error alone is smaller than mu: use map_error.
inline double entry_error(const ErrorProfile& e, double pos, double u) {
  if (e.pairs && e.basis_passes == 0) return bounds::max_entry_error(*e.pairs, pos, u);
  const double trig = angle_error(e, pos, u) + 2.0 * u;
  if (e.basis_passes == 0) return trig;
  return (1.0 + e.basis_passes) * (trig + gamma(e.basis_passes + 8.0, u));
}

/// ||A(p)||_2 <= map_norm exp(growth_rate |p|) (1 for rotations).
inline double map_norm(const ErrorProfile& e, double pos) {
  return e.map_norm * std::exp(e.growth_rate * std::fabs(pos));
}

/// ||fl(Ahat(p) x) - A_0(p) x||_2 and ||apply(x, p) - A_0(p) x||_2 are <= apply_error ||x||_2.
/// The form N(p) (d entry_error + gamma_d + scale) is proved encoder by encoder, not for any
/// dense map whose entries are within entry_error: (H3) gives gamma_d || |Ahat| ||_2, up to
/// gamma_d sqrt(d) ||Ahat||_2 for a dense matrix (D5). It holds for RoPE (Lemma 2.3, at most two
/// nonzeros per row), RoPE in a basis (Lemma 2.5), xPos (9.1), RoPE then a linear map (9.2:
/// N = ||M||_F, or c for rope-scaled), RoPE then Q (9.3) and G^n (9.4), each with its own
/// margin. When growth_rate > 0 the map carries diagonal scales computed as pow(z, e) with
/// |e ln z| <= ln N(p) (xPos); their relative error is at most gamma_{2 ln N(p) + 3} (Lemma 9.1).
inline double apply_error(const ErrorProfile& e, double dim, double pos, double u) {
  // A map that is exactly c R(p) (the profile says so): block by block, Lemma 4.2 of
  // proofs/pair_bounds.md; no factor of the dimension.
  if (e.pairs && e.basis_passes == 0 && e.growth_rate == 0)
    return bounds::max_pair_error(*e.pairs, e.map_norm, pos, u);
  const double norm = map_norm(e, pos);
  const double scale_error =
      e.growth_rate > 0 ? gamma(2.0 * std::log(std::max(norm, 1.0)) + 3.0, u) : 0.0;
  return norm * (dim * entry_error(e, pos, u) + gamma(dim, u) + scale_error);
}

/// ||Ahat(p) - A_0(p)||_2 <= map_error: entry_error for plain rotations (no basis, norm 1, no
/// growth: RoPE by Lemma 2.3, orthogonal-power by Lemma 9.4), apply_error otherwise (it dominates
/// the matrix error mu of Lemmas 2.5, 9.1-9.3).
inline double map_error(const ErrorProfile& e, double dim, double pos, double u) {
  if (e.pairs && e.basis_passes == 0 && e.growth_rate == 0)
    return e.map_norm * bounds::max_entry_error(*e.pairs, pos, u);
  if (e.basis_passes == 0 && e.map_norm == 1.0 && e.growth_rate == 0.0)
    return entry_error(e, pos, u);
  return apply_error(e, dim, pos, u);
}

/// Upper bound on ||v||_2 from `computed`, the norm of v computed in a scalar of unit roundoff u
/// with n terms (Eigen norm(): a sum of n squares and a square root) and converted to double:
/// ||v|| <= computed / ((1 - gamma_{n/2+1}) (1 - 2^-53)) <= computed (1 + gamma_{n/2+2}) (1 +
/// 2^-52).
inline double norm_upper(double computed, double n, double u) {
  return computed * (1.0 + gamma(0.5 * n + 2.0, u)) * (1.0 + 0x1p-52);
}

/// Bound on |fl(b(i, j)) - b(i, j)| for a score bias with P = position_magnitude >= 2 max |b|
/// (scheme A: b = p_i . p_j, |b| <= d/2, P = d): P (2 eps_max + gamma_d) >= (d/2)[eps_i + eps_j +
/// eps_i eps_j + gamma_d (1 + eps_i)(1 + eps_j)] (Theorem 3.3; section 10.8).
inline double bias_error(const ErrorProfile& e, double dim, double i, double j, double u) {
  return e.position_magnitude *
         (2.0 * entry_error(e, std::max(std::fabs(i), std::fabs(j)), u) + gamma(dim, u));
}

/// Bound on |fl(S(i, j)) - S(i, j)| for attention_logit(), with m_i = projected_magnitude
/// (cases.hpp:
/// || |W_q| (|e_i| + P) || at the embedding site, || |W_q| |e_i| + P || for qk_additive,
/// || |W_q| |e_i| || otherwise) and m_j likewise: proofs/tolerances.md, section 3 and Lemma 9.5.
/// The query vector is within m_i a_i of its exact value and of norm <= m_i N_i, with
/// a_i = alpha_i (1 + gamma_d) + N_i gamma_{d+1} (projection W_q e_i: gamma_d; the map: alpha_i);
/// Lemma 3.1 then gives the product term; score_bias adds bias_error.
inline double score_error(const ErrorProfile& e, double dim, double i, double j, double m_i,
                          double m_j, double u) {
  const double n_i = map_norm(e, i), n_j = map_norm(e, j);
  const double a_i = apply_error(e, dim, i, u) * (1.0 + gamma(dim, u)) + n_i * gamma(dim + 1, u);
  const double a_j = apply_error(e, dim, j, u) * (1.0 + gamma(dim, u)) + n_j * gamma(dim + 1, u);
  return m_i * m_j *
             (a_i * n_j + a_j * n_i + a_i * a_j + gamma(dim, u) * (n_i + a_i) * (n_j + a_j)) +
         bias_error(e, dim, i, j, u);
}

}  // namespace posprop::tol
