// Block kernels of kernels.hpp. The loops are written so that GCC vectorises them at -O3 without
// intrinsics: the half-split layout is contiguous streams, the interleaved layout one stream of
// (a, b) pairs with cos/sin loaded once per pair. The out-of-place paths take __restrict
// pointers (x and y do not overlap), the in-place paths declare the absence of loop-carried
// dependences, so no path needs a runtime alias check. Each block loop is compiled twice
// (baseline x86-64 and AVX2, picked at load time; see POSPROP_CLONES).
#include "posprop/kernels.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace posprop {

template <class T>
RopeTable<T>::RopeTable(const std::vector<double>& inv_freq, const std::vector<double>& positions)
    : rows_(static_cast<Index>(positions.size())), pairs_(static_cast<Index>(inv_freq.size())) {
  if (inv_freq.empty()) throw InputError("RopeTable needs at least one inverse frequency");
  cos_.resize(static_cast<std::size_t>(rows_ * pairs_));
  sin_.resize(cos_.size());
  for (Index r = 0; r < rows_; ++r) {
    const double pos = positions[static_cast<std::size_t>(r)];
    if (!std::isfinite(pos)) {
      throw InputError("RopeTable: position " + std::to_string(r) + " is not finite");
    }
    T* c = cos_.data() + r * pairs_;
    T* s = sin_.data() + r * pairs_;
    for (Index k = 0; k < pairs_; ++k) {
      // Exactly Rope<double>::angle and its cos/sin: one rounding of pos * theta_k in double.
      const double theta = pos * inv_freq[static_cast<std::size_t>(k)];
      if (!std::isfinite(theta))
        throw InputError("RopeTable: angle overflows at row " + std::to_string(r));
      c[k] = static_cast<T>(std::cos(theta));
      s[k] = static_cast<T>(std::sin(theta));
    }
  }
}

template class RopeTable<float>;
template class RopeTable<double>;

namespace {

template <class T>
void check_block(Index rows, Index heads, Index dim, const RopeTable<T>& table, Layout layout) {
  if (layout != Layout::interleaved && layout != Layout::half_split) {
    throw InputError("rope_apply_block: layout must be interleaved or half_split");
  }
  if (rows < 0 || heads < 1 || dim < 2 || dim % 2 != 0) {
    throw InputError(
        "rope_apply_block: need rows >= 0, heads >= 1 and an even dim >= 2, got rows=" +
        std::to_string(rows) + " heads=" + std::to_string(heads) + " dim=" + std::to_string(dim));
  }
  if (rows > table.rows()) {
    throw InputError("rope_apply_block: " + std::to_string(rows) + " rows but the table has " +
                     std::to_string(table.rows()));
  }
  if (table.rotary_dim() > dim) {
    throw InputError("rope_apply_block: table rotates " + std::to_string(table.rotary_dim()) +
                     " coordinates, more than dim = " + std::to_string(dim));
  }
}

#define POSPROP_ALWAYS_INLINE inline __attribute__((always_inline))
#if defined(__clang__)
#define POSPROP_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define POSPROP_IVDEP _Pragma("GCC ivdep")
#else
#define POSPROP_IVDEP
#endif

// One vector of length dim, pairs (2k, 2k+1).
template <class T>
POSPROP_ALWAYS_INLINE void rotate_interleaved(const T* __restrict x, T* __restrict y,
                                              const T* __restrict c, const T* __restrict s,
                                              Index pairs) {
  for (Index k = 0; k < pairs; ++k) {
    const T a = x[2 * k], b = x[2 * k + 1];
    y[2 * k] = a * c[k] - b * s[k];
    y[2 * k + 1] = a * s[k] + b * c[k];
  }
}

// One vector, pairs (k, k + pairs).
template <class T>
POSPROP_ALWAYS_INLINE void rotate_half_split(const T* __restrict x, T* __restrict y,
                                             const T* __restrict c, const T* __restrict s,
                                             Index pairs) {
  const T* __restrict xb = x + pairs;
  T* __restrict yb = y + pairs;
  for (Index k = 0; k < pairs; ++k) {
    const T a = x[k], b = xb[k];
    y[k] = a * c[k] - b * s[k];
    yb[k] = a * s[k] + b * c[k];
  }
}

// In place: every iteration reads its pair before writing it and pairs are disjoint, so there
// is no loop-carried dependence (ivdep says so; x == y would defeat a runtime alias check).
template <class T>
POSPROP_ALWAYS_INLINE void rotate_interleaved_in_place(T* v, const T* c, const T* s, Index pairs) {
  POSPROP_IVDEP
  for (Index k = 0; k < pairs; ++k) {
    const T a = v[2 * k], b = v[2 * k + 1];
    v[2 * k] = a * c[k] - b * s[k];
    v[2 * k + 1] = a * s[k] + b * c[k];
  }
}

template <class T>
POSPROP_ALWAYS_INLINE void rotate_half_split_in_place(T* v, const T* c, const T* s, Index pairs) {
  T* vb = v + pairs;
  POSPROP_IVDEP
  for (Index k = 0; k < pairs; ++k) {
    const T a = v[k], b = vb[k];
    v[k] = a * c[k] - b * s[k];
    vb[k] = a * s[k] + b * c[k];
  }
}

// Streaming (non-temporal) stores of one computed vector from an L1 scratch buffer to dst: for
// outputs larger than the last-level cache they skip the read-for-ownership of dst and do not
// evict the inputs (glibc's memcpy does the same above its non-temporal threshold).
template <class T>
POSPROP_ALWAYS_INLINE void stream_store(T* dst, const T* src, Index n) {
  auto* d = reinterpret_cast<char*>(dst);
  const auto* s = reinterpret_cast<const char*>(src);
  std::size_t bytes = sizeof(T) * static_cast<std::size_t>(n);
#if defined(__SSE2__)
  std::size_t head = (16 - (reinterpret_cast<std::uintptr_t>(d) & 15)) & 15;
  if (head > bytes) head = bytes;
  std::memcpy(d, s, head);
  d += head;
  s += head;
  bytes -= head;
  for (; bytes >= 16; bytes -= 16, d += 16, s += 16) {
    _mm_stream_si128(reinterpret_cast<__m128i*>(d),
                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(s)));
  }
#endif
  std::memcpy(d, s, bytes);
}

// How many vectors ahead the half-split loop prefetches x (one vector = dim * sizeof(T) bytes).
// That layout reads and writes two streams half a vector apart, which the hardware prefetchers
// of the reference machine follow poorly on DRAM-sized blocks (measured: 22 -> 34 GB/s on the
// 2048 x 32 x 128 double block; the interleaved layout gains nothing and is left alone).
constexpr Index kPrefetchAhead = 4;
// Scratch for one vector in the streaming path (vectors up to 2048 doubles / 4096 floats).
constexpr std::size_t kScratchBytes = 16384;

template <class T, bool Interleaved, bool InPlace, bool Stream>
POSPROP_ALWAYS_INLINE void block_loop(const T* x, T* y, Index rows, Index heads, Index dim,
                                      const RopeTable<T>& table) {
  const Index pairs = table.pairs(), rot = table.rotary_dim(), rest = dim - rot;
  const Index vectors = rows * heads;
  alignas(64) unsigned char scratch_bytes[Stream ? kScratchBytes : 1];
  T* scratch = reinterpret_cast<T*>(scratch_bytes);
  for (Index r = 0; r < rows; ++r) {
    const T* c = table.cos_row(r);
    const T* s = table.sin_row(r);
    for (Index h = 0; h < heads; ++h) {
      const Index v = r * heads + h;
      const Index offset = v * dim;
      if (!Interleaved && v + kPrefetchAhead < vectors) {
        const auto* ahead = reinterpret_cast<const char*>(x + offset + kPrefetchAhead * dim);
        for (std::size_t b = 0; b < sizeof(T) * static_cast<std::size_t>(dim); b += 64) {
          __builtin_prefetch(ahead + b, 0, 3);
        }
      }
      if constexpr (Stream) {
        if constexpr (Interleaved)
          rotate_interleaved(x + offset, scratch, c, s, pairs);
        else
          rotate_half_split(x + offset, scratch, c, s, pairs);
        if (rest > 0)
          std::memcpy(scratch + rot, x + offset + rot, sizeof(T) * static_cast<std::size_t>(rest));
        stream_store(y + offset, scratch, dim);
      } else if constexpr (InPlace) {
        // The pass-through coordinates are already in place.
        if constexpr (Interleaved)
          rotate_interleaved_in_place(y + offset, c, s, pairs);
        else
          rotate_half_split_in_place(y + offset, c, s, pairs);
      } else {
        if constexpr (Interleaved)
          rotate_interleaved(x + offset, y + offset, c, s, pairs);
        else
          rotate_half_split(x + offset, y + offset, c, s, pairs);
        if (rest > 0) {
          std::memcpy(y + offset + rot, x + offset + rot,
                      sizeof(T) * static_cast<std::size_t>(rest));
        }
      }
    }
  }
#if defined(__SSE2__)
  if constexpr (Stream) _mm_sfence();  // order the streaming stores before any later load
#endif
}

/// Streaming stores when the output block alone exceeds the threshold (the last-level cache by
/// default): then it cannot stay cached for its consumer anyway. Below it, ordinary stores keep
/// y in cache for the attention product that follows.
bool use_streaming_stores(Index out_bytes, Index vector_bytes) {
#if defined(__SSE2__)
  return out_bytes > rope_streaming_threshold_bytes() &&
         vector_bytes <= static_cast<Index>(kScratchBytes);
#else
  (void)out_bytes;
  (void)vector_bytes;
  return false;
#endif
}

// Function multiversioning: an AVX2 clone chosen at load time on CPUs that have it, the
// baseline x86-64 (SSE2) code elsewhere. "avx2" does not enable FMA, so both clones round
// exactly alike. Measured on the reference machine (bench/README.md): the AVX2 clone is 1.4x
// faster on L3-resident blocks and 2x on DRAM-sized half-split blocks.
#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(POSPROP_NO_TARGET_CLONES)
#define POSPROP_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define POSPROP_CLONES
#endif

#define POSPROP_BLOCK_VARIANT(name, T, interleaved, in_place, stream)            \
  POSPROP_CLONES void name(const T* x, T* y, Index rows, Index heads, Index dim, \
                           const RopeTable<T>& table) {                          \
    block_loop<T, interleaved, in_place, stream>(x, y, rows, heads, dim, table); \
  }
POSPROP_BLOCK_VARIANT(block_il_d, double, true, false, false)
POSPROP_BLOCK_VARIANT(block_hs_d, double, false, false, false)
POSPROP_BLOCK_VARIANT(block_il_d_in_place, double, true, true, false)
POSPROP_BLOCK_VARIANT(block_hs_d_in_place, double, false, true, false)
POSPROP_BLOCK_VARIANT(block_il_d_stream, double, true, false, true)
POSPROP_BLOCK_VARIANT(block_hs_d_stream, double, false, false, true)
POSPROP_BLOCK_VARIANT(block_il_f, float, true, false, false)
POSPROP_BLOCK_VARIANT(block_hs_f, float, false, false, false)
POSPROP_BLOCK_VARIANT(block_il_f_in_place, float, true, true, false)
POSPROP_BLOCK_VARIANT(block_hs_f_in_place, float, false, true, false)
POSPROP_BLOCK_VARIANT(block_il_f_stream, float, true, false, true)
POSPROP_BLOCK_VARIANT(block_hs_f_stream, float, false, false, true)
#undef POSPROP_BLOCK_VARIANT

template <class T>
void scores(const T* q, const T* k, T* s, Index nq, Index nk, Index dim) {
  if (nq < 0 || nk < 0 || dim < 1) throw InputError("attention_scores: bad block shape");
  using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMajor> qm(q, nq, dim), km(k, nk, dim);
  Eigen::Map<RowMajor> sm(s, nq, nk);
  sm.noalias() = qm * km.transpose();
}

}  // namespace

void rope_apply_block(const double* x, double* y, Index rows, Index heads, Index dim,
                      const RopeTable<double>& table, Layout layout) {
  check_block(rows, heads, dim, table, layout);
  const bool il = layout == Layout::interleaved;
  if (use_streaming_stores(rows * heads * dim * static_cast<Index>(sizeof(double)),
                           dim * static_cast<Index>(sizeof(double)))) {
    (il ? block_il_d_stream : block_hs_d_stream)(x, y, rows, heads, dim, table);
  } else if (x == y) {
    (il ? block_il_d_in_place : block_hs_d_in_place)(x, y, rows, heads, dim, table);
  } else {
    (il ? block_il_d : block_hs_d)(x, y, rows, heads, dim, table);
  }
}

void rope_apply_block(const float* x, float* y, Index rows, Index heads, Index dim,
                      const RopeTable<float>& table, Layout layout) {
  check_block(rows, heads, dim, table, layout);
  const bool il = layout == Layout::interleaved;
  if (use_streaming_stores(rows * heads * dim * static_cast<Index>(sizeof(float)),
                           dim * static_cast<Index>(sizeof(float)))) {
    (il ? block_il_f_stream : block_hs_f_stream)(x, y, rows, heads, dim, table);
  } else if (x == y) {
    (il ? block_il_f_in_place : block_hs_f_in_place)(x, y, rows, heads, dim, table);
  } else {
    (il ? block_il_f : block_hs_f)(x, y, rows, heads, dim, table);
  }
}

Index rope_streaming_threshold_bytes() {
  static const Index threshold = [] {
    if (const char* env = std::getenv("POSPROP_STREAM_THRESHOLD"))
      return static_cast<Index>(std::atoll(env));
    long llc = 0;
#if defined(_SC_LEVEL3_CACHE_SIZE)
    llc = sysconf(_SC_LEVEL3_CACHE_SIZE);
#endif
    // Virtual machines often report the host's aggregate L3 (384 MiB on the reference VM, whose
    // core sees 32 MiB): distrust values outside [1, 64] MiB and assume 32 MiB.
    if (llc < (1L << 20) || llc > (64L << 20)) llc = 32L << 20;
    // Half the cache: an output that large cannot stay cached next to its input anyway.
    return static_cast<Index>(llc / 2);
  }();
  return threshold;
}

void attention_scores(const double* q, const double* k, double* s, Index nq, Index nk, Index dim) {
  scores(q, k, s, nq, nk, dim);
}

void attention_scores(const float* q, const float* k, float* s, Index nq, Index nk, Index dim) {
  scores(q, k, s, nq, nk, dim);
}

}  // namespace posprop
