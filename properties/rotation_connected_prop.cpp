// rotation.connected: det A_q(p) = det A_q(0) for every position p. For orthogonal maps det is
// +-1, so a family continuous in real positions must keep it constant: A(n) = G^n with det G = -1
// (a -1 block in the real Schur form) is a representation of the integers that no continuous
// one-parameter group extends. Proof: proofs/uniqueness.md (Theorem 3).
#include "posprop/orthogonal.hpp"
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct RotationConnected {
  static PropertyInfo info() {
    return {"rotation.connected", "rotation",
            "det A_q(p) = det A_q(0) for every position p (for orthogonal maps: what continuity "
            "in real positions forces; fails for a -1 block, A(n) = G^n with det G = -1).",
            "proofs/uniqueness.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::qk_transform; }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, true, 32); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    // Householder QR is backward stable (Higham Thm 19.4): det is that of A + dA with
    // ||dA||_F <= d gamma_{c d} ||A||_F, so |det error| <= d ||A||^(d-1) (||E_map|| + ||dA||).
    const auto bound = [&](double p) {
      const double norm = tol::map_norm(prof, p);
      return d * std::pow(norm, d - 1) *
             (d * tol::entry_error(prof, p, u) * norm + d * std::sqrt(d) * tol::gamma(4 * d, u) * norm);
    };
    const T det_p = determinant<T>(enc.query_map(c.a));
    const T det_0 = determinant<T>(enc.query_map(0.0));
    return {std::fabs(to_double(det_p - det_0)), bound(c.a) + bound(0.0)};
  }
};

POSPROP_PROPERTY(RotationConnected);

}  // namespace
}  // namespace posprop
