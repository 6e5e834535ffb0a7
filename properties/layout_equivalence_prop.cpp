// layout.equivalence: the half-split map is the interleaved map conjugated by one fixed
// permutation, A_half(p) = P A_inter(p) P^T with P(2k) = k, P(2k + 1) = k + r/2 (r = rotary dim).
// Proof: proofs/layout_equivalence.md.
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

/// pi(m): where interleaved coordinate m sits in the half-split layout.
Index half_split_index(Index m, Index rotary) {
  if (m >= rotary) return m;
  return m % 2 == 0 ? m / 2 : m / 2 + rotary / 2;
}

struct LayoutEquivalence {
  static PropertyInfo info() {
    return {"layout.equivalence", "layout",
            "The encoder in half-split layout equals the same encoder in interleaved layout "
            "conjugated by the fixed permutation 2k -> k, 2k+1 -> k + d_rot/2.",
            "proofs/layout_equivalence.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    if (e.site != Site::qk_transform) return false;
    for (const auto& p : e.params)
      if (p.key == "layout") return true;
    return false;
  }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, true, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return map_boundaries(e, true, 256); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const bool half = enc.layout() == Layout::half_split;
    const auto twin = entry.make<T>(Params{{"head_dim", std::to_string(c.dim)},
                                           {"layout", half ? "interleaved" : "half_split"}});
    const Encoder<T>& inter = half ? *twin : enc;
    const Encoder<T>& split = half ? enc : *twin;
    const Index r = enc.rotary_dim();
    const Vec<T> x = gen::to_vector<T>(c.x);
    // A_half x  versus  P (A_inter (P^T x)), (P v)[pi(m)] = v[m].
    Vec<T> pt_x(c.dim);
    for (Index m = 0; m < c.dim; ++m) pt_x(m) = x(half_split_index(m, r));
    const Vec<T> y_inter = inter.apply_query(pt_x, c.a);
    Vec<T> expected(c.dim);
    for (Index m = 0; m < c.dim; ++m) expected(half_split_index(m, r)) = y_inter(m);
    const double u = unit_roundoff<T>();
    const double alpha = tol::apply_error(enc.error_profile(), c.dim, c.a, u) +
                         tol::apply_error(twin->error_profile(), c.dim, c.a, u);
    return {to_double((split.apply_query(x, c.a) - expected).norm()),
            alpha * gen::to_vector<double>(c.x).norm()};
  }
};

POSPROP_PROPERTY(LayoutEquivalence);

}  // namespace
}  // namespace posprop
