// Multiprecision apply / projection / logit benchmarks, templated on the scalar; each hp_*.cpp
// instantiates them for its own scalar types (one or two MPFR types per translation unit keeps
// compile time and memory bounded).
#pragma once

#include "bench_util.hpp"

#include "posprop/encoders/rope.hpp"
#include "posprop/score.hpp"

#include <string>
#include <vector>

namespace posprop::bench {

/// A position with a large angle for the low frequencies (exercises MPFR's argument reduction).
constexpr double kHpPosition = 1048573.0;

/// Rope<T>::apply_query on one vector of length d (cos/sin of d/2 angles per call).
template <class T>
void bm_hp_apply(benchmark::State& state, Index dim) {
  const Rope<T> rope(dim, 10000.0, dim, Layout::interleaved);
  const Vec<T> x = random_vector<T>(dim, 1);
  for (auto _ : state) {
    Vec<T> y = rope.apply_query(x, kHpPosition);
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// The same rotation with cos/sin cached (what a table gives): the arithmetic without the trig.
template <class T>
void bm_hp_rotate_cached(benchmark::State& state, Index dim) {
  const Rope<T> rope(dim, 10000.0, dim, Layout::interleaved);
  const Index pairs = dim / 2;
  std::vector<T> c, s;
  for (Index k = 0; k < pairs; ++k) {
    using std::cos;
    using std::sin;
    const T theta = T(kHpPosition) * rope.inv_freq()[static_cast<std::size_t>(k)];
    c.push_back(cos(theta));
    s.push_back(sin(theta));
  }
  const Vec<T> x = random_vector<T>(dim, 1);
  Vec<T> y(dim);
  for (auto _ : state) {
    for (Index k = 0; k < pairs; ++k) {
      const auto i = static_cast<std::size_t>(k);
      y(2 * k) = x(2 * k) * c[i] - x(2 * k + 1) * s[i];
      y(2 * k + 1) = x(2 * k) * s[i] + x(2 * k + 1) * c[i];
    }
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// A projection W x in T (Eigen's generic product): d^2 multiply-adds.
template <class T>
void bm_hp_projection(benchmark::State& state, Index dim) {
  const Mat<T> w = random_matrix<T>(dim, 3);
  const Vec<T> x = random_vector<T>(dim, 1);
  Vec<T> y(dim);
  for (auto _ : state) {
    y.noalias() = w * x;
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// attention_logit for RoPE in T: two projections, two applies and a dot product.
template <class T>
void bm_hp_logit(benchmark::State& state, Index dim) {
  const Rope<T> rope(dim, 10000.0, dim, Layout::interleaved);
  const Projections<T> w{random_matrix<T>(dim, 3), random_matrix<T>(dim, 4)};
  const Vec<T> ei = random_vector<T>(dim, 1), ej = random_vector<T>(dim, 2);
  for (auto _ : state) {
    const T s = attention_logit<T>(rope, w, ei, ej, kHpPosition, 678.0);
    benchmark::DoNotOptimize(&s);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// Registers hp apply at d = 128 (the digits table), and, for the listed dimensions, the
/// apply / projection scaling rows.
template <class T>
void register_hp(const std::vector<Index>& apply_dims, const std::vector<Index>& projection_dims) {
  const std::string name = scalar_name<T>();
  const auto add = [](const std::string& n, auto fn) {
    return benchmark::RegisterBenchmark(n.c_str(), fn)->Unit(benchmark::kMicrosecond);
  };
  add(join({"hp_apply", name, "d=128"}), [](benchmark::State& st) { bm_hp_apply<T>(st, 128); });
  add(join({"hp_rotate_cached", name, "d=128"}), [](benchmark::State& st) { bm_hp_rotate_cached<T>(st, 128); });
  add(join({"hp_projection", name, "d=64"}), [](benchmark::State& st) { bm_hp_projection<T>(st, 64); });
  add(join({"hp_logit", name, "d=64"}), [](benchmark::State& st) { bm_hp_logit<T>(st, 64); });
  for (Index d : apply_dims) {
    add(join({"scale_d", "apply_query", name, "d=" + std::to_string(d)}),
        [=](benchmark::State& st) { bm_hp_apply<T>(st, d); });
  }
  for (Index d : projection_dims) {
    add(join({"scale_d", "projection", name, "d=" + std::to_string(d)}),
        [=](benchmark::State& st) { bm_hp_projection<T>(st, d); });
  }
}

}  // namespace posprop::bench
