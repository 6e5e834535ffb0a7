// Eigen::NumTraits<Hp50> and the Eigen decompositions that need it (rcond, self-adjoint
// eigensolver). One scalar type per file: see numtraits_checks.hpp.
#include "numtraits_checks.hpp"

namespace posprop::unit {
namespace {

TEST_CASE("NumTraits<Hp50> has what Eigen 3.4 needs", "[scalar][hp50]") {
  check_numtraits<Hp50>(50);
}

TEST_CASE("LU with rcond on Hp50", "[scalar][hp50]") {
  check_lu<Hp50>(1e-45);
}

TEST_CASE("SelfAdjointEigenSolver on Hp50", "[scalar][hp50]") {
  check_eigensolver<Hp50>(1e-45);
}

}  // namespace
}  // namespace posprop::unit
