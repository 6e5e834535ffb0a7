#include "exact_row.hpp"

#include "support/cell_report.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <deque>
#include <fstream>
#include <iostream>

namespace posprop::meta {
namespace {

struct ExactRow {
  std::string name;
  const EncoderEntry* row;
  std::set<std::string> skip;
};

std::deque<ExactRow>& registered() {
  static std::deque<ExactRow> all;
  return all;
}

class ExactRowInvoker : public Catch::ITestInvoker {
 public:
  explicit ExactRowInvoker(const ExactRow& test) : test_(test) {}
  void invoke() const override {
    const EncoderEntry& encoder = *test_.row;
    int checked = 0;
    for (const Property* property : properties()) {
      const std::string& id = property->info().id;
      if (!property->applies_to(encoder) || test_.skip.count(id)) continue;
      ++checked;
      const CellResult cell = property->check(encoder, tier_options(test_.name + "/" + id));
      const std::string report = describe_cell(cell, "(part of " + test_.name + ")");
      // A new property that catches this broken encoder belongs in its catch list.
      const bool caught = cell.expected == Expect::hold && cell.verdict == Verdict::fail;
      INFO(report << (caught ? "\n" + id + " catches " + encoder.name + ": add \"" + id +
                                   "\" to the properties listed in the entry \"" + encoder.name +
                                   "\" (tests/meta/broken_*.cpp)"
                             : ""));
      CHECK(cell.as_expected());
      if (cell.as_expected()) std::cout << report;
    }
    std::cout << checked << " properties that must not see " << encoder.name << " checked\n";
    SUCCEED();
  }

 private:
  const ExactRow& test_;
};

std::string cmake_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

}  // namespace

void register_exact_row_tests(const std::vector<EncoderEntry>& rows,
                              const std::vector<EncoderEntry>& catches, const std::string& prefix) {
  for (std::size_t k = 0; k < rows.size(); ++k) {
    registered().push_back({prefix + rows[k].name, &rows[k], catches.at(k).expected_failures});
    const ExactRow& stored = registered().back();
    Catch::AutoReg(new ExactRowInvoker(stored), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                   Catch::NameAndTags{stored.name.c_str(), "[exact]"});
  }
}

int append_exact_row_ctest(const std::string& file, const std::string& binary) {
  std::ofstream out(file, std::ios::app);
  for (const ExactRow& test : registered()) {
    out << "add_test(" << cmake_quote(test.name) << " " << cmake_quote(binary) << " "
        << cmake_quote(test.name) << ")\n";
    out << "set_tests_properties(" << cmake_quote(test.name) << " PROPERTIES LABELS "
        << cmake_quote("meta;gate;" + test.row->family) << ")\n";
  }
  return out ? 0 : 1;
}

}  // namespace posprop::meta
