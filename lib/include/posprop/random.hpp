// Deterministic random numbers that are identical on every platform (no std:: distributions,
// whose output is implementation-defined): SplitMix64 and Box-Muller.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace posprop {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in (0, 1): 53 random bits, never 0.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  /// Standard normal by Box-Muller, rounded to 2^-40 so that it is a short exact dyadic.
  double gaussian() {
    const double r = std::sqrt(-2.0 * std::log(uniform()));
    const double g = r * std::cos(6.283185307179586 * uniform());
    return std::ldexp(std::nearbyint(std::ldexp(g, 40)), -40);
  }

 private:
  std::uint64_t state_;
};

/// rows x cols Gaussian entries (row-major), deterministic in `seed`.
inline std::vector<double> gaussian_entries(std::uint64_t seed, long rows, long cols) {
  SplitMix64 rng(seed);
  std::vector<double> out(static_cast<std::size_t>(rows * cols));
  for (double& x : out) x = rng.gaussian();
  return out;
}

}  // namespace posprop
