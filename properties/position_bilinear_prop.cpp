// The position-position term p_i^T M p_j of the four-term expansion (CLAIMS.md S11), three ways:
//   position.commutant_relative: M block-diagonal on the (sin, cos) pairs with blocks a I + b J
//     (the commutant of the rotations) gives p_i^T M p_j = p_{i+t}^T M p_{j+t};
//   position.generic_bilinear_relative: the same for a generic (Gaussian) M -- expected to FAIL;
//   position.commutant_cross_terms: even for a commutant M, the cross terms
//     e_i^T M p_j + p_i^T M e_j are not shift-invariant -- expected to FAIL.
// Proof: proofs/commutant.md.
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

enum class Variant { commutant, generic, cross_terms };

/// M = blockdiag(a_k I + b_k J) on the encoder's (sin, cos) pairs, a_k, b_k from e_j's entries.
template <class T>
Mat<T> commutant_matrix(const Encoder<T>& enc, const ScoreCase& c) {
  const bool half = enc.layout() == Layout::half_split;
  const Index h = c.dim / 2;
  Mat<T> m = Mat<T>::Zero(c.dim, c.dim);
  for (Index k = 0; k < h; ++k) {
    const Index s = half ? k : 2 * k, co = half ? k + h : 2 * k + 1;
    const T a(c.e_j[static_cast<std::size_t>(2 * k)]),
        b(c.e_j[static_cast<std::size_t>(2 * k + 1)]);
    m(s, s) = a;
    m(co, co) = a;
    m(s, co) = b;
    m(co, s) = -b;
  }
  return m;
}

template <Variant V>
struct PositionBilinear {
  static PropertyInfo info() {
    switch (V) {
      case Variant::commutant:
        return {"position.commutant_relative", "position",
                "For M block-diagonal on the (sin, cos) pairs with blocks a_k I + b_k J, "
                "p_i'M p_j depends only on j - i.",
                "proofs/commutant.md"};
      case Variant::generic:
        return {"position.generic_bilinear_relative", "position",
                "For a generic M (a random W_q'W_k), p_i'M p_j depends only on j - i "
                "(the study note says it does not; expected to fail).",
                "proofs/commutant.md"};
      case Variant::cross_terms:
        return {"position.commutant_cross_terms", "position",
                "For M in the commutant, the content-position cross terms e_i'M p_j + p_i'M e_j "
                "depend only on j - i (expected to fail: they carry absolute position).",
                "proofs/commutant.md"};
    }
    return {};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::embedding; }
  using Input = ScoreCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return score_case(e); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return score_boundaries(e); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const Mat<T> m =
        V == Variant::generic ? gen::to_matrix<T>(c.w_q, c.dim) : commutant_matrix<T>(enc, c);
    const Vec<T> e_i = gen::to_vector<T>(c.e_i);
    const Vec<T> e_j = gen::to_vector<T>(c.e_i).reverse();  // a second content vector
    const auto value = [&](double i, double j) {
      const Vec<T> pi = enc.position_vector(i), pj = enc.position_vector(j);
      if (V == Variant::cross_terms) return T(e_i.dot(m * pj) + pi.dot(m * e_j));
      return T(pi.dot(m * pj));
    };
    // proofs/tolerances.md section 10.6, Lemma 10.6: for x, y within a X, b Y of exact vectors
    // of norms <= X, Y, |fl(x . fl(M y)) - x' M y| <= X Y rho [(1 + a)(1 + b)(1 + gamma_m)
    // (1 + gamma_d) - 1] with rho >= || |M| ||_2 and m nonzeros per row of M. Position vectors:
    // ||p|| <= sqrt(d) P, entries within eps (entry_error), so a = eps / P.
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    const double big_p = prof.position_magnitude, np = std::sqrt(d) * big_p;
    const double ne = gen::to_vector<double>(c.e_i).norm() * (1 + tol::gamma(d / 2 + 2, 0x1p-53));
    double rho = 0, nonzeros = 2;
    if (V == Variant::generic) {  // dense: || |M| ||_2 <= ||M||_F
      rho = tol::norm_upper(to_double(T(m.norm())), d * d, u);
      nonzeros = d;
    } else {  // blocks a I + b J: || |M| ||_2 = max_k (|a_k| + |b_k|), two nonzeros per row
      for (Index k = 0; k < c.dim / 2; ++k)
        rho = std::fmax(rho, std::fabs(c.e_j[static_cast<std::size_t>(2 * k)]) +
                                 std::fabs(c.e_j[static_cast<std::size_t>(2 * k + 1)]));
      rho *= 1 + 0x1p-52;
    }
    const auto form = [&](double x, double a, double y, double b) {
      return x * y * rho *
             std::expm1(std::log1p(a) + std::log1p(b) + std::log1p(tol::gamma(nonzeros, u)) +
                        std::log1p(tol::gamma(d, u)));
    };
    const auto bound = [&](double i, double j) {
      const double a_i = tol::entry_error(prof, i, u) / big_p,
                   a_j = tol::entry_error(prof, j, u) / big_p;
      if (V != Variant::cross_terms) return form(np, a_i, np, a_j);
      // e_i' M p_j + p_i' M e_j (contents exact), then one rounded addition.
      return (1 + u) * (form(ne, 0, np, a_j) + form(np, a_i, ne, 0)) + 2 * u * ne * np * rho;
    };
    // Both values within their bounds of exact values that are equal; one rounded subtraction.
    // (1 + 1e-9): the double evaluation of these bounds (A5).
    return {std::fabs(to_double(T(value(c.i + c.t, c.j + c.t) - value(c.i, c.j)))),
            (1 + u) * (bound(c.i, c.j) + bound(c.i + c.t, c.j + c.t)) * (1 + 1e-9)};
  }
};

using CommutantRelative = PositionBilinear<Variant::commutant>;
using GenericBilinearRelative = PositionBilinear<Variant::generic>;
using CommutantCrossTerms = PositionBilinear<Variant::cross_terms>;
POSPROP_PROPERTY(CommutantRelative);
POSPROP_PROPERTY(GenericBilinearRelative);
POSPROP_PROPERTY(CommutantCrossTerms);

}  // namespace
}  // namespace posprop
