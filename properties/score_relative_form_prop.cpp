// score.relative_form: (A_q(i) q)^T (A_k(j) k) = (A_q(0) q)^T (A_k(j - i) k), i.e. S(i, j) =
// S(0, j - i); with A(0) = I this is q^T A_k(j - i) k.
// Proof: proofs/relative_form.md (Theorem 1).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct ScoreRelativeForm {
  static PropertyInfo info() {
    return {"score.relative_form", "score",
            "(A_q(i) q)^T (A_k(j) k) = (A_q(0) q)^T (A_k(j - i) k) for all q, k, i, j: the score "
            "depends on positions only through j - i (= q^T A_k(j - i) k when A(0) = I).",
            "proofs/relative_form.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::qk_transform; }
  using Input = MapCase;  // a = i, b = j, x = q, y = k
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, false, 256);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    const auto alpha = [&](double p) { return tol::apply_error(prof, d, p, u); };
    const Vec<T> q = gen::to_vector<T>(c.x), k = gen::to_vector<T>(c.y);
    const T lhs = enc.apply_query(q, c.a).dot(enc.apply_key(k, c.b));
    const T rhs = enc.apply_query(q, 0.0).dot(enc.apply_key(k, c.b - c.a));
    const double nq = gen::to_vector<double>(c.x).norm(), nk = gen::to_vector<double>(c.y).norm();
    // proofs/tolerances.md sections 6.3 and 10.9. Each side, Lemma 3.1 with ||A x|| <= n ||x||
    // (n = map_norm) and ||apply(x) - A x|| <= a ||x|| (a = apply_error):
    //   |fl(x.y) - x.y| <= (a_1 n_2 + a_2 n_1 + a_1 a_2 + gamma_d (n_1 + a_1)(n_2 + a_2)) |q| |k|;
    // the exact sides are equal; one rounded subtraction.
    const auto side = [&](double p1, double p2) {
      const double a1 = alpha(p1), a2 = alpha(p2);
      const double n1 = tol::map_norm(prof, p1), n2 = tol::map_norm(prof, p2);
      return a1 * n2 + a2 * n1 + a1 * a2 + tol::gamma(d, u) * (n1 + a1) * (n2 + a2);
    };
    return {std::fabs(to_double(lhs - rhs)),
            (1 + u) * nq * nk * (side(c.a, c.b) + side(0.0, c.b - c.a))};
  }
};

POSPROP_PROPERTY(ScoreRelativeForm);

}  // namespace
}  // namespace posprop
