// Deliberately broken score-bias and multi-axis encoders (bug classes of
// ../shared/reference/bug-classes.md for ALiBi, T5, M-RoPE and 2-D RoPE); instantiated by
// broken_<scalar>.cpp through broken_list.hpp, registered by broken_axes_registry.cpp.
#pragma once

#include "posprop/encoders/alibi.hpp"
#include "posprop/encoders/axis_rope.hpp"
#include "posprop/encoders/t5_bias.hpp"

#include <cmath>

namespace posprop::meta {

/// Slopes for the wrong head count: the power-of-two formula m_h = 2^(-8 (h + 1) / n) applied to
/// any n (for n = 12: 2^(-2/3) .. 2^-8 instead of 2^-1 .. 2^-8, 2^-0.5 .. 2^-3.5).
template <class T>
class AlibiPow2Slopes : public Alibi<T> {
 public:
  AlibiPow2Slopes(Index head_dim, long long num_heads, long long head)
      : Alibi<T>(head_dim, num_heads, head) {
    using std::pow;
    slope_ = pow(T(2), T(-8.0 * static_cast<double>(head + 1) / static_cast<double>(num_heads)));
  }
  ErrorProfile error_profile() const override {
    ErrorProfile e = Alibi<T>::error_profile();
    e.max_frequency = to_double(slope_) * (1 + 0x1p-50);
    e.frequency_error_units = 2.0 + 8.0 * std::log(2.0);  // the exponent -8(h+1)/n is rounded
    return e;
  }
  T bias(double i, double j) const override {
    this->check_position(i);
    this->check_position(j);
    return -(slope_ * T(std::fabs(i - j)));
  }

 private:
  T slope_;
};

/// A sign error: b(i, j) = +m |i - j|, a bias that rewards distance.
template <class T>
class AlibiRewardsDistance : public Alibi<T> {
 public:
  using Alibi<T>::Alibi;
  T bias(double i, double j) const override { return -Alibi<T>::bias(i, j); }
};

/// The clamp min(.., nb - 1) written min(.., nb): distances >= max_distance land one bucket too
/// far (bidirectional: in the other direction's first bucket, or past the table, read modulo nb).
template <class T>
class T5ClampOffByOne : public T5Bias<T> {
 public:
  using T5Bias<T>::T5Bias;
  long long bucket(long long rel) const override {
    const T5Buckets& b = this->buckets();
    const long long r = b.bidirectional() ? std::llabs(rel) : std::max(-rel, 0LL);
    return T5Bias<T>::bucket(rel) + (r >= b.max_distance() ? 1 : 0);
  }
  T bias(double i, double j) const override {
    this->check_position(i);
    this->check_position(j);
    const long long k = bucket(static_cast<long long>(j) - static_cast<long long>(i));
    return T(this->table()[static_cast<std::size_t>(k % this->buckets().num_buckets())]);
  }
};

/// M-RoPE with the frequency index reset at each section: pair k of section s (starting at pair
/// k_s) turns with theta^(-2 (k - k_s) / d) instead of theta^(-2k / d).
template <class T>
AxisFrequencies<T> mrope_reset_frequencies(Index head_dim, double theta,
                                           const std::vector<long long>& section) {
  AxisFrequencies<T> f = mrope_frequencies<T>(head_dim, theta, section);
  using std::pow;
  Index k = 0;
  for (std::size_t s = 0; s < section.size(); ++s)
    for (long long r = 0; r < section[s]; ++r, ++k)
      f.f[static_cast<std::size_t>(k)][s] = pow(T(theta), T(-2 * r) / T(head_dim));
  return f;
}

/// rope-vit axial with the frequencies over head_dim instead of head_dim / 2:
/// theta^(-2k/d) for the k-th pair of each axis instead of theta^(-4k/d).
template <class T>
AxisFrequencies<T> axial_head_dim_frequencies(Index head_dim, double theta) {
  AxisFrequencies<T> f = axial_frequencies<T>(head_dim, theta);
  using std::pow;
  for (Index k = 0; k < head_dim / 4; ++k) {
    const T m = pow(T(theta), T(-2 * k) / T(head_dim));
    f.f[static_cast<std::size_t>(k)][0] = m;
    f.f[static_cast<std::size_t>(head_dim / 4 + k)][1] = m;
  }
  return f;
}

/// Two axes whose generators do not commute: A(p) = R_x(p_x) R_y(p_y) with R_x turning the
/// interleaved pairs (2k, 2k + 1) by p_x m_k and R_y the shifted pairs (2k + 1, 2k + 2 mod d) by
/// p_y m_k (m_k = theta^(-4 (k mod d/4) / d)). Each factor is a rotation group, their product is
/// not: the planes overlap.
template <class T>
class AxisRopeSkewPlanes : public Encoder<T>, public MultiAxisEncoder<T> {
 public:
  AxisRopeSkewPlanes(Index head_dim, double theta)
      : Encoder<T>(head_dim), freqs_(axial_frequencies<T>(head_dim, theta)) {
    profile_.max_frequency = 0;
    for (const auto& row : freqs_.f)
      profile_.max_frequency =
          std::max(profile_.max_frequency, std::fabs(to_double(row[0]) + to_double(row[1])));
    // Two rotation passes, each within the RoPE bound: twice the frequency covers both.
    profile_.max_frequency *= 2 * (1 + 0x1p-50);
    profile_.frequency_error_units = freqs_.error_units + 1;
  }
  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override { return profile_; }
  ErrorProfile axis_error_profile() const override { return profile_; }
  Index axes() const override { return 2; }
  Mat<T> query_map(double pos) const override { return query_map(std::vector<double>{pos, pos}); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return apply_query(x, std::vector<double>{pos, pos});
  }
  Mat<T> query_map(const std::vector<double>& pos) const override {
    const Index d = this->dim();
    Mat<T> a(d, d);
    for (Index c = 0; c < d; ++c) {
      Vec<T> e = Vec<T>::Zero(d);
      e(c) = T(1);
      a.col(c) = apply_query(e, pos);
    }
    return a;
  }
  Vec<T> apply_query(const Vec<T>& x, const std::vector<double>& pos) const override {
    this->check_axis_position(pos, *this);
    this->check_vector(x, "query/key vector");
    const Index d = this->dim();
    Vec<T> y = x;
    turn(y, pos[1], 1, d);  // R_y first, then R_x: A(p) x = R_x(p_x) (R_y(p_y) x)
    turn(y, pos[0], 0, d);
    return y;
  }

 private:
  void turn(Vec<T>& y, double p, Index shift, Index d) const {
    using std::cos;
    using std::sin;
    for (Index k = 0; k < d / 2; ++k) {
      const auto& row = freqs_.f[static_cast<std::size_t>(k)];
      const T th = T(p) * (row[0] + row[1]);  // m_k: one of the two is 0
      const T c = cos(th), s = sin(th);
      const Index i = (2 * k + shift) % d, j = (2 * k + 1 + shift) % d;
      const T yi = y(i), yj = y(j);
      y(i) = yi * c - yj * s;
      y(j) = yi * s + yj * c;
    }
  }
  AxisFrequencies<T> freqs_;
  ErrorProfile profile_;
};

}  // namespace posprop::meta
