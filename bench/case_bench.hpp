// Cost of one case's evaluation in scalar T: translation_measure<T> over a fixed sample of
// inputs (one benchmark iteration = the whole sample, so every iteration does the same work).
#pragma once

#include "bench_util.hpp"
#include "translation_case.hpp"

#include <string>
#include <vector>

namespace posprop::bench {

/// Inputs drawn once per process: the peer workload (d = 64, dense W) and the registered
/// generator of score.translation_equivariant (d from 2 to 192, identity / Gaussian / Haar W).
const std::vector<ScoreCase>& fixed_d_cases();
const std::vector<ScoreCase>& random_d_cases();

template <class T>
void bm_case(benchmark::State& state, const std::vector<ScoreCase>* cases) {
  const EncoderEntry& entry = find_encoder("rope");
  double worst_ratio = 0;
  for (auto _ : state) {
    for (const ScoreCase& c : *cases) {
      const Measurement m = translation_measure<T>(rope_encoder<T>(entry, c.dim), c);
      worst_ratio = std::max(worst_ratio, m.ratio());
      benchmark::DoNotOptimize(m.residual);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(cases->size()));
  state.counters["worst_residual_over_tolerance"] = worst_ratio;
  if (worst_ratio > 1) state.SkipWithError("a case exceeded its tolerance: the property does not hold here");
}

template <class T>
void register_case(const std::string& scalar) {
  benchmark::RegisterBenchmark(join({"case", "score.translation_equivariant", "d=64", scalar}).c_str(),
                               [](benchmark::State& st) { bm_case<T>(st, &fixed_d_cases()); })
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(join({"case", "score.translation_equivariant", "random_d", scalar}).c_str(),
                               [](benchmark::State& st) { bm_case<T>(st, &random_d_cases()); })
      ->Unit(benchmark::kMicrosecond);
}

/// hp200 and hp400 (case_digits_wide.cpp).
void register_case_wide();

}  // namespace posprop::bench
