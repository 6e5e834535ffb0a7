// score.relative_form: (A_q(i) q)^T (A_k(j) k) = q^T A_k(j - i) k.
// Proof: proofs/relative_form.md (Theorem 1).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct ScoreRelativeForm {
  static PropertyInfo info() {
    return {"score.relative_form", "score",
            "(A_q(i) q)^T (A_k(j) k) = q^T A_k(j - i) k: the score depends on positions only "
            "through j - i.",
            "proofs/relative_form.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::qk_transform; }
  using Input = MapCase;  // a = i, b = j, x = q, y = k
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    const auto alpha = [&](double p) { return tol::apply_error(prof, d, p, u); };
    const Vec<T> q = gen::to_vector<T>(c.x), k = gen::to_vector<T>(c.y);
    const T lhs = enc.apply_query(q, c.a).dot(enc.apply_key(k, c.b));
    const T rhs = q.dot(enc.apply_key(k, c.b - c.a));
    const double nq = gen::to_vector<double>(c.x).norm(), nk = gen::to_vector<double>(c.y).norm();
    return {std::fabs(to_double(lhs - rhs)),
            nq * nk * (alpha(c.a) + alpha(c.b) + alpha(c.a) * alpha(c.b) + alpha(c.b - c.a) +
                       3 * tol::gamma(d, u))};
  }
};

POSPROP_PROPERTY(ScoreRelativeForm);

}  // namespace
}  // namespace posprop
