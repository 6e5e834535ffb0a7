// cert.orthogonal_power_minus_one (CLAIMS.md S8, S18). G = the generator of the
// orthogonal-power encoder (head_dim 4, seed 1), computed in interval arithmetic. The enclosures
// prove G^T G = I to 1e-45 and det G = -1, so G has the eigenvalue -1 (the eigenvalues of a real
// orthogonal matrix are +-1 and conjugate pairs e^{+-i phi}; det -1 forces an odd number of -1).
// On that axis A(n) = G^n acts as (-1)^n: a 1-D representation of the integers that is neither
// trivial nor a 2-D rotation, and since det G < 0, G = exp(B) has no real solution B, so no
// continuous one-parameter group A(t), t real, passes through G.
#include "certificate.hpp"
#include "interval_format.hpp"
#include "posprop/encoders/composed.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace posprop {

CertificateResult certify_orthogonal_power() {
  const OrthogonalPower<Interval> power(4, 1);
  const Mat<Interval>& g = power.generator();
  const Interval det = determinant<Interval>(g);
  const Mat<Interval> gram = g.transpose() * g - Mat<Interval>::Identity(4, 4);
  double gram_upper = 0;
  for (Index r = 0; r < 4; ++r)
    for (Index c = 0; c < 4; ++c) gram_upper = std::fmax(gram_upper, upper_bound(abs(gram(r, c))));

  // Real Schur form of the double rounding of G (diagnostic, not part of the proof).
  const OrthogonalPower<double> power_d(4, 1);
  const Eigen::RealSchur<Mat<double>> schur(power_d.generator());
  std::ostringstream blocks;
  blocks.precision(6);
  const Mat<double>& t = schur.matrixT();
  for (Index k = 0; k < 4;) {
    if (k + 1 < 4 && std::fabs(t(k + 1, k)) > 1e-12) {
      blocks << "rotation(angle " << std::atan2(t(k + 1, k), t(k, k)) << ") ";
      k += 2;
    } else {
      blocks << (t(k, k) > 0 ? "+1 " : "-1 ");
      k += 1;
    }
  }
  CertificateResult r;
  r.values = {{"det G", enclosure(det)},
              {"max |G^T G - I| (upper bound)",
               [&] {
                 char buf[32];
                 std::snprintf(buf, sizeof buf, "%.3g", gram_upper);
                 return std::string(buf);
               }()},
              {"real Schur blocks of G (double)", blocks.str()}};
  r.certified = upper_bound(det) < 0 && gram_upper < 1e-40;
  r.details =
      "det G = -1 on an orthogonal G: A(n) = G^n is relative and orthogonal for integer n "
      "but has a (-1)^n axis; no continuous extension to real positions exists";
  return r;
}

}  // namespace posprop
