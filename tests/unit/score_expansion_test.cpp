// The four-term expansion of the embedding-site logit (CLAIMS.md S10, proofs/commutant.md
// Theorem 1): attention_logit() = e_i'M e_j + e_i'M p_j + p_i'M e_j + p_i'M p_j, M = W_q'W_k.
// A check of score.hpp (bilinearity), not of an encoder: every embedding encoder adds p, so no
// encoder can break it -- which is why it is a unit test and not a property.
#include "posprop/encoders/sinusoidal.hpp"
#include "posprop/random.hpp"
#include "posprop/score.hpp"

#include <catch2/catch.hpp>

namespace posprop {
namespace {

Mat<double> gaussian(std::uint64_t seed, Index n) {
  const std::vector<double> g = gaussian_entries(seed, n, n);
  Mat<double> m(n, n);
  for (Index r = 0; r < n; ++r)
    for (Index c = 0; c < n; ++c) m(r, c) = g[static_cast<std::size_t>(r * n + c)];
  return m;
}

TEST_CASE("embedding logit equals its four-term expansion", "[score]") {
  const Index d = 16;
  const Sinusoidal<double> enc(d, 10000.0, SinusoidalConvention::interleaved);
  const Projections<double> w{gaussian(1, d), gaussian(2, d)};
  const Vec<double> e_i = gaussian(3, d).col(0), e_j = gaussian(4, d).col(1);
  for (const double i : {0.0, 7.0, 1000.0}) {
    for (const double j : {0.0, 3.0, 65536.0}) {
      const Vec<double> p_i = enc.position_vector(i), p_j = enc.position_vector(j);
      const Mat<double> m = w.w_q.transpose() * w.w_k;
      const double terms =
          e_i.dot(m * e_j) + e_i.dot(m * p_j) + p_i.dot(m * e_j) + p_i.dot(m * p_j);
      const double s = attention_logit(enc, w, e_i, e_j, i, j);
      // Both evaluate the same bilinear form in different orders: |diff| <= 2 gamma_{2d} |W|^2
      // |x|^2.
      const double scale =
          w.w_q.norm() * w.w_k.norm() * (e_i.norm() + p_i.norm()) * (e_j.norm() + p_j.norm());
      REQUIRE(std::fabs(s - terms) <= 4.0 * d * 1.2e-16 * scale);
    }
  }
}

}  // namespace
}  // namespace posprop
