// Properties select their encoders by capability (issue 15): the published formula an entry
// declares (EncoderEntry::formula), the scaling schedule (EncoderEntry::scaling), its site and
// its maps, never by its family name or by a parameter that only names the schedule. A
// newcomer's copy of every shipped entry under another family, and for scaled RoPE without the
// rope_type parameter, gets exactly the shipped entry's cells; a newcomer's scaled RoPE passes
// the scaling.* properties on the boundary inputs, and one that declares a schedule it does not
// implement is caught.
#include "support/cell_report.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace posprop::meta {
namespace {

/// The shipped entry as a newcomer would write it: another name and family, and no rope_type
/// parameter (its schedule is declared by `scaling` alone).
EncoderEntry newcomer_copy(const EncoderEntry& shipped) {
  EncoderEntry e = shipped;
  e.name = "newcomer-" + shipped.name;
  e.family = "newcomer";
  if (e.scaling) {
    e.params.erase(std::remove_if(e.params.begin(), e.params.end(),
                                  [](const ParamSpec& p) { return p.key == "rope_type"; }),
                   e.params.end());
  }
  return e;
}

CellResult boundary_cell(const Property& p, const EncoderEntry& e) {
  CheckOptions options;
  options.seed = kDefaultSeed;
  options.cases = 0;  // boundary inputs only
  options.test_id = "capability/" + p.info().id + "/" + e.name;
  return p.check(e, options);
}

TEST_CASE("meta/capability: a newcomer's copy of an entry gets the same properties",
          "[capability]") {
  int cells = 0;
  for (const EncoderEntry& shipped : encoders()) {
    const EncoderEntry copy = newcomer_copy(shipped);
    for (const Property* p : properties()) {
      INFO(p->info().id << " on " << shipped.name << " and " << copy.name);
      CHECK(p->applies_to(copy) == p->applies_to(shipped));
      cells += p->applies_to(copy);
    }
  }
  CHECK(cells > 300);
}

TEST_CASE("meta/capability: a newcomer's scaled RoPE passes the scaling properties",
          "[capability]") {
  EncoderEntry copy = newcomer_copy(find_encoder("rope-linear"));
  copy.max_dim = 16;  // small boundary dims: the cells run in the default tier
  int checked = 0;
  for (const Property* p : properties()) {
    if (p->info().area != "scaling") continue;
    REQUIRE(p->applies_to(copy));
    const CellResult cell = boundary_cell(*p, copy);
    INFO(describe_cell(cell, "(boundary inputs only)"));
    CHECK(cell.verdict == Verdict::hold);
    ++checked;
  }
  CHECK(checked >= 5);
}

TEST_CASE("meta/capability: a declared schedule the encoder does not implement is caught",
          "[capability]") {
  // rope-linear's encoder (inv_k / s) declared as static NTK (base s^(d/(d-2)) b): both read
  // only `factor`, so every configuration is valid for both, and only the comparison with the
  // declared schedule tells them apart.
  EncoderEntry e = newcomer_copy(find_encoder("rope-linear"));
  e.scaling = RopeScalingType::ntk;
  e.dim_multiple = 4;  // the NTK exponent d / (d - 2) needs d >= 4
  const CellResult cell = boundary_cell(find_property("scaling.spec_reference"), e);
  INFO(describe_cell(cell, "(boundary inputs only)"));
  CHECK(cell.verdict == Verdict::fail);
  REQUIRE(cell.counterexample);
  CHECK(cell.counterexample->certified);
}

}  // namespace
}  // namespace posprop::meta
