#include "coverage_json.hpp"

#include "support/boundary.hpp"
#include "support/independence.hpp"

#include <algorithm>

namespace posprop::cli {
namespace {

bool admits(const EncoderEntry& e, int dim) {
  const std::vector<int> dims = boundary::admitted_dims(e, 1 << 20);
  return std::find(dims.begin(), dims.end(), dim) != dims.end();
}

}  // namespace

Json coverage_json(const Coverage& c) {
  Json params = Json::object();
  for (const auto& [key, range] : c.params)
    params[key] = {{"min", json_number(range.first)}, {"max", json_number(range.second)}};
  Json positions;  // null when the property draws no positions
  if (c.has_positions)
    positions = {{"min", json_number(c.min_position)},
                 {"max", json_number(c.max_position)},
                 {"reached_2_20", c.reached(1048576.0)}};
  return {{"random_cases", c.random_cases},
          {"boundary_cases", c.boundary_cases},
          {"boundary_total", c.boundary_total},
          {"dims", c.dims},
          {"max_dim", c.max_dim()},
          {"positions", std::move(positions)},
          {"params", std::move(params)}};
}

Json independence_json(const Matrix& m) {
  std::vector<VerdictCell> cells;
  for (const MatrixCell& c : m.cells)
    if (c.applicable && c.result.verdict != Verdict::error)
      cells.push_back({c.property->info().id, c.encoder->name, c.result.verdict == Verdict::fail});
  const IndependenceReport r = independence(cells);
  Json only_failing = Json::object();
  for (const auto& [property, encoders] : r.only_failing)
    only_failing[property] = std::vector<std::string>(encoders.begin(), encoders.end());
  return {{"identical_rows", r.identical_rows}, {"only_failing", std::move(only_failing)}};
}

void print_coverage(std::ostream& out, const Matrix& m) {
  std::size_t with_positions = 0, reached = 0;
  out << "coverage:";
  for (const int dim : {128, 256}) {
    std::size_t admitted = 0, hit = 0;
    for (const MatrixCell& c : m.cells) {
      if (!c.applicable || !admits(*c.encoder, dim)) continue;
      ++admitted;
      hit += c.result.coverage.has_dim(dim);
    }
    out << " d = " << dim << " in " << hit << " of " << admitted << " cells that admit it;";
  }
  for (const MatrixCell& c : m.cells) {
    if (!c.applicable || !c.result.coverage.has_positions || c.encoder->max_position < 1048576.0)
      continue;
    ++with_positions;
    reached += c.result.coverage.reached(1048576.0);
  }
  out << " positions >= 2^20 in " << reached << " of " << with_positions
      << " cells whose encoder admits them (--json: per cell)\n";
}

}  // namespace posprop::cli
