#include "support/independence.hpp"

namespace posprop {

IndependenceReport independence(const std::vector<VerdictCell>& cells) {
  std::map<std::string, std::map<std::string, bool>> rows;  // property -> encoder -> fails
  std::map<std::string, std::set<std::string>> failing_on;  // encoder -> failing properties
  for (const VerdictCell& c : cells) {
    rows[c.property][c.encoder] = c.fails;
    if (c.fails) failing_on[c.encoder].insert(c.property);
  }
  IndependenceReport report;
  std::map<std::map<std::string, bool>, std::vector<std::string>> by_row;
  for (const auto& [property, row] : rows) by_row[row].push_back(property);
  for (const auto& [row, properties] : by_row)
    if (properties.size() >= 2) report.identical_rows.push_back(properties);
  for (const auto& [encoder, failing] : failing_on)
    if (failing.size() == 1) report.only_failing[*failing.begin()].insert(encoder);
  return report;
}

}  // namespace posprop
