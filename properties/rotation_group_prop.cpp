// rotation.group: A(a) A(b) = A(a + b) and A(-a) = A(a)^T = A(a)^-1.
// Proof: proofs/rotation_group.md (Theorem 2).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct RotationGroup {
  static PropertyInfo info() {
    return {"rotation.group", "rotation",
            "A(a) A(b) = A(a + b) and A(-a) = A(a)^T = A(a)^-1 for all positions a, b "
            "(composition adds positions).",
            "proofs/rotation_group.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::qk_transform; }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, true, e.matrix_max_dim); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, true, e.matrix_max_dim);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    const auto alpha = [&](double p) { return tol::apply_error(prof, d, p, u); };
    const auto norm = [&](double p) { return tol::map_norm(prof, p); };  // 1 for rotations
    const Vec<T> x = gen::to_vector<T>(c.x);
    const double nx = gen::to_vector<double>(c.x).norm();
    const Mat<T> aa = enc.query_map(c.a), ab = enc.query_map(c.b);
    const Mat<T> sum = enc.query_map(c.a + c.b), neg = enc.query_map(-c.a);
    const auto dist = [](const Vec<T>& p, const Vec<T>& q) { return to_double((p - q).norm()); };
    // Composition: A(a) (A(b) x) against A(a + b) x. fl(A(a) y) with y = fl(A(b) x): error
    // <= N_a alpha_b + alpha_a (N_b + alpha_b) per unit |x| (alpha includes the map norm N).
    const auto composed = [&](double p1, double p2) {
      return norm(p1) * alpha(p2) + alpha(p1) * (norm(p2) + alpha(p2)) +
             2 * tol::gamma(d, u) * norm(p1) * norm(p2);
    };
    Measurement out{dist(aa * (ab * x), sum * x), nx * (composed(c.a, c.b) + alpha(c.a + c.b))};
    // Inverse: A(-a) x = A(a)^T x, and A(a) A(-a) x = x.
    out = worst(out, {dist(neg * x, aa.transpose() * x), nx * (alpha(-c.a) + alpha(c.a))});
    out = worst(out, {dist(aa * (neg * x), x), nx * composed(c.a, -c.a)});
    return out;
  }
};

POSPROP_PROPERTY(RotationGroup);

}  // namespace
}  // namespace posprop
