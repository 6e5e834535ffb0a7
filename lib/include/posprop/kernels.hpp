// Fast block kernels for float and double: RoPE applied to a block of rows with cos/sin cached
// per (position, pair), and the attention-score block Q K^T. These are what real implementations
// run (transformers computes cos/sin once per position_ids and broadcasts them over heads;
// meta-llama model.py precomputes freqs_cis), so bench/ measures posprop's kernels against the
// memory-bandwidth limit, and properties can compare the encoders' per-vector apply with them.
//
// The arithmetic is exactly the RoPE formula of encoders/rope.hpp, pair by pair:
//   y_a = x_a c - x_b s,   y_b = x_a s + x_b c,   c = cos(p theta_k), s = sin(p theta_k),
// with the same pair layouts ((a, b) = (2k, 2k+1) interleaved, (k, k + d_rot/2) half-split) and
// the same partial rotary rule (coordinates d_rot .. dim-1 are copied). With the double table
// built from Rope<double>::inv_freq() the double kernel reproduces Rope<double>::apply_query bit
// for bit in the default x86-64 build (same angle pos * theta_k rounded in double, same cos/sin,
// same two products and one sum; no FMA exists without -mfma). A build that contracts into FMA
// stays within one rounding of that: bench/ checks the kernels against apply_query before it
// reports a single number.
//
// Memory layout (all row-major, contiguous, no padding):
//   x, y   [rows][heads][dim]   row r holds `heads` vectors of length `dim` at table position r
//                               (heads = 1: the plain [seq x dim] block; heads > 1: the
//                               meta-llama xq layout [seqlen, n_heads, head_dim], where one
//                               cos/sin row serves every head);
//   table  cos[r * pairs + k], sin[r * pairs + k] for table row r and pair k (pairs = d_rot / 2).
// y may equal x (in place); otherwise the ranges must not overlap.
//
// Performance (bench/README.md has the figures): the loops are compiled for baseline x86-64 and
// for AVX2 (picked at load time, no FMA, so both round alike); an output larger than
// rope_streaming_threshold_bytes() is written with non-temporal stores. The cos/sin table is
// read once per row: with heads = 1 it adds half the payload to the memory traffic, with
// heads > 1 it is read from L1 for all heads of a row.
#pragma once

#include "posprop/encoder.hpp"

#include <cstddef>
#include <vector>

namespace posprop {

/// cos(p theta_k) and sin(p theta_k) for a list of positions p (one table row each) and the
/// pairs k = 0 .. pairs-1 of an inverse-frequency vector theta. Angles, cos and sin are computed
/// in double (the angle rounded once, as in Rope<double>) and then rounded to T, so the float
/// table is the correctly rounded-ish float of the double value (not the float32 angle of
/// transformers, which loses |p| theta_k 2^-24 radians).
template <class T>
class RopeTable {
 public:
  RopeTable() = default;
  /// Throws InputError if inv_freq is empty, a position is not finite, or an angle overflows.
  RopeTable(const std::vector<double>& inv_freq, const std::vector<double>& positions);

  Index rows() const { return rows_; }
  Index pairs() const { return pairs_; }
  /// Coordinates that rotate: 2 * pairs().
  Index rotary_dim() const { return 2 * pairs_; }
  const T* cos_row(Index r) const { return cos_.data() + r * pairs_; }
  const T* sin_row(Index r) const { return sin_.data() + r * pairs_; }
  /// Bytes of cos + sin (what a kernel reads from the table per pass).
  std::size_t bytes() const { return 2 * cos_.size() * sizeof(T); }

 private:
  Index rows_ = 0, pairs_ = 0;
  std::vector<T> cos_, sin_;
};

extern template class RopeTable<float>;
extern template class RopeTable<double>;

/// y <- RoPE(x) on a [rows][heads][dim] block (layout above), row r rotated by table row r.
/// Requires rows <= table.rows(), heads >= 1, dim even, table.rotary_dim() <= dim, layout
/// interleaved or half_split; throws InputError otherwise. Coordinates >= rotary_dim are copied.
void rope_apply_block(const double* x, double* y, Index rows, Index heads, Index dim,
                      const RopeTable<double>& table, Layout layout);
void rope_apply_block(const float* x, float* y, Index rows, Index heads, Index dim,
                      const RopeTable<float>& table, Layout layout);

/// Output size in bytes above which rope_apply_block writes y with streaming (non-temporal)
/// stores: half the last-level cache (sysconf; 32 MiB assumed when the value is implausible, as
/// in VMs that report the host's aggregate L3), or POSPROP_STREAM_THRESHOLD (bytes) if set. Below
/// it y is written normally and stays cached for the attention product that consumes it.
Index rope_streaming_threshold_bytes();

/// The plain [seq x dim] block (heads = 1).
inline void rope_apply_block(const double* x, double* y, Index seq, Index dim,
                             const RopeTable<double>& table, Layout layout) {
  rope_apply_block(x, y, seq, 1, dim, table, layout);
}
inline void rope_apply_block(const float* x, float* y, Index seq, Index dim,
                             const RopeTable<float>& table, Layout layout) {
  rope_apply_block(x, y, seq, 1, dim, table, layout);
}

/// Attention logits without the 1/sqrt(d) factor: s[i * nk + j] = q_i . k_j for the row-major
/// blocks q [nq x dim], k [nk x dim] and s [nq x nk] (a GEMM, Q K^T; Eigen's blocked kernel).
void attention_scores(const double* q, const double* k, double* s, Index nq, Index nk, Index dim);
void attention_scores(const float* q, const float* k, float* s, Index nq, Index nk, Index dim);

}  // namespace posprop
