// mrope.text_is_rope: a text token of Qwen2-VL has t = h = w = p, and then M-RoPE is plain
// half-split RoPE with the same rope_theta and head_dim (the frequency index is global, so the
// sections only choose which copy of p each pair reads). Checked through the scalar interface and
// through the vector interface at (p, p, p). Proof: proofs/multiaxis.md (Theorem 2).
#include "support/generated_property.hpp"
#include "support/multiaxis_cases.hpp"

#include "posprop/encoders/rope.hpp"

namespace posprop {
namespace {

struct MropeTextIsRope {
  static PropertyInfo info() {
    return {"mrope.text_is_rope", "mrope",
            "For text positions t = h = w = p, M-RoPE equals plain half-split RoPE with the same "
            "rope_theta and head_dim (scalar and vector interface).",
            "proofs/multiaxis.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.formula == Formula::mrope; }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, true, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return map_boundaries(e, true, 256); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const MultiAxisEncoder<T>& axes = axis_instance<T>(entry, c.dim);
    const Params p =
        Params{{"head_dim", std::to_string(c.dim)}}.completed(entry.name, entry.params);
    const Rope<T> rope(c.dim, p.get_double("rope_theta"), c.dim, Layout::half_split);
    const double u = unit_roundoff<T>(), d = c.dim;
    const Vec<T> x = gen::to_vector<T>(c.x);
    const Vec<T> want = rope.apply_query(x, c.a);
    const std::vector<double> text(static_cast<std::size_t>(axes.axes()), c.a);
    const double nx = gen::to_vector<double>(c.x).norm();
    // Both computations approximate the same exact map (the theorem): each within its own
    // apply_error (tolerance.hpp; proofs/multiaxis.md section 5), plus the norm's rounding.
    const double bound = (1 + tol::gamma(d, u)) * nx *
                         (tol::apply_error(enc.error_profile(), d, c.a, u) +
                          tol::apply_error(rope.error_profile(), d, c.a, u));
    const Measurement scalar{to_double((enc.apply_query(x, c.a) - want).norm()), bound};
    const Measurement vector{to_double((axes.apply_query(x, text) - want).norm()), bound};
    return worst(scalar, vector);
  }
};

POSPROP_PROPERTY(MropeTextIsRope);

}  // namespace
}  // namespace posprop
