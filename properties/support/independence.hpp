// Independence of properties (issue 12): the verdict row of a property is its verdict on every
// encoder it applies to. Two properties with identical rows over a matrix that includes the
// broken encoders of tests/meta are indistinguishable there: a new property whose row equals an
// existing one adds nothing the suite can show. The other side: the encoders on which a property
// is the ONLY one that fails (what it alone catches).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace posprop {

/// One cell: property, encoder and whether the verdict was "fail".
struct VerdictCell {
  std::string property, encoder;
  bool fails = false;
};

struct IndependenceReport {
  /// Groups (size >= 2) of properties whose rows are identical: same encoders, same verdicts.
  std::vector<std::vector<std::string>> identical_rows;
  /// property -> the encoders on which it is the only failing property.
  std::map<std::string, std::set<std::string>> only_failing;
};

IndependenceReport independence(const std::vector<VerdictCell>& cells);

}  // namespace posprop
