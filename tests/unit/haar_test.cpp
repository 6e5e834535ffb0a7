// Haar-random orthogonal matrices (orthogonal.hpp): orthogonal to the working precision of the
// scalar, deterministic in the seed, and the same matrix on every rung of the ladder.
#include "posprop/encoders/rope_basis.hpp"
#include "posprop/orthogonal.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace posprop {
namespace {

template <class T>
double orthogonality_defect(const Mat<T>& q) {
  return to_double(
      T((q.transpose() * q - Mat<T>::Identity(q.rows(), q.cols())).cwiseAbs().maxCoeff()));
}

TEST_CASE("Haar orthogonal Q^T Q = I at Hp100 to ~1e-95", "[haar][hp100]") {
  for (const Index n : {2, 5, 8}) {
    const Mat<Hp100> q = haar_orthogonal<Hp100>(42, n);
    INFO("n = " << n);
    CHECK(orthogonality_defect(q) < 1e-95);
    CHECK(orthogonality_defect(Mat<Hp100>(q.transpose())) < 1e-95);
  }
}

TEST_CASE("Haar orthogonal is deterministic and ladder-consistent", "[haar]") {
  const Mat<double> a = haar_orthogonal<double>(7, 6), b = haar_orthogonal<double>(7, 6);
  CHECK(a == b);
  CHECK(a != haar_orthogonal<double>(8, 6));
  CHECK(orthogonality_defect(a) < 1e-14);
  const Mat<Hp100> hp = haar_orthogonal<Hp100>(7, 6);
  for (Index r = 0; r < 6; ++r)
    for (Index c = 0; c < 6; ++c) CHECK(std::fabs(a(r, c) - static_cast<double>(hp(r, c))) < 1e-14);
}

TEST_CASE("rope-basis map is orthogonal at Hp100", "[haar][hp100]") {
  const RopeBasis<Hp100> enc(8, 1e4, 3);
  const Mat<Hp100> a = enc.query_map(123456);
  CHECK(orthogonality_defect(a) < 1e-94);
}

// Haar on O(n): every entry has mean 0 and second moment 1/n, and det = +1 or -1 with probability
// 1/2 each. 4000 seeds at n = 4: the sample means are within 5 standard errors (sd(q^2) <= 0.3,
// sd(q) = 0.5, sd(det) = 1, each over sqrt(4000)).
TEST_CASE("Haar orthogonal: first and second moments and the sign of det", "[haar]") {
  constexpr int kSeeds = 4000;
  constexpr Index n = 4;
  Mat<double> mean = Mat<double>::Zero(n, n), second = Mat<double>::Zero(n, n);
  double det_mean = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const Mat<double> q = haar_orthogonal<double>(static_cast<std::uint64_t>(seed), n);
    mean += q / kSeeds;
    second += q.cwiseProduct(q) / kSeeds;
    det_mean += determinant<double>(q) / kSeeds;
  }
  const double se = 1.0 / std::sqrt(double(kSeeds));
  CHECK(mean.cwiseAbs().maxCoeff() < 5 * 0.5 * se);
  CHECK((second.array() - 1.0 / n).abs().maxCoeff() < 5 * 0.3 * se);
  CHECK(std::fabs(det_mean) < 5 * se);
}

TEST_CASE("determinant by Householder R: exact small cases", "[haar]") {
  Mat<double> a(3, 3);
  a << 2, 0, 0, 1, 3, 0, 4, 5, 6;  // lower triangular: det 36
  CHECK(std::fabs(determinant<double>(a) - 36) < 1e-12);
  Mat<double> swap = Mat<double>::Zero(3, 3);
  swap(0, 1) = swap(1, 0) = swap(2, 2) = 1;  // a transposition: det -1
  CHECK(std::fabs(determinant<double>(swap) + 1) < 1e-15);
  const Mat<Hp100> q = haar_orthogonal<Hp100>(5, 12);
  CHECK(std::fabs(to_double(Hp100(abs(determinant<Hp100>(q)) - 1))) < 1e-95);
}

}  // namespace
}  // namespace posprop
