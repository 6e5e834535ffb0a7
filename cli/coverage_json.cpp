#include "coverage_json.hpp"

#include "support/boundary.hpp"
#include "support/independence.hpp"
#include "text_escape.hpp"

#include <algorithm>

namespace posprop::cli {
namespace {

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ", " : "") + json_string(items[k]);
  return out + "]";
}

bool admits(const EncoderEntry& e, int dim) {
  const std::vector<int> dims = boundary::admitted_dims(e, 1 << 20);
  return std::find(dims.begin(), dims.end(), dim) != dims.end();
}

}  // namespace

std::string coverage_json(const Coverage& c) {
  std::string dims;
  for (int d : c.dims) dims += (dims.empty() ? "" : ", ") + std::to_string(d);
  std::string out = "{\"random_cases\": " + std::to_string(c.random_cases) +
                    ", \"boundary_cases\": " + std::to_string(c.boundary_cases) +
                    ", \"boundary_total\": " + std::to_string(c.boundary_total) + ", \"dims\": [" +
                    dims + "], \"max_dim\": " + std::to_string(c.max_dim()) + ", \"positions\": ";
  out += c.has_positions ? "{\"min\": " + json_number(c.min_position) +
                               ", \"max\": " + json_number(c.max_position) +
                               ", \"reached_2_20\": " + json_bool(c.reached(1048576.0)) + "}"
                         : std::string("null");
  out += ", \"params\": {";
  bool first = true;
  for (const auto& [key, range] : c.params) {
    out += (first ? "" : ", ") + json_string(key) + ": {\"min\": " + json_number(range.first) +
           ", \"max\": " + json_number(range.second) + "}";
    first = false;
  }
  return out + "}}";
}

std::string independence_json(const Matrix& m) {
  std::vector<VerdictCell> cells;
  for (const MatrixCell& c : m.cells)
    if (c.applicable && c.result.verdict != Verdict::error)
      cells.push_back({c.property->info().id, c.encoder->name, c.result.verdict == Verdict::fail});
  const IndependenceReport r = independence(cells);
  std::string out = "{\"identical_rows\": [";
  for (std::size_t k = 0; k < r.identical_rows.size(); ++k)
    out += (k ? ", " : "") + list(r.identical_rows[k]);
  out += "], \"only_failing\": {";
  bool first = true;
  for (const auto& [property, encoders] : r.only_failing) {
    out += (first ? "" : ", ") + json_string(property) + ": " +
           list(std::vector<std::string>(encoders.begin(), encoders.end()));
    first = false;
  }
  return out + "}}";
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
