// The RapidCheck driver (properties/support): the default seed when RC_PARAMS is unset, and the
// counterexample of an expected-fail cell: found, shrunk, structural, stable across the ladder,
// reproducible.
#include "support/rapidcheck_driver.hpp"
#include "posprop/registry.hpp"
#include "support/cell_report.hpp"
#include "support/expectations.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace posprop {
namespace {

// Runs first (declaration order): RapidCheck reads RC_PARAMS once, on first use.
TEST_CASE("RC_PARAMS unset: the default seed is used", "[driver]") {
  unsetenv("RC_PARAMS");
  unsetenv("POSPROP_TIER");
  const CheckOptions options = tier_options("unit/driver");
  CHECK(options.seed == kDefaultSeed);
  CHECK(options.test_id == "unit/driver");
  CHECK(options.cases == kGateCases);
  const rc::detail::TestParams params = test_params(options);
  CHECK(params.seed == kDefaultSeed);
  CHECK(params.maxSuccess == kGateCases);
  CheckOptions few = options;
  few.cases = 7;
  few.seed = 99;
  CHECK(test_params(few).maxSuccess == 7);
  CHECK(test_params(few).seed == 99);
}

TEST_CASE("an expected-fail cell yields a structural, ladder-stable counterexample", "[driver]") {
  unsetenv("RC_PARAMS");
  const Property& property = find_property("score.translation_equivariant");
  const EncoderEntry& sinusoidal = find_encoder("sinusoidal");
  REQUIRE(sinusoidal.expectation(property.info().id) == Expect::fail);
  const CellResult cell = property.check(sinusoidal, tier_options("unit/driver/sinusoidal"));
  INFO(describe_cell(cell, "(unit test)"));
  CHECK(cell.expected == Expect::fail);
  REQUIRE(cell.verdict == Verdict::fail);
  REQUIRE(cell.counterexample.has_value());
  const Counterexample& cx = *cell.counterexample;
  CHECK(cx.structural);
  CHECK(cx.ladder_stable);
  CHECK(cx.at_hp100.residual > 1e6 * cx.at_hp100.tolerance);
  CHECK(!cx.reproduce.empty());
  CHECK(!cx.values.empty());
  CHECK(cell.as_expected());
  // The same seed gives the same counterexample.
  const CellResult again = property.check(sinusoidal, tier_options("unit/driver/sinusoidal"));
  REQUIRE(again.counterexample.has_value());
  CHECK(again.counterexample->values == cx.values);
  CHECK(again.counterexample->reproduce == cx.reproduce);
}

TEST_CASE("an expected-hold cell holds on every case", "[driver]") {
  unsetenv("RC_PARAMS");
  const CellResult cell =
      find_property("spec.reference").check(find_encoder("rope"), tier_options("unit/driver/rope"));
  INFO(describe_cell(cell, "(unit test)"));
  CHECK(cell.verdict == Verdict::hold);
  CHECK(cell.coverage.random_cases == kGateCases);
  CHECK(cell.coverage.boundary_cases == cell.coverage.boundary_total);
  CHECK(cell.cases == kGateCases + cell.coverage.boundary_cases);
  CHECK(!cell.counterexample.has_value());
  CHECK(cell.as_expected());
  CHECK(cell.max_residual_hp <= cell.max_residual_double);
}

TEST_CASE("the report of a counterexample carries 17 digits and the reproduce line", "[driver]") {
  CellResult cell;
  cell.encoder = "enc";
  cell.property = "area.name";
  cell.expected = Expect::hold;
  cell.verdict = Verdict::fail;
  cell.cases = 3;
  Counterexample cx;
  cx.values = {{"input", "{a=0.10000000000000001}"}};
  cx.at_double = {0.1, 1e-16};
  cx.at_hp50 = {0.1, 1e-50};
  cx.at_hp100 = {0.1, 1e-100};
  cx.structural = true;
  cx.ladder_stable = true;
  cx.reproduce = "TOKEN";
  cell.counterexample = cx;
  const std::string report = describe_cell(cell, "/bin/x \"area.name/enc\"");
  CHECK_THAT(report, Catch::Contains("NOT AS EXPECTED"));
  CHECK_THAT(report, Catch::Contains("double: residual 0.10000000000000001"));
  CHECK_THAT(report,
             Catch::Contains("reproduce: RC_PARAMS=\"reproduce=TOKEN\" /bin/x \"area.name/enc\""));
  CHECK_FALSE(cell.as_expected());
}

TEST_CASE("an expected failure counts only with a structural, certified counterexample",
          "[driver]") {
  CellResult cell;
  cell.expected = Expect::fail;
  cell.verdict = Verdict::fail;
  CHECK_FALSE(cell.as_expected());  // no counterexample at all
  Counterexample cx;
  for (const bool structural : {false, true}) {
    for (const bool certified : {false, true}) {
      cx.structural = structural;
      cx.certified = certified;
      cell.counterexample = cx;
      INFO("structural " << structural << ", certified " << certified);
      CHECK(cell.as_expected() == (structural && certified));
    }
  }
  cell.verdict = Verdict::hold;
  CHECK_FALSE(cell.as_expected());
  cell.verdict = Verdict::error;
  CHECK_FALSE(cell.as_expected());
}

TEST_CASE("an expected failure that names no property is refused", "[driver]") {
  EncoderEntry typo = find_encoder("rope");
  typo.name = "rope-typo";
  typo.expected_failures = {"rotation.gruop"};
  CHECK_THROWS_WITH(check_expectations({typo}),
                    Catch::Contains("rope-typo") && Catch::Contains("'rotation.gruop'"));
  CHECK_NOTHROW(check_expectations(encoders()));
}

}  // namespace
}  // namespace posprop
