// xpos.causal_decay: for a key not after the query (j <= i) the pair gain of xPos is at most 1,
// |(A_q(i) x)^T (A_k(j) y)| <= |x| |y|. Proof: proofs/xpos.md (Theorem 1; for j > i the gain
// zeta_k^((i - j)/s) grows without bound, Theorem 2: xPos is bounded only under causal use).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

#include <algorithm>

namespace posprop {
namespace {

struct XposCausalDecay {
  static PropertyInfo info() {
    return {"xpos.causal_decay", "xpos",
            "For a key not after the query (j <= i), |(A_q(i) x)^T (A_k(j) y)| <= |x| |y|: the "
            "xPos factor zeta^((i - j)/scale_base) damps, it never amplifies.",
            "proofs/xpos.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.formula == Formula::xpos; }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, false, 256);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double i = std::max(c.a, c.b), j = std::min(c.a, c.b);  // causal: j <= i
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    const double alpha_i = tol::apply_error(prof, d, i, u), n_i = tol::map_norm(prof, i);
    const double alpha_j = tol::apply_error(prof, d, j, u), n_j = tol::map_norm(prof, j);
    const Vec<T> x = gen::to_vector<T>(c.x), y = gen::to_vector<T>(c.y);
    const T nx = x.norm(), ny = y.norm();
    const T s = enc.apply_query(x, i).dot(enc.apply_key(y, j));
    using std::abs;
    // |fl(s) - s| <= |x||y| (alpha_i n_j + alpha_j n_i + alpha_i alpha_j + gamma_d n_i n_j), the
    // bound of rotation.orthogonal with two maps (proofs/tolerances.md section 3); the norms
    // add 2 gamma_d |x||y|.
    const double bx = gen::to_vector<double>(c.x).norm(), by = gen::to_vector<double>(c.y).norm();
    const double g = tol::gamma(d, u);
    return {positive_part(T(abs(s) - nx * ny)),
            bx * by * (alpha_i * n_j + alpha_j * n_i + alpha_i * alpha_j + g * n_i * n_j + 2 * g)};
  }
};

POSPROP_PROPERTY(XposCausalDecay);

}  // namespace
}  // namespace posprop
