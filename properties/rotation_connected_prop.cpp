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
  /// determinant() is Householder QR, O(d^3) MPFR operations per rung: a case at d = 128 costs
  /// 8 times one at d = 64, and a cell evaluates tens of cases (random and boundary). Above 64 the
  /// default tier would spend most of its time on this one property (not measured separately;
  /// meta/shapes lists the cap).
  static constexpr int kMaxDim = 64;
  static PropertyInfo info() {
    return {"rotation.connected", "rotation",
            "det A_q(p) = det A_q(0) for every position p (for orthogonal maps: what continuity "
            "in real positions forces; fails for a -1 block, A(n) = G^n with det G = -1).",
            "proofs/uniqueness.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::qk_transform; }
  using Input = MapCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) {
    return map_case(e, true, std::min(kMaxDim, e.matrix_max_dim));
  }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, true, std::min(kMaxDim, e.matrix_max_dim));
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const double u = unit_roundoff<T>(), d = c.dim;
    const ErrorProfile prof = enc.error_profile();
    // proofs/tolerances.md section 10.1. determinant() (Householder QR) returns the determinant
    // of A + D, ||D e_k|| <= eta ||A e_k|| column by column, times (1 + theta_{d-1}) (Lemma 10.1);
    // A is within mu = map_error of the exact map A_0 (2-norm, so per column too). Hadamard's
    // inequality with the computed column norms c_k of A then gives
    //   |det_computed - det A_0| <= prod (c_k + mu) (1 + eta)^d (1 + gamma_{d-1}) - prod c_k.
    double log_tau = 0;  // tau = prod_{m=2}^{d} (1 + gamma_{4m+7}) - 1
    for (double m = 2; m <= d; ++m) log_tau += std::log1p(tol::gamma(4 * m + 7, u));
    const double tau = std::expm1(log_tau);
    const double eta =
        tau + (tol::gamma(d / 2 + 4, u) + tol::gamma(4 * d + 7, u)) * (1 + tau) * (1 + tau);
    const auto bound = [&](const Mat<T>& a, double p) {
      const double mu = tol::map_error(prof, d, p, u);
      double log_norms = 0, log_growth = d * std::log1p(eta) + std::log1p(tol::gamma(d - 1, u));
      double log_with_mu = log_growth;  // used when a column norm is 0
      bool zero_column = false;
      for (Index k = 0; k < a.cols(); ++k) {
        const double ck = tol::norm_upper(to_double(T(a.col(k).norm())), d, u);
        log_with_mu += std::log(ck + mu);
        if (ck == 0) {
          zero_column = true;
        } else {
          log_norms += std::log(ck);
          log_growth += std::log1p(mu / ck);
        }
      }
      // (1 + 1e-9): the double evaluation of this expression (assumption A5).
      const double t =
          zero_column ? std::exp(log_with_mu) : std::exp(log_norms) * std::expm1(log_growth);
      return t * (1 + 1e-9);
    };
    const Mat<T> a_p = enc.query_map(c.a), a_0 = enc.query_map(0.0);
    const T det_p = determinant<T>(a_p);
    const T det_0 = determinant<T>(a_0);
    return {std::fabs(to_double(det_p - det_0)), (1 + u) * (bound(a_p, c.a) + bound(a_0, 0.0))};
  }
};

POSPROP_PROPERTY(RotationConnected);

}  // namespace
}  // namespace posprop
