#include "support/boundary_cases.hpp"

#include <algorithm>

namespace posprop {
namespace {

/// The dim of case k of n: the smallest dim for the first n - dims + 1 cases, then every other
/// dim once, ascending. Cases are ordered by position, so the first cases are the cheapest and
/// most readable counterexamples, and each larger dim (64 .. 256) meets one of the largest
/// positions: one case each, since a case at d = 256 costs about 1000 cases at d = 8 in the
/// properties that form the d x d map in MPFR.
int dim_of(const std::vector<int>& dims, std::size_t k, std::size_t n) {
  const std::size_t first_other = n - dims.size() + 1;
  return k < first_other ? dims.front() : dims[k - first_other + 1];
}

}  // namespace

std::vector<MapCase> map_boundaries(const EncoderEntry& entry, bool signed_positions, int max_dim) {
  const std::vector<int> dims = boundary::dims(entry, max_dim);
  const std::vector<double> pos = boundary::positions(entry, entry.max_position);
  const std::size_t np = pos.size(), n = std::max(dims.size(), np);
  std::vector<MapCase> out;
  const auto add = [&](int dim, double a, double b) {
    const int salt = static_cast<int>(out.size());
    out.push_back(
        {dim, a, b, boundary::vector(dim, 2 * salt), boundary::vector(dim, 2 * salt + 1)});
  };
  for (std::size_t k = 0; k < n; ++k) {
    double a = pos[k % np], b = pos[(7 * k + 3) % np];
    if (signed_positions && k % 2 == 1) b = -b;
    if (signed_positions && k % 4 == 3) a = -a;
    add(dim_of(dims, k, n), a, b);
  }
  return out;
}

std::vector<ScoreCase> score_boundaries(const EncoderEntry& entry, int max_dim) {
  const std::vector<int> dims = boundary::dims(entry, max_dim);
  const double max = entry.max_position;
  const std::vector<double> pos = boundary::positions(entry, max);
  const std::size_t np = pos.size(), n = std::max(dims.size(), np);
  std::vector<ScoreCase> out;
  const auto add = [&](int dim, double i, double j, double t, std::size_t k) {
    ScoreCase c;
    c.dim = dim;
    const int salt = static_cast<int>(out.size());
    c.e_i = boundary::vector(dim, 2 * salt);
    c.e_j = boundary::vector(dim, 2 * salt + 1);
    const auto kind = static_cast<gen::MatrixSpec::Kind>(k % 3);
    c.w_q = {kind, kind == gen::MatrixSpec::identity ? 0 : 1000 + k};
    c.w_k = {kind, kind == gen::MatrixSpec::identity ? 0 : 2000 + k};
    c.i = i;
    c.j = j;
    c.t = std::max(0.0, std::min(t, max - std::max(i, j)));  // i + t, j + t within [0, max]
    out.push_back(c);
  };
  for (std::size_t k = 0; k < n; ++k) {
    const double i = pos[k % np], j = pos[(5 * k + 2) % np];
    const double room = max - std::max(i, j);
    const double t = k % 3 == 0 ? 1.0 : k % 3 == 1 ? room : pos[(3 * k + 1) % np];
    add(dim_of(dims, k, n), i, j, t, k);
  }
  return out;
}

void record(Coverage& c, const EncoderEntry&, const MapCase& in) {
  c.dim(in.dim);
  c.position(in.a);
  c.position(in.b);
}

void record(Coverage& c, const EncoderEntry&, const ScoreCase& in) {
  c.dim(in.dim);
  for (const double p : {in.i, in.j, in.i + in.t, in.j + in.t}) c.position(p);
}

}  // namespace posprop
