// multiaxis.group: A(a) A(b) = A(a + b) for VECTOR positions a, b: the per-axis generators commute,
// so composition adds positions axis by axis. Fails for LieRE (exp(A) exp(B) != exp(A + B) when
// [A, B] != 0). Proof: proofs/multiaxis.md (Theorems 1 and 4).
#include "support/generated_property.hpp"
#include "support/multiaxis_cases.hpp"

namespace posprop {
namespace {

struct MultiaxisGroup {
  static PropertyInfo info() {
    return {"multiaxis.group", "multiaxis",
            "A(a) A(b) = A(a + b) for vector positions a, b: the generators of the axes commute "
            "and composition adds positions axis by axis.",
            "proofs/multiaxis.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return is_multiaxis(e); }
  using Input = AxisCase;  // a = i, b = j
  static rc::Gen<Input> gen(const EncoderEntry& e) { return axis_case(e, true); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return axis_boundaries(e, true); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const MultiAxisEncoder<T>& enc = axis_instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.axis_error_profile();
    const auto ab = axis_add(c.i, c.j);
    const Vec<T> x = gen::to_vector<T>(c.x);
    const Vec<T> composed = enc.apply_query(enc.apply_query(x, c.j), c.i);
    const Vec<T> direct = enc.apply_query(x, ab);
    const double nx = gen::to_vector<double>(c.x).norm();
    // proofs/multiaxis.md section 5 (as rotation.group, map norm 1): fl(A(a) y), y = fl(A(b) x),
    // is within alpha_b + alpha_a (1 + alpha_b) of A(a) A(b) x per unit |x|; A(a + b) x within
    // alpha_{a+b}; the difference's norm adds 2 gamma_d.
    const double aa = axis_apply_error(prof, d, c.i, u), abb = axis_apply_error(prof, d, c.j, u);
    const double as = axis_apply_error(prof, d, ab, u);
    return {to_double((composed - direct).norm()),
            nx * (abb + aa * (1 + abb) + as + 2 * tol::gamma(d, u))};
  }
};

POSPROP_PROPERTY(MultiaxisGroup);

}  // namespace
}  // namespace posprop
