// multiaxis.relative: (A(i + t) x) . (A(j + t) y) = (A(i) x) . (A(j) y) for VECTOR positions i, j
// and vector shifts t: with several position axes the score depends on j - i axis by axis.
// Holds when the generators commute (M-RoPE, axial, mixed); LieRE's dense generators do not.
// Proof: proofs/multiaxis.md (Theorems 1 and 4).
#include "support/generated_property.hpp"
#include "support/multiaxis_cases.hpp"

namespace posprop {
namespace {

struct MultiaxisRelative {
  static PropertyInfo info() {
    return {
        "multiaxis.relative", "multiaxis",
        "(A(i + t) x) . (A(j + t) y) = (A(i) x) . (A(j) y) for vector positions i, j and vector "
        "shifts t: the score depends on positions only through j - i, axis by axis.",
        "proofs/multiaxis.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return is_multiaxis(e); }
  using Input = AxisCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return axis_case(e, true); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return axis_boundaries(e, true); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const MultiAxisEncoder<T>& enc = axis_instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.axis_error_profile();
    const Vec<T> x = gen::to_vector<T>(c.x), y = gen::to_vector<T>(c.y);
    const auto it = axis_add(c.i, c.t), jt = axis_add(c.j, c.t);
    const T lhs = enc.apply_query(x, it).dot(enc.apply_query(y, jt));
    const T rhs = enc.apply_query(x, c.i).dot(enc.apply_query(y, c.j));
    const double nx = gen::to_vector<double>(c.x).norm(), ny = gen::to_vector<double>(c.y).norm();
    // proofs/multiaxis.md section 5: each score within axis_score_error |x| |y| of its exact
    // value (the exact values are equal when the property holds); one rounded subtraction.
    return {std::fabs(to_double(lhs - rhs)),
            (1 + u) * nx * ny *
                (axis_score_error(prof, d, it, jt, u) + axis_score_error(prof, d, c.i, c.j, u))};
  }
};

POSPROP_PROPERTY(MultiaxisRelative);

}  // namespace
}  // namespace posprop
