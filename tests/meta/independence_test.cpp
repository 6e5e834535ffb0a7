// Independence of the properties (issue 12). The verdict row of a property is its verdict on
// every encoder it applies to, here over the shipped matrix AND the broken encoders of tests/meta,
// read from the expectations (which the matrix cells, meta/<property>/<encoder> and
// meta/exact/<encoder> check against real verdicts). Two properties with identical rows cannot be
// told apart by anything the suite runs (a newcomer's `rotation.inverse` would have exactly
// `rotation.group`'s row): each member of such a group must say in its proof file why it is kept
// (a paragraph "Independence of `<id>`"), or a broken encoder that separates them must be added.
// The same paragraph is required of every property that is the only catcher of no broken encoder.
// The table (which broken encoders each property alone catches) is printed:
// `ctest -R meta/independence -V`.
#include "support/independence.hpp"
#include "broken_registry.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace posprop::meta {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "-" : out;
}

TEST_CASE("meta/independence: every property catches a bug alone or says why it is kept",
          "[independence]") {
  std::vector<VerdictCell> cells;
  for (const std::vector<EncoderEntry>* rows : {&encoders(), &broken_encoders_exact()})
    for (const EncoderEntry& e : *rows)
      for (const Property* p : properties())
        if (p->applies_to(e))
          cells.push_back({p->info().id, e.name, e.expectation(p->info().id) == Expect::fail});
  const IndependenceReport report = independence(cells);
  std::map<std::string, std::set<std::string>>
      sole;  // property -> broken encoders it alone catches
  for (const EncoderEntry& b : broken_encoders())
    if (b.expected_failures.size() == 1) sole[*b.expected_failures.begin()].insert(b.name);

  std::cout << "property | only catcher of (broken encoders) | only failing on (matrix + broken)\n";
  for (const Property* p : properties()) {
    const std::string& id = p->info().id;
    const auto only = report.only_failing.find(id);
    std::cout << id << " | " << joined(sole[id]) << " | "
              << (only == report.only_failing.end() ? "-" : joined(only->second)) << '\n';
  }
  for (const auto& group : report.identical_rows) {
    std::cout << "identical rows:";
    for (const auto& id : group) std::cout << ' ' << id;
    std::cout << '\n';
  }
  // Issue 12: every property is the only catcher of some broken encoder, or says why it is kept.
  for (const Property* p : properties()) {
    const std::string& id = p->info().id;
    if (!sole[id].empty()) continue;
    const std::string proof = std::string(POSPROP_SOURCE_DIR) + "/" + p->info().proof;
    INFO(id << " is the only catcher of no broken encoder: add one in tests/meta that only it "
            << "catches, or say in " << proof << " why it is kept (a paragraph \"Independence of `"
            << id << "`\")");
    CHECK(read(proof).find("Independence of `" + id + "`") != std::string::npos);
  }
  for (const auto& group : report.identical_rows) {
    for (const std::string& id : group) {
      const std::string proof =
          std::string(POSPROP_SOURCE_DIR) + "/" + find_property(id).info().proof;
      INFO(id << " has the same verdict row as the other properties of its group: add a broken "
              << "encoder in tests/meta that separates them, or say in " << proof
              << " why it is kept (a paragraph \"Independence of `" << id << "`\")");
      CHECK(read(proof).find("Independence of `" + id + "`") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace posprop::meta
