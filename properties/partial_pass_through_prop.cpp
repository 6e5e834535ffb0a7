// partial.pass_through: with rotary_dim r < head_dim, coordinates r.. are copied unchanged and
// the rotated coordinates do not depend on them. Copies are exact in floating point, so the
// tolerance is 0 (proofs/tolerances.md, section 4). Proof: proofs/layout_equivalence.md.
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct PartialPassThrough {
  static PropertyInfo info() {
    return {"partial.pass_through", "partial",
            "With rotary_dim < head_dim the unrotated coordinates are copied exactly and the "
            "rotated ones do not depend on them.",
            "proofs/layout_equivalence.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    if (e.site != Site::qk_transform) return false;
    const auto enc = e.make<double>(Params{});
    return enc->rotary_dim() < enc->dim();
  }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, true, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return map_boundaries(e, true, 256); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const Index r = enc.rotary_dim(), tail = c.dim - r;
    const Vec<T> x = gen::to_vector<T>(c.x);
    Vec<T> x_zero_tail = x;
    x_zero_tail.tail(tail).setZero();
    const Vec<T> y = enc.apply_query(x, c.a), y0 = enc.apply_query(x_zero_tail, c.a);
    double r_tail = max_abs_entry(Vec<T>(y.tail(tail) - x.tail(tail)));
    r_tail = max_residual(r_tail, max_abs_entry(Vec<T>(y.head(r) - y0.head(r))));
    if (c.dim <= 64) {  // the map itself: identity on the tail block, no coupling
      const Mat<T> a = enc.query_map(c.a);
      Mat<T> expected_rows = Mat<T>::Zero(tail, c.dim);
      expected_rows.rightCols(tail) = Mat<T>::Identity(tail, tail);
      r_tail = max_residual(r_tail, max_abs_entry(Mat<T>(a.bottomRows(tail) - expected_rows)));
      r_tail = max_residual(r_tail, max_abs_entry(Mat<T>(a.topRightCorner(r, tail))));
    }
    return {r_tail, 0.0};
  }
};

POSPROP_PROPERTY(PartialPassThrough);

}  // namespace
}  // namespace posprop
