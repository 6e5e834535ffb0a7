// Small helpers shared by the bench translation units.
#pragma once

#include "posprop/random.hpp"
#include "posprop/scalar.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>

namespace posprop::bench {

/// A 64-byte aligned, uninitialised array of n T (trivial T only).
template <class T>
class Buffer {
 public:
  explicit Buffer(std::size_t n) : n_(n) {
    const std::size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
    data_.reset(static_cast<T*>(std::aligned_alloc(64, bytes > 0 ? bytes : 64)));
    if (!data_) throw std::bad_alloc();
  }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  std::size_t size() const { return n_; }
  T& operator[](std::size_t k) { return data_.get()[k]; }
  const T& operator[](std::size_t k) const { return data_.get()[k]; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::size_t n_;
  std::unique_ptr<T, Free> data_;
};

/// Deterministic values in [-1, 1) (exact in float and double).
template <class T>
void fill_uniform(T* p, std::size_t n, std::uint64_t seed) {
  SplitMix64 rng(seed);
  for (std::size_t k = 0; k < n; ++k) p[k] = static_cast<T>(std::ldexp(double(rng.next() >> 40), -23) - 1.0);
}

/// A deterministic vector of n exact doubles in [-1, 1), converted to T.
template <class T>
Vec<T> random_vector(Index n, std::uint64_t seed) {
  SplitMix64 rng(seed);
  Vec<T> v(n);
  for (Index k = 0; k < n; ++k) v(k) = T(std::ldexp(double(rng.next() >> 40), -23) - 1.0);
  return v;
}

/// A deterministic n x n matrix of entries uniform in [-1, 1) / sqrt(n), each rounded to a
/// multiple of 2^-30 (so it converts exactly to every scalar type), converted to T.
template <class T>
Mat<T> random_matrix(Index n, std::uint64_t seed) {
  SplitMix64 rng(seed);
  const double scale = 1.0 / std::sqrt(double(n));
  Mat<T> m(n, n);
  for (Index r = 0; r < n; ++r) {
    for (Index c = 0; c < n; ++c) {
      const double u = std::ldexp(double(rng.next() >> 40), -23) - 1.0;
      m(r, c) = T(std::ldexp(std::nearbyint(std::ldexp(u * scale, 30)), -30));
    }
  }
  return m;
}

/// "a/b/c" benchmark names.
inline std::string join(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

/// Registration of the multiprecision benchmarks (one scalar pair per translation unit).
void register_hp_50_100();
void register_hp_200_400();
void register_hp_heap();

}  // namespace posprop::bench
