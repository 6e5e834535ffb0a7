// Residual helpers (lib/include/posprop/scalar.hpp, properties/support/property.hpp): an error
// must count by its absolute value, and a NaN must never read as "holds" (issue 12: before the
// fix, max_abs_entry returned 0 for {-1, -2, -0.5}).
#include "posprop/scalar.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace posprop {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST_CASE("max_abs_entry takes the absolute value of every entry", "[residual]") {
  Vec<double> v(3);
  v << -1, -2, -0.5;
  CHECK(max_abs_entry(v) == 2);
  Vec<Hp50> h(3);
  h << Hp50(-1), Hp50(-2), Hp50("-0.5");
  CHECK(max_abs_entry(h) == 2);
  Vec<Interval> i(2);
  i << Interval(-3), Interval(1);
  CHECK(max_abs_entry(i) == 3);
  // A negative semidefinite Gram defect: A = (1 - 2^-20) I, A^T A - I = -(2^-19 - 2^-40) I.
  const Mat<double> a = (1 - std::ldexp(1.0, -20)) * Mat<double>::Identity(4, 4);
  const Mat<double> gram = a.transpose() * a - Mat<double>::Identity(4, 4);
  CHECK(max_abs_entry(gram) == std::ldexp(1.0, -19) - std::ldexp(1.0, -40));
}

TEST_CASE("a NaN residual is never read as 0", "[residual]") {
  Vec<double> v(3);
  v << 1, kNaN, 2;
  CHECK(std::isnan(max_abs_entry(v)));
  CHECK(std::isnan(positive_part(kNaN)));
  CHECK(std::isnan(positive_part(Hp50(kNaN))));
  CHECK(positive_part(-1.0) == 0);
  CHECK(positive_part(2.0) == 2);
  CHECK(std::isnan(max_residual(0, kNaN)));
  CHECK(std::isnan(max_residual(kNaN, 1)));
  CHECK(max_residual(1, 2) == 2);
  const Measurement nan{kNaN, 1}, small{0.5, 1};
  CHECK_FALSE(nan.within());
  CHECK(std::isnan(worst(nan, small).residual));
  CHECK(std::isnan(worst(small, nan).residual));
  CHECK(std::isnan(worst(Measurement{1e300, 0}, nan).residual));
}

TEST_CASE("an interval that MPFI cannot enclose is the lower bound 0, not NaN", "[residual]") {
  const Interval undefined = sqrt(Interval(-1));
  CHECK(to_double(undefined) == 0);
  CHECK(positive_part(undefined) == 0);
  Vec<Interval> v(2);
  v << undefined, Interval(3);
  CHECK(max_abs_entry(v) == 3);  // the other entry still certifies
}

}  // namespace
}  // namespace posprop
