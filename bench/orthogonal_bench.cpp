// The dense encoders' setup and rotation.connected's residual: a Haar orthogonal basis
// (orthogonal.hpp, Stewart's product of reflectors, 4/3 n^3 operations) and a determinant by
// Householder R (4/3 n^3), in double and 50-digit MPFR, against n (expected slope 3).
#include "posprop/orthogonal.hpp"

#include <benchmark/benchmark.h>

namespace posprop::bench {
namespace {

template <class T>
void BM_haar_orthogonal(benchmark::State& state) {
  const Index n = state.range(0);
  for (auto _ : state) benchmark::DoNotOptimize(haar_orthogonal<T>(7, n));
  state.SetComplexityN(n);
}

template <class T>
void BM_determinant(benchmark::State& state) {
  const Index n = state.range(0);
  const Mat<T> q = haar_orthogonal<T>(7, n);
  for (auto _ : state) benchmark::DoNotOptimize(determinant<T>(q));
  state.SetComplexityN(n);
}

/// n = 16, 32, ..., 256, with the fitted complexity.
void sizes(benchmark::internal::Benchmark* b) {
  b->RangeMultiplier(2)->Range(16, 256)->Complexity();
}

BENCHMARK_TEMPLATE(BM_haar_orthogonal, double)->Apply(sizes);
BENCHMARK_TEMPLATE(BM_haar_orthogonal, Hp50)->Apply(sizes)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_determinant, double)->Apply(sizes);
BENCHMARK_TEMPLATE(BM_determinant, Hp50)->Apply(sizes)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace posprop::bench
