// Non-template parts of the multi-axis encoders: M-RoPE section assignment, the rope-mixed head
// angle, and the LieRE generators.
#include "posprop/encoders/axis_rope.hpp"
#include "posprop/encoders/liere.hpp"
#include "posprop/random.hpp"

#include <cmath>
#include <string>

namespace posprop {

std::vector<int> mrope_pair_axes(Index head_dim, const std::vector<long long>& section) {
  check_even_dim(head_dim, "head_dim");
  if (section.empty() || section.size() > 8) {
    throw InputError("mrope_section must list 1 to 8 axes, got " + std::to_string(section.size()));
  }
  long long total = 0;
  for (long long s : section) {
    if (s < 0) throw InputError("mrope_section entries must be >= 0, got " + std::to_string(s));
    total += s;
  }
  if (total != head_dim / 2) {
    throw InputError("mrope_section counts rotated pairs and must sum to head_dim / 2 = " +
                     std::to_string(head_dim / 2) + ", got " + std::to_string(total));
  }
  std::vector<int> axis;
  for (std::size_t a = 0; a < section.size(); ++a)
    for (long long k = 0; k < section[a]; ++k) axis.push_back(static_cast<int>(a));
  return axis;
}

double mixed_head_angle(std::uint64_t seed) {
  SplitMix64 rng(seed);
  // torch.rand(1) * 2 * pi, rounded to a 2^-40 dyadic so that it is exact everywhere.
  return std::ldexp(std::nearbyint(std::ldexp(6.283185307179586 * rng.uniform(), 40)), -40);
}

std::vector<Mat<double>> liere_generators(Index dim, Index axes, std::uint64_t seed) {
  check_even_dim(dim, "head_dim");
  if (dim > 32)
    throw InputError("liere: head_dim must be <= 32 (dense exp), got " + std::to_string(dim));
  if (axes < 1 || axes > 4)
    throw InputError("liere: axes must be in [1, 4], got " + std::to_string(axes));
  const int e = static_cast<int>(std::floor(0.5 * std::log2(static_cast<double>(dim))));
  std::vector<Mat<double>> out;
  for (Index a = 0; a < axes; ++a) {
    const std::vector<double> b = gaussian_entries(seed + static_cast<std::uint64_t>(a), dim, dim);
    Mat<double> g(dim, dim);
    for (Index r = 0; r < dim; ++r)
      for (Index c = 0; c < dim; ++c)
        g(r, c) = std::ldexp(
            b[static_cast<std::size_t>(r * dim + c)] - b[static_cast<std::size_t>(c * dim + r)],
            -(e + 1));  // difference of 2^-40 dyadics: exact
    out.push_back(g);
  }
  return out;
}

}  // namespace posprop
