// The boundary inputs alone decide every expected failure (issue 12). A cell evaluates its
// boundary inputs whenever its random cases have not settled it, and they do not depend on the
// seed or the case count; so if the boundary inputs alone (cases = 0) find a certified
// counterexample for an expected-fail cell, that cell is "xfail found" at every seed and every
// case count, and no MISSED can depend on either. Checked for every expected failure of the
// shipped matrix and of the broken encoders (their catches and their imitated failures).
#include "broken_registry.hpp"
#include "support/cell_report.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <iostream>

namespace posprop::meta {
namespace {

void check_expected_failures(const std::vector<EncoderEntry>& rows, const std::string& prefix) {
  CheckOptions options;
  options.seed = kDefaultSeed;
  options.cases = 0;  // boundary inputs only
  int checked = 0;
  for (const EncoderEntry& e : rows) {
    for (const Property* p : properties()) {
      if (!p->applies_to(e) || e.expectation(p->info().id) != Expect::fail) continue;
      options.test_id = prefix + p->info().id + "/" + e.name;
      const CellResult cell = p->check(e, options);
      INFO(describe_cell(cell, "(boundary inputs only)"));
      CHECK(cell.as_expected());
      CHECK(cell.coverage.random_cases == 0);
      ++checked;
    }
  }
  std::cout << checked << " expected failures found by the boundary inputs alone (" << prefix
            << ")\n";
  CHECK(checked > 0);
}

TEST_CASE("meta/boundary_decides: shipped expected failures", "[boundary_decides]") {
  check_expected_failures(encoders(), "boundary/");
}

TEST_CASE("meta/boundary_decides: broken encoders", "[boundary_decides]") {
  check_expected_failures(broken_encoders_exact(), "boundary/meta/");
}

}  // namespace
}  // namespace posprop::meta
