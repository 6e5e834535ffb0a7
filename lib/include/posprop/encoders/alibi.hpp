// ALiBi: attention with linear biases (Press, Smith, Lewis, arXiv 2108.12409, sec. 3).
//
// Slopes (ofirpress/attention_with_linear_biases fairseq/models/transformer.py get_slopes; the
// same function in transformers modeling_bloom.py build_alibi_tensor): for n heads let
// c = 2^floor(log2 n). get_slopes_power_of_2(c) = [start * start^i for i < c] with
// start = 2^(-2^-(log2 c - 3)) = 2^(-8/c), i.e. m_h = 2^(-8 (h + 1) / c) for h < c; for n not a
// power of two the remaining n - c heads take every other slope of the 2c sequence,
// get_slopes(2c)[0::2], i.e. m_h = 2^(-8 (2 (h - c) + 1) / (2c)) for c <= h < n.
// n = 8: 2^-1 .. 2^-8; n = 12: 2^-1 .. 2^-8, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
//
// Bias: b(i, j) = -m_h |i - j| (the symmetric form; on the causal triangle j <= i it is the
// paper's -m_h (i - j), and the reference's per-key +m_h j differs from it by the row constant
// m_h i, which softmax removes). The exponents are dyadic rationals (c is a power of two), so
// m_h = pow(2, e) is one correctly rounded (MPFR) or < 1 ulp (glibc) operation.
#pragma once

#include "posprop/encoder.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace posprop {

/// The exponent e_h of m_h = 2^(e_h) for head h of n (validated: 1 <= n <= 65536, 0 <= h < n).
double alibi_slope_exponent(long long num_heads, long long head);

template <class T>
T alibi_slope(long long num_heads, long long head) {
  using std::pow;
  return pow(T(2), T(alibi_slope_exponent(num_heads, head)));
}

template <class T>
class Alibi : public Encoder<T> {
 public:
  Alibi(Index head_dim, long long num_heads, long long head)
      : Encoder<T>(head_dim), slope_(alibi_slope<T>(num_heads, head)) {
    check_even_dim(head_dim, "head_dim");
  }
  Site site() const override { return Site::score_bias; }
  /// proofs/score_biases.md section 3: |fl(b) - b| <= |b| 3.01 u, expressed as an angle error
  /// with frequency m and kappa = 2 (m within 2u, the product within u).
  ErrorProfile error_profile() const override {
    ErrorProfile e;
    e.max_frequency = to_double(slope_) * (1 + 0x1p-50);
    e.frequency_error_units = 2.0;
    e.position_magnitude = 1.0;
    return e;
  }
  T bias(double i, double j) const override {
    this->check_position(i);
    this->check_position(j);
    return -(slope_ * T(std::fabs(i - j)));
  }
  const T& slope() const { return slope_; }

 private:
  T slope_;
};

POSPROP_EXTERN_LADDER(Alibi);

}  // namespace posprop
