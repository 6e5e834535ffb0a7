// T5 relative position buckets (Raffel et al., arXiv 1910.10683 sec. 2.1; transformers
// src/transformers/models/t5/modeling_t5.py T5Attention._relative_position_bucket, from Mesh
// TensorFlow transformer_layers.py):
//   rel = memory_position - query_position = j - i;
//   bidirectional: nb //= 2; bucket = nb if rel > 0 else 0; r = |rel|;
//   causal:        bucket = 0; r = -min(rel, 0)   (keys after the query all fall in bucket 0);
//   max_exact = nb // 2; r < max_exact: bucket += r;
//   else bucket += min(max_exact + int(ln(r / max_exact) / ln(max_distance / max_exact)
//                                       * (nb - max_exact)), nb - 1).
// The bias is b(i, j) = table[bucket(j - i)], one learned scalar per bucket (here a fixed-seed
// Gaussian table of exact dyadic doubles). int() truncates a positive number: floor. The reference
// evaluates the logarithms in float32; we evaluate the real formula EXACTLY (integer comparisons,
// see t5_bucket_thresholds), which agrees with it wherever float32 does not round across an integer
// (every published test vector; proofs/score_biases.md section 4).
#pragma once

#include "posprop/encoder.hpp"

#include <cstdint>
#include <vector>

namespace posprop {

/// A validated bucket configuration with its exact thresholds.
class T5Buckets {
 public:
  /// Throws InputError unless num_buckets in [2, 1024] (>= 4 when bidirectional, so that
  /// max_exact >= 1), max_distance an integer with max_exact < max_distance <= 2^30.
  T5Buckets(long long num_buckets, long long max_distance, bool bidirectional);
  /// The bucket of rel = j - i (an integer, |rel| <= 2^53).
  long long bucket(long long rel) const;
  long long num_buckets() const { return num_buckets_; }
  long long max_distance() const { return max_distance_; }
  bool bidirectional() const { return bidirectional_; }
  /// Buckets per direction (nb // 2 when bidirectional, nb otherwise) and max_exact = that // 2.
  long long per_direction() const { return per_direction_; }
  long long max_exact() const { return max_exact_; }
  /// thresholds()[k - 1] = the smallest distance r >= max_exact whose logarithmic offset is >= k,
  /// for k = 1 .. per_direction - max_exact - 1 (exact: r^n' max_exact^k >= max_distance^k
  /// max_exact^n', n' = per_direction - max_exact).
  const std::vector<long long>& thresholds() const { return thresholds_; }

 private:
  long long num_buckets_, max_distance_, per_direction_, max_exact_;
  bool bidirectional_;
  std::vector<long long> thresholds_;
};

/// The reference formula transcribed literally, with the floor decided exactly by integer
/// comparisons k = 0, 1, ... (independent of T5Buckets's threshold table; spec.bias_reference).
long long t5_bucket_reference(long long rel, bool bidirectional, long long num_buckets,
                              long long max_distance);

template <class T>
class T5Bias : public Encoder<T> {
 public:
  T5Bias(Index head_dim, long long num_buckets, long long max_distance, bool bidirectional,
         std::uint64_t seed);
  Site site() const override { return Site::score_bias; }
  /// The bias is a table entry (an exact double): no rounding (proofs/score_biases.md sec. 4).
  ErrorProfile error_profile() const override {
    ErrorProfile e;
    e.max_frequency = 0;
    e.position_magnitude = 1.0;
    return e;
  }
  T bias(double i, double j) const override;
  void check_position(double pos) const override;
  /// The bucket of rel = j - i (virtual: tests/meta breaks it).
  virtual long long bucket(long long rel) const { return buckets_.bucket(rel); }
  const T5Buckets& buckets() const { return buckets_; }
  const std::vector<double>& table() const { return table_; }

 private:
  T5Buckets buckets_;
  std::vector<double> table_;
};

/// The fixed-seed table: num_buckets Gaussian entries (exact dyadic doubles).
std::vector<double> t5_bias_table(long long num_buckets, std::uint64_t seed);

template <class T>
T5Bias<T>::T5Bias(Index head_dim, long long num_buckets, long long max_distance, bool bidirectional,
                  std::uint64_t seed)
    : Encoder<T>(head_dim),
      buckets_(num_buckets, max_distance, bidirectional),
      table_(t5_bias_table(num_buckets, seed)) {
  check_even_dim(head_dim, "head_dim");
}

template <class T>
void T5Bias<T>::check_position(double pos) const {
  Encoder<T>::check_position(pos);
  if (pos != std::floor(pos)) {
    throw InputError("T5 relative buckets need integer positions, got " + to_decimal(pos));
  }
}

template <class T>
T T5Bias<T>::bias(double i, double j) const {
  check_position(i);
  check_position(j);
  const auto rel = static_cast<long long>(j) - static_cast<long long>(i);
  return T(table_[static_cast<std::size_t>(bucket(rel))]);
}

POSPROP_EXTERN_LADDER(T5Bias);

}  // namespace posprop
