// Independence of the properties (issue 12). The verdict row of a property is its verdict on
// every encoder it applies to, here over the shipped matrix AND the broken encoders of tests/meta,
// read from the expectations (which the matrix cells, meta/<property>/<encoder> and
// meta/exact/<encoder> check against real verdicts). Every property must either be the ONLY one
// that catches some broken encoder, or its proof file must say why it is kept ("Independence of
// `<id>`"). Properties with identical rows are listed (they can only be among the latter).
// The table is printed: `ctest -R meta/independence -V`.
#include "broken_registry.hpp"
#include "support/independence.hpp"
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

TEST_CASE("meta/independence: every property catches something alone or says why it is kept",
          "[independence]") {
  std::vector<VerdictCell> cells;
  for (const std::vector<EncoderEntry>* rows : {&encoders(), &broken_encoders_exact()})
    for (const EncoderEntry& e : *rows)
      for (const Property* p : properties())
        if (p->applies_to(e))
          cells.push_back({p->info().id, e.name, e.expectation(p->info().id) == Expect::fail});
  const IndependenceReport report = independence(cells);
  std::map<std::string, std::set<std::string>> sole;  // property -> broken encoders it alone catches
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
  for (const Property* p : properties()) {
    const std::string& id = p->info().id;
    if (!sole[id].empty()) continue;
    const std::string proof = std::string(POSPROP_SOURCE_DIR) + "/" + p->info().proof;
    INFO(id << " is the only catcher of no broken encoder: add one to tests/meta, or say in "
            << p->info().proof << " why it is kept (a paragraph \"Independence of `" << id
            << "`\")");
    CHECK(read(proof).find("Independence of `" + id + "`") != std::string::npos);
  }
}

}  // namespace
}  // namespace posprop::meta
