// bias.even: a score bias with b(i, j) = b(j, i) cannot tell "key before query" from "key after
// query". Scheme A's bias sum_k cos((j - i) w_k) is even in j - i (CLAIMS.md S15).
// Proof: proofs/schemes.md (Theorem 2).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct BiasEven {
  static PropertyInfo info() {
    return {"bias.even", "bias",
            "The score bias is symmetric, b(i, j) = b(j, i): it cannot distinguish a key before "
            "the query from one the same distance after it.",
            "proofs/schemes.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::score_bias; }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, false, 256);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    // proofs/tolerances.md section 10.8: each computed bias is within bias_error of b(a, b) =
    // b(b, a), then one rounded subtraction.
    const double u = unit_roundoff<T>();
    const double bound = tol::bias_error(enc.error_profile(), c.dim, c.a, c.b, u);
    return {std::fabs(to_double(T(enc.bias(c.a, c.b) - enc.bias(c.b, c.a)))), 2 * (1 + u) * bound};
  }
};

POSPROP_PROPERTY(BiasEven);

}  // namespace
}  // namespace posprop
