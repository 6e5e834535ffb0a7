// posprop_bench_plugin: the cost of running a plugin in its worker process (issue 13) against
// calling it in-process as posprop did before: one apply call (a round trip through the socket
// and the shared memory), the d columns of a map in one batch, and starting a worker (what a
// restart after a crash costs). The plugin is examples/plugins/rope_plugin.c. Before timing,
// main() checks that the worker returns bit-for-bit what the in-process call returns.
#include "posprop/plugin.h"
#include "posprop/plugin_process.hpp"

#include <benchmark/benchmark.h>
#include <dlfcn.h>

#include <cstdio>
#include <cstring>
#include <vector>

namespace {

const char* const kPlugin = POSPROP_BENCH_PLUGIN;

posprop_apply_fn in_process_apply() {
  static posprop_apply_fn fn = [] {
    void* lib = dlopen(kPlugin, RTLD_NOW | RTLD_LOCAL);
    void* sym = lib ? dlsym(lib, POSPROP_PLUGIN_ENTRY_SYMBOL) : nullptr;
    if (!sym) {
      std::fprintf(stderr, "cannot load %s\n", kPlugin);
      std::exit(1);
    }
    posprop_plugin_entry_fn entry = nullptr;
    std::memcpy(&entry, &sym, sizeof sym);
    return entry()->apply_query;
  }();
  return fn;
}

posprop::PluginProcess& worker() {
  static posprop::PluginProcess process(kPlugin, posprop::kDefaultPluginTimeout);
  return process;
}

std::vector<double> input(int d) {
  std::vector<double> x(static_cast<std::size_t>(d));
  for (int i = 0; i < d; ++i) x[static_cast<std::size_t>(i)] = 1.0 / (1.0 + i);
  return x;
}

void BM_InProcessCall(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  const std::vector<double> x = input(d);
  std::vector<double> y(x.size());
  const posprop_apply_fn fn = in_process_apply();
  double pos = 0;
  for (auto _ : state) {
    fn(d, pos, x.data(), y.data());
    benchmark::DoNotOptimize(y.data());
    pos += 1;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_WorkerCall(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  const std::vector<double> x = input(d);
  std::vector<double> y(x.size());
  double pos = 0;
  for (auto _ : state) {
    worker().apply(false, d, &pos, x.data(), y.data(), 1);
    benchmark::DoNotOptimize(y.data());
    pos += 1;
  }
  state.SetItemsProcessed(state.iterations());
}

/// The d columns of A(p): one batch of d calls on the unit vectors (PluginEncoder::columns).
void BM_WorkerColumns(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  const std::size_t u = static_cast<std::size_t>(d);
  std::vector<double> positions(u, 7.0), in(u * u, 0.0), out(u * u);
  for (std::size_t j = 0; j < u; ++j) in[j * u + j] = 1.0;
  for (auto _ : state) {
    worker().apply(false, d, positions.data(), in.data(), out.data(), u);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * d);
}

void BM_InProcessColumns(benchmark::State& state) {
  const int d = static_cast<int>(state.range(0));
  const std::size_t u = static_cast<std::size_t>(d);
  std::vector<double> in(u * u, 0.0), out(u * u);
  for (std::size_t j = 0; j < u; ++j) in[j * u + j] = 1.0;
  const posprop_apply_fn fn = in_process_apply();
  for (auto _ : state) {
    for (std::size_t j = 0; j < u; ++j) fn(d, 7.0, in.data() + j * u, out.data() + j * u);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * d);
}

/// Spawning a worker and loading the plugin in it: the cost of a restart after a crash.
void BM_WorkerStart(benchmark::State& state) {
  for (auto _ : state) {
    posprop::PluginProcess p(kPlugin, posprop::kDefaultPluginTimeout);
    benchmark::DoNotOptimize(&p);
  }
}

BENCHMARK(BM_InProcessCall)->Arg(8)->Arg(64)->Arg(128)->Arg(256);
BENCHMARK(BM_WorkerCall)->Arg(8)->Arg(64)->Arg(128)->Arg(256);
BENCHMARK(BM_InProcessColumns)->Arg(8)->Arg(64)->Arg(128)->Arg(256);
BENCHMARK(BM_WorkerColumns)->Arg(8)->Arg(64)->Arg(128)->Arg(256);
BENCHMARK(BM_WorkerStart)->Unit(benchmark::kMillisecond);

/// The worker must return exactly what the in-process call returns.
bool outputs_agree() {
  for (int d : {2, 8, 64, 128, 256}) {
    const std::vector<double> x = input(d);
    std::vector<double> a(x.size()), b(x.size());
    const double pos = 12345.0;
    in_process_apply()(d, pos, x.data(), a.data());
    worker().apply(false, d, &pos, x.data(), b.data(), 1);
    if (std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) != 0) {
      std::fprintf(stderr, "worker and in-process outputs differ at d = %d\n", d);
      return false;
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (!outputs_agree()) return 1;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
