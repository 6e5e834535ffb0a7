// Haar-random orthogonal matrices (orthogonal.hpp): orthogonal to the working precision of the
// scalar, deterministic in the seed, and the same matrix on every rung of the ladder.
#include "posprop/encoders/rope_basis.hpp"
#include "posprop/orthogonal.hpp"

#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace posprop
