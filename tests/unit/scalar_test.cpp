// The scalar ladder's traits for the hardware types: unit roundoff, exact-integer range, names,
// 17-digit printing.
#include "posprop/scalar.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

namespace posprop {
namespace {

TEST_CASE("unit_roundoff is eps / 2", "[scalar]") {
  CHECK(unit_roundoff<float>() == std::ldexp(1.0, -24));
  CHECK(unit_roundoff<double>() == std::ldexp(1.0, -53));
  // u is the largest relative rounding error: 1 + u rounds to 1 (ties to even), 1 + 2u does not.
  const double u = unit_roundoff<double>();
  CHECK(1.0 + u == 1.0);
  CHECK(1.0 + 2 * u != 1.0);
  const float uf = static_cast<float>(unit_roundoff<float>());
  CHECK(1.0f + uf == 1.0f);
  CHECK(1.0f + 2 * uf != 1.0f);
}

TEST_CASE("max_exact_integer is 2^digits", "[scalar]") {
  CHECK(max_exact_integer<float>() == 16777216.0);
  CHECK(max_exact_integer<double>() == 9007199254740992.0);
  // Every integer up to it is exact; the next one is not.
  CHECK(static_cast<double>(static_cast<float>(16777215.0)) == 16777215.0);
  CHECK(static_cast<double>(static_cast<float>(16777216.0)) == 16777216.0);
  CHECK(static_cast<double>(static_cast<float>(16777217.0)) != 16777217.0);
  CHECK(9007199254740992.0 + 1.0 == 9007199254740992.0);
}

TEST_CASE("scalar names", "[scalar]") {
  CHECK(std::string(scalar_name<float>()) == "float");
  CHECK(std::string(scalar_name<double>()) == "double");
  CHECK(std::string(scalar_name<Hp50>()) == "hp50");
  CHECK(std::string(scalar_name<Hp100>()) == "hp100");
}

TEST_CASE("to_string prints 17 significant digits that round-trip", "[scalar]") {
  // scalar.hpp documents `digits` SIGNIFICANT digits; std::scientific's precision counts the
  // digits after the point, so precision(digits) prints digits + 1.
  CHECK(to_string(0.1) == "1.0000000000000001e-01");
  CHECK(to_string(1.0) == "1.0000000000000000e+00");
  CHECK(to_string(-0.1, 5) == "-1.0000e-01");
  for (const double x : {0.1, 1.0 / 3.0, 1e-300, 6.02214076e23, -2.5e-10, 16777217.0}) {
    INFO(to_string(x));
    CHECK(std::stod(to_string(x)) == x);
  }
}

TEST_CASE("to_double is exact for doubles", "[scalar]") {
  CHECK(to_double(0.1) == 0.1);
  CHECK(to_double(0.1f) == static_cast<double>(0.1f));
}

}  // namespace
}  // namespace posprop
