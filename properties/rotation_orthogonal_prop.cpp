// rotation.orthogonal: A(p)^T A(p) = I, i.e. A(p) preserves inner products and norms.
// Proof: proofs/rotation_group.md (Theorem 1).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct RotationOrthogonal {
  static PropertyInfo info() {
    return {"rotation.orthogonal", "rotation",
            "A(p)^T A(p) = I for every position p: the position map preserves inner products and "
            "norms (for queries and for keys).",
            "proofs/rotation_group.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::qk_transform; }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, e.matrix_max_dim); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, false, e.matrix_max_dim);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    const double alpha = tol::apply_error(prof, d, c.a, u), eps = tol::entry_error(prof, c.a, u);
    const double n = tol::map_norm(prof, c.a);  // 1 for rotations; xPos, c R(p), M R(p) grow
    const Vec<T> x = gen::to_vector<T>(c.x), y = gen::to_vector<T>(c.y);
    const double nx = gen::to_vector<double>(c.x).norm(), ny = gen::to_vector<double>(c.y).norm();
    Measurement out;
    for (const Mat<T>& a : {enc.query_map(c.a), enc.key_map(c.a)}) {
      // <A x, A y> = <x, y>: each product is off by at most alpha ||x|| (tolerance.hpp).
      const T inner = (a * x).dot(a * y) - x.dot(y);
      out = worst(out, {std::fabs(to_double(inner)),
                        nx * ny * (2 * alpha * n + alpha * alpha + 3 * tol::gamma(d, u) * n * n)});
      if (c.dim <= 32) {  // the full matrix identity where it is cheap
        const Mat<T> gram = a.transpose() * a - Mat<T>::Identity(c.dim, c.dim);
        out = worst(out, {max_abs_entry(gram),
                          2 * std::sqrt(d) * eps * n + d * eps * eps + tol::gamma(d, u) * n * n});
      }
    }
    return out;
  }
};

POSPROP_PROPERTY(RotationOrthogonal);

}  // namespace
}  // namespace posprop
