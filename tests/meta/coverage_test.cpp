// Coverage of the meta tests. A property that never fails could be unable to fail at all (a
// residual that is always 0, a tolerance that is always huge, applies_to() never true), so every
// property must be shown to fail somewhere with a structural counterexample:
//   - by a broken encoder that it catches (meta/<property>/<encoder>), or
//   - for properties that state a fact of an injection site which no encoder can break (e.g.
//     score.position_bias_only holds for every score_bias encoder, by the definition of the
//     logit), by a shipped encoder expected to fail it (the matrix demands the same certificate).
// Also: every listed catch must name a property that exists and applies (register_cell_tests
// silently skips the others, which would drop a meta test without anyone noticing).
#include "broken_registry.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

namespace posprop::meta {
namespace {

std::string failing_encoders(const Property& property, const std::vector<EncoderEntry>& list) {
  std::string names;
  for (const EncoderEntry& e : list)
    if (e.expectation(property.info().id) == Expect::fail && property.applies_to(e))
      names += " " + e.name;
  return names;
}

TEST_CASE("meta/coverage: every property is shown to fail", "[coverage]") {
  REQUIRE(properties().size() >= 8);
  for (const Property* property : properties()) {
    const std::string caught_by = failing_encoders(*property, broken_encoders());
    const std::string fails_on = failing_encoders(*property, encoders());
    INFO(property->info().id << " -- caught by broken encoders:"
                             << (caught_by.empty() ? " none" : caught_by)
                             << "; expected to fail on shipped encoders:"
                             << (fails_on.empty() ? " none" : fails_on)
                             << ". Add a broken encoder that it catches (tests/meta/).");
    CHECK(!(caught_by.empty() && fails_on.empty()));
  }
}

TEST_CASE("meta/coverage: the original eight properties are caught by broken encoders",
          "[coverage]") {
  for (const char* id : {"rotation.orthogonal", "rotation.group", "score.translation_equivariant",
                         "score.relative_form", "layout.equivalence", "partial.pass_through",
                         "map.apply_matches_matrix", "spec.reference"}) {
    INFO(id);
    REQUIRE_NOTHROW(find_property(id));
    CHECK(!failing_encoders(find_property(id), broken_encoders()).empty());
  }
}

TEST_CASE("meta/coverage: catches name applicable properties", "[coverage]") {
  std::set<std::string> names;
  for (const EncoderEntry& e : broken_encoders()) {
    INFO(e.name);
    CHECK(names.insert(e.name).second);
    CHECK(!e.expected_failures.empty());
    for (const std::string& id : e.expected_failures) {
      INFO(e.name << " lists " << id);
      REQUIRE_NOTHROW(find_property(id));
      CHECK(find_property(id).applies_to(e));
    }
  }
}

TEST_CASE("meta/coverage: broken encoders do not shadow shipped ones", "[coverage]") {
  for (const EncoderEntry& e : broken_encoders()) {
    INFO(e.name);
    for (const EncoderEntry& shipped : encoders()) CHECK(e.name != shipped.name);
  }
}

}  // namespace
}  // namespace posprop::meta
