// What `posprop diff` prints: a readable report or one JSON document (diff_command.cpp runs the
// comparison; posprop/diff.hpp defines it).
#pragma once

#include "diff_operands.hpp"

#include "posprop/diff.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace posprop::cli {

struct DiffRun {
  Operand a, b;
  precision::FormatId format = precision::FormatId::fp32;
  Params params_a, params_b;  // at the first head_dim compared
  std::vector<diff::Comparison> comparisons;
  std::vector<std::pair<Index, std::string>> skipped;  // head_dim, why (a swept dim)
  bool differs() const;
};

void print_diff_text(std::ostream& out, const DiffRun& run);
void print_diff_json(std::ostream& out, const DiffRun& run);

}  // namespace posprop::cli
