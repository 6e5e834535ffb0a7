// What a cell exercised (issue 12): the head dims, the range of positions, the range of every
// numeric configuration parameter, and how many random and boundary cases were evaluated. Filled
// by GeneratedProperty from every input it measures (record() overloads, one per input type).
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>

namespace posprop {

struct Coverage {
  int random_cases = 0;    // RapidCheck cases that passed or failed (shrink steps not counted)
  int boundary_cases = 0;  // boundary inputs evaluated
  int boundary_total = 0;  // boundary inputs in the cell's list
  std::set<int> dims;
  bool has_positions = false;
  double min_position = 0, max_position = 0;  // over |p| of every position used
  /// key -> [min, max] of a numeric configuration parameter.
  std::map<std::string, std::pair<double, double>> params;

  void dim(int d) { dims.insert(d); }
  /// Records |p| (positions, sums i + t, shifts: every position an encoder was evaluated at).
  void position(double p);
  /// Records a numeric parameter; non-numeric text ("true", lists) is ignored.
  void param(const std::string& key, const std::string& value);
  void param(const std::string& key, double value);
  /// Positions >= p were used.
  bool reached(double p) const { return has_positions && max_position >= p; }
  bool has_dim(int d) const { return dims.count(d) != 0; }
  int max_dim() const { return dims.empty() ? 0 : *dims.rbegin(); }

  /// One line: "12 random + 20 boundary case(s); dims 2..256 {2, 4, .., 256}; positions
  /// 0..16777216 (>= 2^20 reached); factor 1..40".
  std::string summary() const;
};

}  // namespace posprop
