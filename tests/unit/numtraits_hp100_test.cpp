// Eigen::NumTraits<Hp100> and the Eigen decompositions that need it (rcond, self-adjoint
// eigensolver). One scalar type per file: see numtraits_checks.hpp.
#include "numtraits_checks.hpp"

namespace posprop::unit {
namespace {

TEST_CASE("NumTraits<Hp100> has what Eigen 3.4 needs", "[scalar][hp100]") {
  check_numtraits<Hp100>(100);
}

TEST_CASE("LU with rcond on Hp100", "[scalar][hp100]") {
  check_lu<Hp100>(1e-95);
}

TEST_CASE("SelfAdjointEigenSolver on Hp100", "[scalar][hp100]") {
  check_eigensolver<Hp100>(1e-95);
}

}  // namespace
}  // namespace posprop::unit
