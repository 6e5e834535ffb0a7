// RoPE with vector positions: pair k turns by angle_k(p) = sum_a p_a f_{k,a}, each pair a 2x2
// rotation (so the generators J f_{k,.} commute and A(p) A(q) = A(p + q) for vector p, q).
// The three published members differ only in their frequency table f (built below):
//
//  M-RoPE (Qwen2-VL, arXiv 2409.12191 sec. 2.1; transformers models/qwen2_vl/modeling_qwen2_vl.py
//   Qwen2VLRotaryEmbedding + apply_multimodal_rotary_pos_emb): inv_freq_k = theta^(-2k/d) for
//   k < d/2 (the plain RoPE table), positions (t, h, w); emb = cat(freqs, freqs) and
//   mrope_section * 2 split the last dimension, so half-split pair (k, k + d/2) uses the axis of
//   the section containing k, with its GLOBAL frequency index k (not reset per section):
//   f_{k,a} = inv_freq_k [a = axis(k)].
//  Axial 2-D (naver-ai/rope-vit models/vit_rope.py compute_axial_cis, theta = 100): interleaved
//   pairs (view_as_complex); freqs = 1/theta^(arange(0, d, 4)[:d/4] / d) = theta^(-4k/d); the
//   first d/4 pairs turn with x (the column), the next d/4 with y: f_k = (m_k, 0),
//   f_{d/4+k} = (0, m_k).
//  RoPE-Mixed (rope-vit init_random_2d_freqs + compute_mixed_cis, theta = 10): learned
//   directions; at initialisation, for a head angle phi, f_k = m_k (cos phi, sin phi) and
//   f_{d/4+k} = m_k (cos(pi/2 + phi), sin(pi/2 + phi)) = m_k (-sin phi, cos phi); angle =
//   t_x f_x + t_y f_y. Here phi is a fixed-seed double (the trained values are free parameters).
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/multiaxis.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace posprop {

/// A frequency table: f[k][a] for pair k and axis a, and the relative error of each computed
/// entry in units of u (proofs/multiaxis.md section 5).
template <class T>
struct AxisFrequencies {
  std::vector<std::vector<T>> f;
  double error_units = 1.0;
};

/// M-RoPE: `section` counts PAIRS per axis and sums to head_dim / 2.
template <class T>
AxisFrequencies<T> mrope_frequencies(Index head_dim, double theta,
                                     const std::vector<long long>& section);
/// The axis of each pair under `section` (validated), for the spec and the golden tests.
std::vector<int> mrope_pair_axes(Index head_dim, const std::vector<long long>& section);
/// rope-vit axial: head_dim a multiple of 4.
template <class T>
AxisFrequencies<T> axial_frequencies(Index head_dim, double theta);
/// rope-vit mixed at head angle phi: head_dim a multiple of 4.
template <class T>
AxisFrequencies<T> mixed_frequencies(Index head_dim, double theta, double phi);
/// The fixed-seed head angle of rope-mixed: 2 pi U, U uniform from the seed, an exact double.
double mixed_head_angle(std::uint64_t seed);

template <class T>
class AxisRope : public Encoder<T>, public MultiAxisEncoder<T> {
 public:
  AxisRope(Index head_dim, AxisFrequencies<T> freqs, Layout layout);

  Site site() const override { return Site::qk_transform; }
  Layout layout() const override { return layout_; }
  ErrorProfile error_profile() const override { return profile_; }
  ErrorProfile axis_error_profile() const override { return profile_; }
  Index axes() const override { return axes_; }

  // The scalar interface is the diagonal (p, .., p) (multiaxis.hpp).
  Mat<T> query_map(double pos) const override { return query_map(diagonal(pos)); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return apply_query(x, diagonal(pos));
  }
  Mat<T> query_map(const std::vector<double>& pos) const override;
  Vec<T> apply_query(const Vec<T>& x, const std::vector<double>& pos) const override;

  const std::vector<std::vector<T>>& frequencies() const { return freqs_.f; }
  Index pair_first(Index k) const { return layout_ == Layout::interleaved ? 2 * k : k; }
  Index pair_second(Index k) const {
    return layout_ == Layout::interleaved ? 2 * k + 1 : k + this->dim() / 2;
  }

 private:
  std::vector<double> diagonal(double pos) const {
    return std::vector<double>(static_cast<std::size_t>(axes_), pos);
  }
  /// sum_a p_a f_{k,a}, in axis order.
  T angle(Index k, const std::vector<double>& pos) const;

  AxisFrequencies<T> freqs_;
  Layout layout_;
  Index axes_;
  ErrorProfile profile_;
  PairTrigCache<T, std::vector<double>> trig_;
};

// ---- definitions

template <class T>
AxisFrequencies<T> mrope_frequencies(Index head_dim, double theta,
                                     const std::vector<long long>& section) {
  if (!(theta > 1.0)) throw InputError("rope_theta must be > 1, got " + to_decimal(theta));
  const std::vector<int> axis = mrope_pair_axes(head_dim, section);
  using std::pow;
  AxisFrequencies<T> out;
  for (Index k = 0; k < head_dim / 2; ++k) {
    std::vector<T> f(section.size(), T(0));
    f[static_cast<std::size_t>(axis[static_cast<std::size_t>(k)])] =
        pow(T(theta), T(-2 * k) / T(head_dim));
    out.f.push_back(f);
  }
  out.error_units = 2.0 + std::log(theta);  // as RoPE: exponent rounding |ln theta| u, pow 2u
  return out;
}

inline void check_axial_dim(Index head_dim) {
  check_even_dim(head_dim, "head_dim");
  if (head_dim % 4 != 0) {
    throw InputError("2-D RoPE needs head_dim a multiple of 4 (d/4 pairs per axis), got " +
                     std::to_string(head_dim));
  }
}

template <class T>
AxisFrequencies<T> axial_frequencies(Index head_dim, double theta) {
  check_axial_dim(head_dim);
  if (!(theta > 1.0)) throw InputError("rope_theta must be > 1, got " + to_decimal(theta));
  using std::pow;
  AxisFrequencies<T> out;
  out.f.assign(static_cast<std::size_t>(head_dim / 2), std::vector<T>(2, T(0)));
  for (Index k = 0; k < head_dim / 4; ++k) {
    const T m = pow(T(theta), T(-4 * k) / T(head_dim));
    out.f[static_cast<std::size_t>(k)][0] = m;
    out.f[static_cast<std::size_t>(head_dim / 4 + k)][1] = m;
  }
  out.error_units = 2.0 + std::log(theta);
  return out;
}

template <class T>
AxisFrequencies<T> mixed_frequencies(Index head_dim, double theta, double phi) {
  check_axial_dim(head_dim);
  if (!(theta > 1.0)) throw InputError("rope_theta must be > 1, got " + to_decimal(theta));
  if (!std::isfinite(phi)) throw InputError("head angle must be finite");
  using std::cos;
  using std::pow;
  using std::sin;
  const T c = cos(T(phi)), s = sin(T(phi));
  AxisFrequencies<T> out;
  out.f.assign(static_cast<std::size_t>(head_dim / 2), std::vector<T>(2, T(0)));
  for (Index k = 0; k < head_dim / 4; ++k) {
    const T m = pow(T(theta), T(-4 * k) / T(head_dim));
    out.f[static_cast<std::size_t>(k)] = {m * c, m * s};
    out.f[static_cast<std::size_t>(head_dim / 4 + k)] = {-(m * s), m * c};
  }
  out.error_units = 5.0 + std::log(theta);  // m within (2 + ln theta) u, cos/sin 2u, product u
  return out;
}

template <class T>
AxisRope<T>::AxisRope(Index head_dim, AxisFrequencies<T> freqs, Layout layout)
    : Encoder<T>(head_dim), freqs_(std::move(freqs)), layout_(layout) {
  check_even_dim(head_dim, "head_dim");
  if (static_cast<Index>(freqs_.f.size()) != head_dim / 2) {
    throw InputError("need head_dim/2 = " + std::to_string(head_dim / 2) + " frequency rows, got " +
                     std::to_string(freqs_.f.size()));
  }
  if (layout == Layout::none) throw InputError("multi-axis RoPE needs a pair layout");
  axes_ = static_cast<Index>(freqs_.f.front().size());
  // proofs/multiaxis.md section 5: |fl(angle_k) - angle_k| <= ||p||_inf (sum_a |f_ka|)
  // (kappa + A) u with kappa the table's error units; as a profile: max_frequency =
  // max_k sum_a |f_ka|, frequency_error_units = kappa + A - 1 (tolerance.hpp adds 1).
  profile_.max_frequency = 0;
  for (const auto& row : freqs_.f) {
    double s = 0;
    for (const T& f : row) s += std::fabs(to_double(f));
    profile_.max_frequency = std::max(profile_.max_frequency, s * (1 + 0x1p-50));
  }
  profile_.frequency_error_units = freqs_.error_units + static_cast<double>(axes_) - 1.0 + 1e-3;
}

template <class T>
T AxisRope<T>::angle(Index k, const std::vector<double>& pos) const {
  const auto& row = freqs_.f[static_cast<std::size_t>(k)];
  T a = T(pos[0]) * row[0];
  for (std::size_t ax = 1; ax < row.size(); ++ax) a += T(pos[ax]) * row[ax];
  return a;
}

template <class T>
Mat<T> AxisRope<T>::query_map(const std::vector<double>& pos) const {
  this->check_axis_position(pos, *this);
  return pair_rotation_matrix<T>(
      this->dim(), trig_.at(pos, this->dim() / 2, [&](Index k) { return angle(k, pos); }),
      [this](Index k) { return pair_first(k); }, [this](Index k) { return pair_second(k); });
}

template <class T>
Vec<T> AxisRope<T>::apply_query(const Vec<T>& x, const std::vector<double>& pos) const {
  this->check_axis_position(pos, *this);
  this->check_vector(x, "query/key vector");
  return rotate_pairs<T>(
      x, trig_.at(pos, this->dim() / 2, [&](Index k) { return angle(k, pos); }),
      [this](Index k) { return pair_first(k); }, [this](Index k) { return pair_second(k); });
}

POSPROP_EXTERN_LADDER(AxisRope);

}  // namespace posprop
