// map.apply_matches_matrix: the fast path equals the matrix, apply(x, p) = A(p) x, for queries
// and keys. Proof: a definition check; the bound is proofs/tolerances.md, section 2.
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct MapApplyMatchesMatrix {
  static PropertyInfo info() {
    return {"map.apply_matches_matrix", "map",
            "The fast apply path equals multiplication by the matrix: apply(x, p) = A(p) x for "
            "queries and keys.",
            "proofs/tolerances.md"};
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
    const Vec<T> x = gen::to_vector<T>(c.x);
    const double tolerance = 2 *
                             tol::apply_error(enc.error_profile(), c.dim, c.a, unit_roundoff<T>()) *
                             gen::to_vector<double>(c.x).norm();
    const double rq = to_double((enc.apply_query(x, c.a) - enc.query_map(c.a) * x).norm());
    const double rk = to_double((enc.apply_key(x, c.a) - enc.key_map(c.a) * x).norm());
    return {max_residual(rq, rk), tolerance};
  }
};

POSPROP_PROPERTY(MapApplyMatchesMatrix);

}  // namespace
}  // namespace posprop
