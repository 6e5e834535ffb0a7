// posprop_bench: block kernels against the memory-bandwidth limit, scores, per-vector apply and
// the scaling of apply / projection cost with the dimension; the multiprecision apply benchmarks
// are registered from hp_*.cpp. Before any number is reported, main() checks every kernel
// against Rope<double>::apply_query (a fast wrong kernel cannot report a speed).
#include "bench_util.hpp"

#include "posprop/encoders/rope.hpp"
#include "posprop/kernels.hpp"
#include "posprop/score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <emmintrin.h>
#include <limits>
#include <type_traits>
#include <vector>

namespace posprop::bench {
namespace {

const char* layout_name(Layout l) { return l == Layout::interleaved ? "interleaved" : "half_split"; }

std::vector<double> iota_positions(Index n) {
  std::vector<double> p(static_cast<std::size_t>(n));
  for (Index k = 0; k < n; ++k) p[static_cast<std::size_t>(k)] = static_cast<double>(k);
  return p;
}

// ------------------------------------------------------------------ correctness gate

int g_failures = 0;
long g_double_compared = 0, g_double_inexact = 0;  // bit-for-bit agreement of the double kernel

/// Checks rope_apply_block<T> (out of place and in place) against Rope<double>::apply_query on
/// the rows listed: |y - y_ref| <= 4 eps_T (|x_a| + |x_b|) per coordinate of a rotated pair (the
/// kernel's own error is <= 1.5 eps_T (|x_a| + |x_b|) + O(eps^2): two roundings of the table
/// entries, one per product, one for the sum), exact equality for copied coordinates.
template <class T>
void verify_rope(Index dim, Index rotary_dim, Index heads, Layout layout,
                 const std::vector<double>& positions, const std::vector<Index>& check_rows) {
  const Rope<double> ref(dim, 10000.0, rotary_dim, layout);
  const auto rows = static_cast<Index>(positions.size());
  const RopeTable<T> table(ref.inv_freq(), positions);
  const auto n = static_cast<std::size_t>(rows * heads * dim);
  std::vector<T> x(n), y(n), z;
  fill_uniform(x.data(), n, 1234 + static_cast<std::uint64_t>(dim));
  rope_apply_block(x.data(), y.data(), rows, heads, dim, table, layout);
  z = x;
  rope_apply_block(z.data(), z.data(), rows, heads, dim, table, layout);
  const double eps = std::numeric_limits<T>::epsilon();
  for (Index r : check_rows) {
    for (Index h = 0; h < heads; ++h) {
      const Index off = (r * heads + h) * dim;
      Vec<double> xr(dim);
      for (Index k = 0; k < dim; ++k) xr(k) = static_cast<double>(x[static_cast<std::size_t>(off + k)]);
      const Vec<double> yr = ref.apply_query(xr, positions[static_cast<std::size_t>(r)]);
      for (Index k = 0; k < dim; ++k) {
        double bound = 0;  // copied coordinates must be exact
        if (k < rotary_dim) {
          const Index pair = layout == Layout::interleaved ? k / 2 : k % (rotary_dim / 2);
          bound = 4 * eps * (std::fabs(xr(ref.pair_first(pair))) + std::fabs(xr(ref.pair_second(pair))));
        }
        for (const std::vector<T>* out : {&y, &z}) {
          const double got = static_cast<double>((*out)[static_cast<std::size_t>(off + k)]);
          if constexpr (std::is_same_v<T, double>) {
            ++g_double_compared;
            if (got != yr(k)) ++g_double_inexact;
          }
          if (!(std::fabs(got - yr(k)) <= bound)) {
            if (++g_failures <= 10) {
              std::fprintf(stderr,
                           "KERNEL MISMATCH %s %s dim=%ld rot=%ld heads=%ld rows=%ld %s row=%ld "
                           "head=%ld k=%ld: got %.17g, apply_query %.17g, bound %.3g\n",
                           scalar_name<T>(), layout_name(layout), static_cast<long>(dim),
                           static_cast<long>(rotary_dim), static_cast<long>(heads),
                           static_cast<long>(rows), out == &y ? "out-of-place" : "in-place",
                           static_cast<long>(r), static_cast<long>(h), static_cast<long>(k), got,
                           yr(k), bound);
            }
          }
        }
      }
    }
  }
}

/// Small blocks (ordinary stores) at positions up to 2^24 - 1, every row checked.
template <class T>
void verify_rope_small(Index dim, Index rotary_dim, Index heads, Layout layout) {
  const std::vector<double> positions = {0, 1, 2, 7, 100, 4095, 65537, 1048573, 16777215};
  std::vector<Index> rows;
  for (Index r = 0; r < static_cast<Index>(positions.size()); ++r) rows.push_back(r);
  verify_rope<T>(dim, rotary_dim, heads, layout, positions, rows);
}

/// A block just over the streaming threshold (the non-temporal path), a few rows checked.
template <class T>
void verify_rope_streaming(Index dim, Index rotary_dim, Index heads, Layout layout) {
  if (rope_streaming_threshold_bytes() > (Index{1} << 30)) return;  // path disabled (POSPROP_STREAM_THRESHOLD)
  const Index rows = rope_streaming_threshold_bytes() / (heads * dim * static_cast<Index>(sizeof(T))) + 2;
  std::vector<double> positions(static_cast<std::size_t>(rows));
  for (Index r = 0; r < rows; ++r) positions[static_cast<std::size_t>(r)] = static_cast<double>((r * 977) % 16777216);
  verify_rope<T>(dim, rotary_dim, heads, layout, positions, {0, 1, rows / 2, rows - 2, rows - 1});
}

template <class T>
void verify_scores(Index nq, Index nk, Index dim) {
  const auto nqd = static_cast<std::size_t>(nq * dim), nkd = static_cast<std::size_t>(nk * dim);
  std::vector<T> q(nqd), k(nkd), s(static_cast<std::size_t>(nq * nk));
  fill_uniform(q.data(), nqd, 7);
  fill_uniform(k.data(), nkd, 8);
  attention_scores(q.data(), k.data(), s.data(), nq, nk, dim);
  const double eps = std::numeric_limits<T>::epsilon();
  for (Index i = 0; i < nq; ++i) {
    for (Index j = 0; j < nk; ++j) {
      double exact = 0, mag = 0;
      for (Index l = 0; l < dim; ++l) {
        const double a = static_cast<double>(q[static_cast<std::size_t>(i * dim + l)]);
        const double b = static_cast<double>(k[static_cast<std::size_t>(j * dim + l)]);
        exact += a * b;
        mag += std::fabs(a * b);
      }
      // |fl(q.k) - q.k| <= gamma_d sum |q_l k_l| (any summation order), plus the double check sum.
      const double bound = (dim * eps / (1 - dim * eps) + dim * 1.2e-16) * mag;
      const double got = static_cast<double>(s[static_cast<std::size_t>(i * nk + j)]);
      if (!(std::fabs(got - exact) <= bound) && ++g_failures <= 10) {
        std::fprintf(stderr, "SCORE MISMATCH %s (%ld,%ld) d=%ld: got %.17g, want %.17g\n",
                     scalar_name<T>(), static_cast<long>(i), static_cast<long>(j),
                     static_cast<long>(dim), got, exact);
      }
    }
  }
}

void verify_kernels() {
  for (Layout layout : {Layout::interleaved, Layout::half_split}) {
    for (Index dim : {2, 6, 64, 128, 130}) {
      for (Index heads : {1, 3}) {
        verify_rope_small<double>(dim, dim, heads, layout);
        verify_rope_small<float>(dim, dim, heads, layout);
        if (dim % 4 == 0) {  // partial rotary: the second half is copied
          verify_rope_small<double>(dim, dim / 2, heads, layout);
          verify_rope_small<float>(dim, dim / 2, heads, layout);
        }
      }
    }
    verify_rope_streaming<double>(128, 128, 1, layout);
    verify_rope_streaming<float>(128, 128, 1, layout);
    verify_rope_streaming<double>(130, 64, 3, layout);  // partial rotary, odd vector length
  }
  verify_scores<double>(17, 33, 128);
  verify_scores<float>(17, 33, 128);
  verify_scores<double>(5, 3, 1);
  if (g_failures > 0) {
    std::fprintf(stderr, "posprop_bench: %d kernel mismatches against Rope<double>::apply_query; "
                         "refusing to report timings\n", g_failures);
    std::abort();
  }
  const bool streaming_checked = rope_streaming_threshold_bytes() <= (Index{1} << 30);
  std::fprintf(stderr, "posprop_bench: kernels verified against Rope<double>::apply_query "
                       "(float and double, both layouts, partial rotary, in place, 1 and 3 heads, "
                       "ordinary stores%s%ld bytes); double kernel bit-identical on %ld of %ld "
                       "coordinates\n",
               streaming_checked ? " and streaming stores above " : "; streaming path off, threshold ",
               static_cast<long>(rope_streaming_threshold_bytes()), g_double_compared - g_double_inexact,
               g_double_compared);
}

// ------------------------------------------------------------------ baselines

template <class T>
void bm_memcpy(benchmark::State& state, Index rows, Index dim) {
  const auto n = static_cast<std::size_t>(rows * dim);
  Buffer<T> x(n), y(n);
  fill_uniform(x.data(), n, 1);
  fill_uniform(y.data(), n, 2);
  for (auto _ : state) {
    std::memcpy(y.data(), x.data(), n * sizeof(T));
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(2 * n * sizeof(T)));
}

/// A copy with streaming (non-temporal) stores: the bandwidth limit of a copy that skips the
/// read-for-ownership of the destination (what the RoPE kernel does above its threshold).
template <class T>
void bm_copy_nt(benchmark::State& state, Index rows, Index dim) {
  const auto n = static_cast<std::size_t>(rows * dim);
  Buffer<T> x(n), y(n);
  fill_uniform(x.data(), n, 1);
  fill_uniform(y.data(), n, 2);
  const std::size_t chunks = n * sizeof(T) / 16;  // Buffer is 64-byte aligned, n * sizeof(T) even
  for (auto _ : state) {
    auto* d = reinterpret_cast<__m128i*>(y.data());
    const auto* s = reinterpret_cast<const __m128i*>(x.data());
    for (std::size_t k = 0; k < chunks; ++k) _mm_stream_si128(d + k, _mm_load_si128(s + k));
    _mm_sfence();
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(2 * n * sizeof(T)));
}

/// STREAM triad a = b + s c over arrays of the block's size: 3 n sizeof(T) bytes moved.
template <class T>
void bm_triad(benchmark::State& state, Index rows, Index dim) {
  const auto n = static_cast<std::size_t>(rows * dim);
  Buffer<T> a(n), b(n), c(n);
  fill_uniform(a.data(), n, 1);
  fill_uniform(b.data(), n, 2);
  fill_uniform(c.data(), n, 3);
  const T s = T(0.5);
  for (auto _ : state) {
    T* __restrict pa = a.data();
    const T* __restrict pb = b.data();
    const T* __restrict pc = c.data();
    for (std::size_t k = 0; k < n; ++k) pa[k] = pb[k] + s * pc[k];
    benchmark::DoNotOptimize(a.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(3 * n * sizeof(T)));
}

// ------------------------------------------------------------------ RoPE kernels

/// Bytes processed = x read + y written (the payload, same as the memcpy of the block); the
/// cos/sin table read on top is reported as the counter table_bytes_per_second.
template <class T>
void bm_rope_block(benchmark::State& state, Index rows, Index heads, Index dim, Layout layout, bool in_place) {
  const auto n = static_cast<std::size_t>(rows * heads * dim);
  const Rope<double> rope(dim, 10000.0, dim, layout);
  const RopeTable<T> table(rope.inv_freq(), iota_positions(rows));
  Buffer<T> x(n), y(n);
  fill_uniform(x.data(), n, 1);
  fill_uniform(y.data(), n, 2);
  T* out = in_place ? x.data() : y.data();
  for (auto _ : state) {
    rope_apply_block(x.data(), out, rows, heads, dim, table, layout);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
  }
  const auto it = static_cast<std::int64_t>(state.iterations());
  state.SetBytesProcessed(it * static_cast<std::int64_t>(2 * n * sizeof(T)));
  state.SetItemsProcessed(it * rows * heads);  // vectors rotated
  state.counters["table_bytes_per_second"] =
      benchmark::Counter(static_cast<double>(table.bytes()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["streaming"] = static_cast<Index>(n * sizeof(T)) > rope_streaming_threshold_bytes() ? 1 : 0;
}

/// The encoder's per-vector path on the same block: Rope<double>::apply_query row by row
/// (cos/sin recomputed per call, an Eigen vector allocated per call).
void bm_rope_apply_query_rows(benchmark::State& state, Index rows, Index dim, Layout layout) {
  const Rope<double> rope(dim, 10000.0, dim, layout);
  std::vector<Vec<double>> x;
  for (Index r = 0; r < rows; ++r) x.push_back(random_vector<double>(dim, static_cast<std::uint64_t>(r)));
  for (auto _ : state) {
    for (Index r = 0; r < rows; ++r) {
      Vec<double> y = rope.apply_query(x[static_cast<std::size_t>(r)], static_cast<double>(r));
      benchmark::DoNotOptimize(y.data());
    }
  }
  const auto it = static_cast<std::int64_t>(state.iterations());
  state.SetBytesProcessed(it * rows * dim * static_cast<std::int64_t>(2 * sizeof(double)));
  state.SetItemsProcessed(it * rows);
}

/// The table build itself (what a model does once per forward for its position_ids).
void bm_rope_table(benchmark::State& state, Index rows, Index dim) {
  const Rope<double> rope(dim, 10000.0, dim, Layout::interleaved);
  const std::vector<double> positions = iota_positions(rows);
  for (auto _ : state) {
    RopeTable<double> table(rope.inv_freq(), positions);
    benchmark::DoNotOptimize(table.cos_row(0));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * rows * dim / 2);  // cos/sin pairs
}

// ------------------------------------------------------------------ scores

template <class T>
void bm_scores(benchmark::State& state, Index nq, Index nk, Index dim) {
  const auto nqd = static_cast<std::size_t>(nq * dim), nkd = static_cast<std::size_t>(nk * dim);
  Buffer<T> q(nqd), k(nkd), s(static_cast<std::size_t>(nq * nk));
  fill_uniform(q.data(), nqd, 1);
  fill_uniform(k.data(), nkd, 2);
  for (auto _ : state) {
    attention_scores(q.data(), k.data(), s.data(), nq, nk, dim);
    benchmark::DoNotOptimize(s.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * nq * nk);  // logits
  state.counters["flops"] = benchmark::Counter(2.0 * double(nq) * double(nk) * double(dim),
                                               benchmark::Counter::kIsIterationInvariantRate);
}

// ------------------------------------------------------------------ scaling with d (double)

/// Kernel cost per vector against d (table precomputed): O(d).
void bm_kernel_vs_dim(benchmark::State& state, Index dim) {
  const Index rows = 1024;
  const auto n = static_cast<std::size_t>(rows * dim);
  const Rope<double> rope(dim, 10000.0, dim, Layout::interleaved);
  const RopeTable<double> table(rope.inv_freq(), iota_positions(rows));
  Buffer<double> x(n), y(n);
  fill_uniform(x.data(), n, 1);
  for (auto _ : state) {
    rope_apply_block(x.data(), y.data(), rows, 1, dim, table, Layout::interleaved);
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * rows);
}

/// Rope<double>::apply_query on one vector (cos/sin per call): O(d).
void bm_apply_query_vs_dim(benchmark::State& state, Index dim) {
  const Rope<double> rope(dim, 10000.0, dim, Layout::interleaved);
  const Vec<double> x = random_vector<double>(dim, 1);
  double pos = 12345;
  for (auto _ : state) {
    Vec<double> y = rope.apply_query(x, pos);
    benchmark::DoNotOptimize(y.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// A projection W x (Eigen, d x d): O(d^2).
void bm_projection_vs_dim(benchmark::State& state, Index dim) {
  const Mat<double> w = random_matrix<double>(dim, 3);
  const Vec<double> x = random_vector<double>(dim, 1);
  Vec<double> y(dim);
  for (auto _ : state) {
    y.noalias() = w * x;
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// attention_logit for RoPE (two projections, two applies, one dot): O(d^2).
void bm_logit_vs_dim(benchmark::State& state, Index dim) {
  const Rope<double> rope(dim, 10000.0, dim, Layout::interleaved);
  const Projections<double> w{random_matrix<double>(dim, 3), random_matrix<double>(dim, 4)};
  const Vec<double> ei = random_vector<double>(dim, 1), ej = random_vector<double>(dim, 2);
  for (auto _ : state) {
    benchmark::DoNotOptimize(attention_logit<double>(rope, w, ei, ej, 12345.0, 678.0));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

std::string shape(Index rows, Index dim) { return std::to_string(rows) + "x" + std::to_string(dim); }
std::string shape(Index rows, Index heads, Index dim) {
  return std::to_string(rows) + "x" + std::to_string(heads) + "x" + std::to_string(dim);
}

void register_kernels() {
  struct Block {
    Index rows, heads, dim;
  };
  // 4096 x 128: 4 MiB per double array (x, y and table fit the 32 MiB L3 of the reference
  // machine); 16384 and 65536 rows and the multi-head block exceed it (DRAM-bound).
  const std::vector<Block> blocks = {{4096, 1, 128}, {4096, 1, 64}, {4096, 1, 256},
                                     {16384, 1, 128}, {65536, 1, 128}, {2048, 32, 128}};
  const auto add = [](const std::string& name, auto fn) {
    return benchmark::RegisterBenchmark(name.c_str(), fn)->Unit(benchmark::kMicrosecond);
  };
  for (const Block& b : blocks) {
    const std::string s = b.heads == 1 ? shape(b.rows, b.dim) : shape(b.rows, b.heads, b.dim);
    const Index n_rows = b.rows * b.heads;  // the memcpy / triad see the block as flat rows
    add(join({"memcpy", "double", s}), [=](benchmark::State& st) { bm_memcpy<double>(st, n_rows, b.dim); });
    add(join({"copy_nt", "double", s}), [=](benchmark::State& st) { bm_copy_nt<double>(st, n_rows, b.dim); });
    add(join({"triad", "double", s}), [=](benchmark::State& st) { bm_triad<double>(st, n_rows, b.dim); });
    for (Layout l : {Layout::interleaved, Layout::half_split}) {
      add(join({"rope", "double", layout_name(l), s}),
          [=](benchmark::State& st) { bm_rope_block<double>(st, b.rows, b.heads, b.dim, l, false); });
    }
    add(join({"memcpy", "float", s}), [=](benchmark::State& st) { bm_memcpy<float>(st, n_rows, b.dim); });
    add(join({"copy_nt", "float", s}), [=](benchmark::State& st) { bm_copy_nt<float>(st, n_rows, b.dim); });
    for (Layout l : {Layout::interleaved, Layout::half_split}) {
      add(join({"rope", "float", layout_name(l), s}),
          [=](benchmark::State& st) { bm_rope_block<float>(st, b.rows, b.heads, b.dim, l, false); });
    }
  }
  for (Layout l : {Layout::interleaved, Layout::half_split}) {
    add(join({"rope_inplace", "double", layout_name(l), shape(65536, 128)}),
        [=](benchmark::State& st) { bm_rope_block<double>(st, 65536, 1, 128, l, true); });
  }
  add(join({"rope_apply_query_rows", "double", "interleaved", shape(4096, 128)}),
      [](benchmark::State& st) { bm_rope_apply_query_rows(st, 4096, 128, Layout::interleaved); });
  add(join({"rope_table_build", "double", shape(4096, 128)}),
      [](benchmark::State& st) { bm_rope_table(st, 4096, 128); });
  for (Index nq : {512, 4096}) {
    add(join({"scores", "double", shape(nq, nq) + "x128"}),
        [=](benchmark::State& st) { bm_scores<double>(st, nq, nq, 128); });
    add(join({"scores", "float", shape(nq, nq) + "x128"}),
        [=](benchmark::State& st) { bm_scores<float>(st, nq, nq, 128); });
  }
  for (Index d : {2, 8, 32, 64, 128, 256, 512, 1024}) {
    const std::string ds = "d=" + std::to_string(d);
    add(join({"scale_d", "kernel_row", "double", ds}), [=](benchmark::State& st) { bm_kernel_vs_dim(st, d); });
    add(join({"scale_d", "apply_query", "double", ds}), [=](benchmark::State& st) { bm_apply_query_vs_dim(st, d); })
        ->Unit(benchmark::kNanosecond);
    add(join({"scale_d", "projection", "double", ds}), [=](benchmark::State& st) { bm_projection_vs_dim(st, d); })
        ->Unit(benchmark::kNanosecond);
    add(join({"scale_d", "attention_logit", "double", ds}), [=](benchmark::State& st) { bm_logit_vs_dim(st, d); })
        ->Unit(benchmark::kNanosecond);
  }
}

}  // namespace
}  // namespace posprop::bench

int main(int argc, char** argv) {
  posprop::bench::verify_kernels();
  posprop::bench::register_kernels();
  posprop::bench::register_hp_50_100();
  posprop::bench::register_hp_200_400();
  posprop::bench::register_hp_heap();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
