#define CATCH_CONFIG_RUNNER
#include "support/catch_cells.hpp"
#include "posprop/heap.hpp"
#include "support/expectations.hpp"

#include "support/cell_report.hpp"
#include "support/property.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <iostream>

namespace posprop {
namespace {

struct Cell {
  std::string name;
  std::string group;  // "<prefix><property id>": the CTest test of the default tier
  std::string tags;
  std::vector<std::string> labels;
  const Property* property;
  const EncoderEntry* encoder;
};

std::deque<Cell>& cells() {
  static std::deque<Cell> all;
  return all;
}

std::string self_path() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("<test binary>");
}

class CellInvoker : public Catch::ITestInvoker {
 public:
  explicit CellInvoker(const Cell& cell) : cell_(cell) {}
  void invoke() const override {
    const CellResult result = cell_.property->check(*cell_.encoder, tier_options(cell_.name));
    const std::string report = describe_cell(result, self_path() + " \"" + cell_.name + "\"");
    if (result.as_expected()) {
      if (result.counterexample) std::cout << report;
      SUCCEED(report);
    } else {
      // Printed unwrapped: Catch's console reporter wraps messages at 80 columns, which breaks
      // the reproduce line and the 17-digit numbers.
      std::cout << report << std::flush;
      FAIL(cell_.name + ": the verdict differs from its expectation (report above)");
    }
  }

 private:
  const Cell& cell_;
};

std::string cmake_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

void add_ctest(std::ostream& out, const std::string& test, const std::string& binary,
               const std::string& spec, std::vector<std::string> labels, bool soak) {
  out << "add_test(" << cmake_quote(test) << " " << cmake_quote(binary) << " " << cmake_quote(spec)
      << ")\n";
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  std::string joined;
  for (const auto& l : labels) joined += (joined.empty() ? "" : ";") + l;
  joined += soak ? ";soak" : ";gate";
  out << "set_tests_properties(" << cmake_quote(test) << " PROPERTIES LABELS "
      << cmake_quote(joined) << (soak ? " ENVIRONMENT POSPROP_TIER=soak" : "") << ")\n";
}

/// The default tier runs each property's cells in one process ("<property>/*": the encoders
/// share the instances built for them, and a process start costs about as much as a cheap cell);
/// the soak tier runs each cell alone (long cells in parallel).
int write_ctest_file(const std::string& file, const std::string& binary, bool soak) {
  std::ofstream out(file);
  const std::deque<Cell>& all = cells();
  for (std::size_t k = 0; k < all.size();) {
    if (soak) {
      add_ctest(out, all[k].name + "/soak", binary, all[k].name, all[k].labels, true);
      ++k;
      continue;
    }
    std::vector<std::string> labels;
    std::size_t end = k;
    for (; end < all.size() && all[end].group == all[k].group; ++end)
      labels.insert(labels.end(), all[end].labels.begin(), all[end].labels.end());
    add_ctest(out, all[k].group, binary, all[k].group + "/*", labels, false);
    k = end;
  }
  return out ? 0 : 1;
}

}  // namespace

void register_cell_tests(const std::vector<EncoderEntry>& encoders, const std::string& prefix,
                         bool only_expected_failures) {
  check_expectations(encoders);
  for (const Property* property : properties()) {
    for (const EncoderEntry& encoder : encoders) {
      if (!property->applies_to(encoder)) continue;
      if (only_expected_failures && encoder.expectation(property->info().id) != Expect::fail)
        continue;
      Cell cell;
      cell.group = prefix + property->info().id;
      cell.name = cell.group + "/" + encoder.name;
      cell.labels = {property->info().area, encoder.family};
      if (!prefix.empty()) cell.labels.push_back(prefix.substr(0, prefix.size() - 1));
      cell.tags = "[" + property->info().area + "][" + encoder.family + "]";
      cell.property = property;
      cell.encoder = &encoder;
      cells().push_back(cell);
      const Cell& stored = cells().back();
      Catch::AutoReg(new CellInvoker(stored), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                     Catch::NameAndTags{stored.name.c_str(), stored.tags.c_str()});
    }
  }
}

int run_catch_main(int argc, char** argv) {
  retain_freed_memory();
  // The gate's default seed unless the user's RC_PARAMS sets one. It is appended to the user's
  // RC_PARAMS, so that RapidCheck's "Using configuration: ... seed=N" names the seed really used.
  // The soak tier leaves the seed to RapidCheck (random, printed); tier_options() reads it back.
  const char* tier = std::getenv("POSPROP_TIER");
  const bool soak = tier != nullptr && std::string(tier) == "soak";
  const char* env = std::getenv("RC_PARAMS");
  std::string params = env != nullptr ? env : "";
  if (!soak && params.find("seed=") == std::string::npos) {
    params += (params.empty() ? "" : " ") + std::string("seed=") + std::to_string(kDefaultSeed);
    setenv("RC_PARAMS", params.c_str(), 1);
  }
  if (argc >= 4 && std::string(argv[1]) == "--posprop-ctest") {
    return write_ctest_file(argv[2], argv[3], argc >= 5 && std::string(argv[4]) == "soak");
  }
  return Catch::Session().run(argc, argv);
}

}  // namespace posprop
