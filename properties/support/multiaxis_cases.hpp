// Inputs with vector positions for the multi-axis properties (multiaxis.hpp): per-axis positions
// i, j, shift t, two vectors, and the derived error bounds (proofs/multiaxis.md section 5).
#pragma once

#include "posprop/multiaxis.hpp"
#include "support/cases.hpp"
#include "support/coverage.hpp"

#include <ostream>
#include <vector>

namespace posprop {

struct AxisCase {
  int dim = 2;
  std::vector<double> i, j, t;  // one entry per axis
  std::vector<double> x, y;
};
std::ostream& operator<<(std::ostream& os, const AxisCase& c);

/// The multi-axis view of `entry` at `dim` in scalar T; throws std::logic_error if the encoder
/// has none (applies_to() uses is_multiaxis first).
template <class T>
const MultiAxisEncoder<T>& axis_instance(const EncoderEntry& entry, int dim) {
  const auto* m = dynamic_cast<const MultiAxisEncoder<T>*>(&instance<T>(entry, dim));
  if (!m) throw std::logic_error("encoder '" + entry.name + "' has no multi-axis interface");
  return *m;
}
bool is_multiaxis(const EncoderEntry& entry);

/// Per-axis positions in [0, max_position] (signed: [-max, max]); i + t and j + t stay in range.
rc::Gen<AxisCase> axis_case(const EncoderEntry& entry, bool signed_positions, int max_dim = 256);

/// The boundary inputs (support/boundary.hpp): every boundary position in [0, max_position / 2]
/// on every axis, axes shifted against each other (axis a takes position number k + a), signed
/// inputs alternately negative; dims as map_boundaries, the last case the largest dim at the
/// largest positions.
std::vector<AxisCase> axis_boundaries(const EncoderEntry& entry, bool signed_positions,
                                      int max_dim = 256);
void record(Coverage& c, const EncoderEntry&, const AxisCase& in);

/// Componentwise sum.
std::vector<double> axis_add(const std::vector<double>& a, const std::vector<double>& b);

/// ||apply(x, p) - A(p) x|| <= axis_apply_error ||x|| (tolerance.hpp apply_error at ||p||_inf).
inline double axis_apply_error(const ErrorProfile& e, double dim, const std::vector<double>& p,
                               double u) {
  return tol::apply_error(e, dim, axis_magnitude(p), u);
}

/// |fl(A(p) x . A(q) y) - A(p) x . A(q) y| <= axis_score_error |x| |y| for orthogonal A
/// (Lemma 3.1 of proofs/tolerances.md with map norms 1).
inline double axis_score_error(const ErrorProfile& e, double dim, const std::vector<double>& p,
                               const std::vector<double>& q, double u) {
  const double a1 = axis_apply_error(e, dim, p, u), a2 = axis_apply_error(e, dim, q, u);
  return a1 + a2 + a1 * a2 + tol::gamma(dim, u) * (1 + a1) * (1 + a2);
}

}  // namespace posprop
