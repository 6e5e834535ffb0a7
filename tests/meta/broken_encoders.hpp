// Deliberately broken encoders: each one reproduces a bug class of
// ../shared/reference/bug-classes.md, so that the meta tests can show that the properties catch
// it. They exist for double, Hp50, Hp100 and Interval only (broken_<scalar>.cpp instantiate
// them); the registry with their expected failures is broken_registry.cpp.
#pragma once

#include "posprop/encoders/rope.hpp"
#include "posprop/encoders/schemes.hpp"
#include "posprop/encoders/sinusoidal.hpp"
#include "posprop/encoders/xpos.hpp"

#include <utility>
#include <vector>

namespace posprop::meta {

/// Rows (a, b) of a map acting on one coordinate pair:
///   y_a = m00 x_a + m01 x_b,  y_b = m10 x_a + m11 x_b.
template <class T>
struct PairBlock {
  Index a, b;
  T m00, m01, m10, m11;
};

/// A RoPE whose map is assembled from 2 x 2 blocks: the matrix and the fast path are built from
/// the same blocks (so they agree), which is where the broken variants below put their bug.
template <class T>
class BlockRope : public Rope<T> {
 public:
  using Rope<T>::Rope;
  Mat<T> query_map(double pos) const override;
  Vec<T> apply_query(const Vec<T>& x, double pos) const override;

 protected:
  /// The correct rotation of the pair (a, b) by theta.
  static PairBlock<T> rotation(Index a, Index b, const T& theta);
  /// The blocks at `pos` (default: the correct RoPE blocks of Rope<T>).
  virtual std::vector<PairBlock<T>> blocks(double pos) const;
};

/// Bug class 10 / kernel sign error: y_a = x_a c + x_b s, y_b = x_a s + x_b c. The block
/// [[c, s], [s, c]] is symmetric with determinant cos(2 theta): not a rotation.
template <class T>
class RopeWrongSign : public BlockRope<T> {
 public:
  using BlockRope<T>::BlockRope;

 protected:
  std::vector<PairBlock<T>> blocks(double pos) const override;
};

/// Bug class 5: half-split pairing (rotate_half) with cos/sin built in the interleaved
/// convention (repeat_interleave(freqs, 2) instead of cat(freqs, freqs)): coordinate m uses
/// frequency m / 2, so the two rows of a half-split pair turn by different angles.
template <class T>
class RopeMixedConvention : public BlockRope<T> {
 public:
  using BlockRope<T>::BlockRope;

 protected:
  std::vector<PairBlock<T>> blocks(double pos) const override;
};

/// Bug class 5: the layout parameter is reported but ignored; pairs are always (2k, 2k + 1).
template <class T>
class RopeLayoutIgnored : public BlockRope<T> {
 public:
  using BlockRope<T>::BlockRope;

 protected:
  std::vector<PairBlock<T>> blocks(double pos) const override;
};

/// Bug class 1 (an attention factor applied although none is configured): A(p) = 1.01 R(p).
template <class T>
class RopeStrayScale : public BlockRope<T> {
 public:
  using BlockRope<T>::BlockRope;
  ErrorProfile error_profile() const override;  // ||A|| = 1.01

 protected:
  std::vector<PairBlock<T>> blocks(double pos) const override;
};

/// Bug classes 6 and 8: partial rotary whose kernel also rotates the tail, pairs
/// (r + 2m, r + 2m + 1) turned by theta_m (what a write past the rotary width looks like).
template <class T>
class RopePartialRotatesTail : public BlockRope<T> {
 public:
  using BlockRope<T>::BlockRope;

 protected:
  std::vector<PairBlock<T>> blocks(double pos) const override;
};

/// Bug class 1: theta_k = base^(-k / d) instead of base^(-2k / d). A valid RoPE with other
/// frequencies: every invariant holds.
template <class T>
class RopeExponentI : public Rope<T> {
 public:
  RopeExponentI(Index head_dim, double base, Layout layout);
};

/// Bug class 6: partial rotary with frequencies base^(-2k / head_dim) instead of
/// base^(-2k / rotary_dim). The tail is still copied and the map is still a RoPE.
template <class T>
class RopePartialHeadDimFreqs : public Rope<T> {
 public:
  RopePartialHeadDimFreqs(Index head_dim, double base, Index rotary_dim, Layout layout);
};

/// Bug class 2: inverse frequencies and angles in float, as an fp32 cos/sin cache computes them
/// (inv_freq = 1 / base^(2k/r) in float, theta = fl32(fl32(pos) * inv_freq)), whatever the scalar
/// type: an error shared by queries and keys, identical on every rung of the ladder.
template <class T>
class RopeFloatAngles : public Rope<T> {
 public:
  RopeFloatAngles(Index head_dim, double base, Index rotary_dim, Layout layout);

 protected:
  T angle(Index k, double pos) const override;

 private:
  std::vector<float> inv_freq_f_;
};

/// Fast path disagreeing with the matrix: apply() indexes the cos/sin cache with -pos (the
/// inverse rotation), query_map() is correct.
template <class T>
class RopeFastPathInverse : public Rope<T> {
 public:
  using Rope<T>::Rope;
  Vec<T> apply_query(const Vec<T>& x, double pos) const override;
};

/// Matrix disagreeing with the fast path: query_map() returns R(p)^T = R(-p), apply() is correct.
/// Every law of the matrix alone (orthogonality, group) still holds.
template <class T>
class RopeMatrixTransposed : public Rope<T> {
 public:
  using Rope<T>::Rope;
  Mat<T> query_map(double pos) const override;
};

/// Bug class 1 on the key path only (an attention factor applied to keys, not to queries): keys
/// go through 1.01 R(p), queries through R(p). Scores scale by 1.01 and stay relative, the
/// query map is a rotation: only rotation.orthogonal, which reads the key map, sees it.
template <class T>
class RopeKeyScaled : public Rope<T> {
 public:
  using Rope<T>::Rope;
  ErrorProfile error_profile() const override;  // ||A_k|| = 1.01
  Mat<T> key_map(double pos) const override;
  Vec<T> apply_key(const Vec<T>& x, double pos) const override;
};

/// Sinusoidal table with sin and cos swapped: PE[p, 2k] = cos, PE[p, 2k + 1] = sin.
template <class T>
class SinusoidalSwapped : public Sinusoidal<T> {
 public:
  using Sinusoidal<T>::Sinusoidal;
  Vec<T> position_vector(double pos) const override;
};

/// Bug class 2: an fp32 sinusoidal table (frequencies and angles rounded to float) in every
/// scalar type: sin(fl32(p w)) is no longer an exact rotation of sin(fl32(q w)).
template <class T>
class SinusoidalFloatAngles : public Sinusoidal<T> {
 public:
  SinusoidalFloatAngles(Index d_model, double base);
  Vec<T> position_vector(double pos) const override;

 private:
  std::vector<float> freq_f_;
};

/// Scheme A with the key table turned a quarter turn per pair, (s, c) -> (c, -s): the bias
/// becomes sum_k sin((i - j) w_k), still a function of j - i but odd instead of even.
template <class T>
class SchemeAQuadrature : public SchemeA<T> {
 public:
  using SchemeA<T>::SchemeA;
  T bias(double i, double j) const override;
};

/// xPos with the two maps exchanged (torchscale's downscale flag read the wrong way): queries get
/// zeta^(-n/s), keys zeta^(+n/s), so a key before the query is amplified by zeta^((j - i)/s) > 1.
/// Still exactly relative and as non-orthogonal as xPos: only xpos.causal_decay sees it.
template <class T>
class XPosUpscale : public XPos<T> {
 public:
  using XPos<T>::XPos;
  Mat<T> query_map(double pos) const override { return XPos<T>::key_map(pos); }
  Mat<T> key_map(double pos) const override { return XPos<T>::query_map(pos); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return XPos<T>::apply_key(x, pos);
  }
  Vec<T> apply_key(const Vec<T>& x, double pos) const override {
    return XPos<T>::apply_query(x, pos);
  }
};

// ---- definitions (out of class, so that the extern declarations below really suppress
// implicit instantiation in the files that only build these encoders)

template <class T>
PairBlock<T> BlockRope<T>::rotation(Index a, Index b, const T& theta) {
  using std::cos;
  using std::sin;
  const T c = cos(theta), s = sin(theta);
  return {a, b, c, T(-s), s, c};
}

template <class T>
std::vector<PairBlock<T>> BlockRope<T>::blocks(double pos) const {
  std::vector<PairBlock<T>> out;
  for (Index k = 0; k < this->rotary_dim() / 2; ++k)
    out.push_back(rotation(this->pair_first(k), this->pair_second(k), this->angle(k, pos)));
  return out;
}

template <class T>
Mat<T> BlockRope<T>::query_map(double pos) const {
  this->check_position(pos);
  Mat<T> m = Mat<T>::Identity(this->dim(), this->dim());
  for (const PairBlock<T>& b : blocks(pos)) {
    m(b.a, b.a) = b.m00;
    m(b.a, b.b) = b.m01;
    m(b.b, b.a) = b.m10;
    m(b.b, b.b) = b.m11;
  }
  return m;
}

template <class T>
Vec<T> BlockRope<T>::apply_query(const Vec<T>& x, double pos) const {
  this->check_position(pos);
  this->check_vector(x, "query/key vector");
  Vec<T> y = x;
  for (const PairBlock<T>& b : blocks(pos)) {
    y(b.a) = b.m00 * x(b.a) + b.m01 * x(b.b);
    y(b.b) = b.m10 * x(b.a) + b.m11 * x(b.b);
  }
  return y;
}

template <class T>
std::vector<PairBlock<T>> RopeWrongSign<T>::blocks(double pos) const {
  std::vector<PairBlock<T>> out = BlockRope<T>::blocks(pos);
  for (PairBlock<T>& b : out) b.m01 = -b.m01;  // -s -> +s
  return out;
}

template <class T>
std::vector<PairBlock<T>> RopeMixedConvention<T>::blocks(double pos) const {
  using std::cos;
  using std::sin;
  std::vector<PairBlock<T>> out;
  for (Index k = 0; k < this->rotary_dim() / 2; ++k) {
    const Index a = this->pair_first(k), b = this->pair_second(k);
    const T theta_a = this->angle(a / 2, pos), theta_b = this->angle(b / 2, pos);
    out.push_back({a, b, cos(theta_a), T(-sin(theta_a)), sin(theta_b), cos(theta_b)});
  }
  return out;
}

template <class T>
std::vector<PairBlock<T>> RopeLayoutIgnored<T>::blocks(double pos) const {
  std::vector<PairBlock<T>> out;
  for (Index k = 0; k < this->rotary_dim() / 2; ++k)
    out.push_back(this->rotation(2 * k, 2 * k + 1, this->angle(k, pos)));
  return out;
}

template <class T>
std::vector<PairBlock<T>> RopeStrayScale<T>::blocks(double pos) const {
  const T scale = T(101) / T(100);
  std::vector<PairBlock<T>> out = BlockRope<T>::blocks(pos);
  for (PairBlock<T>& b : out) {
    b.m00 *= scale;
    b.m01 *= scale;
    b.m10 *= scale;
    b.m11 *= scale;
  }
  return out;
}

template <class T>
ErrorProfile RopeStrayScale<T>::error_profile() const {
  ErrorProfile profile = BlockRope<T>::error_profile();
  profile.map_norm = 1.01;
  return profile;
}

template <class T>
std::vector<PairBlock<T>> RopePartialRotatesTail<T>::blocks(double pos) const {
  std::vector<PairBlock<T>> out = BlockRope<T>::blocks(pos);
  const Index r = this->rotary_dim();
  for (Index m = 0; r + 2 * m + 1 < this->dim(); ++m)
    out.push_back(this->rotation(r + 2 * m, r + 2 * m + 1, this->angle(m % (r / 2), pos)));
  return out;
}

template <class T>
std::vector<T> exponent_i_inv_freq(double base, Index dim) {
  using std::pow;
  std::vector<T> inv_freq;
  for (Index k = 0; k < dim / 2; ++k) inv_freq.push_back(pow(T(base), T(-k) / T(dim)));
  return inv_freq;
}

template <class T>
RopeExponentI<T>::RopeExponentI(Index head_dim, double base, Layout layout)
    : Rope<T>(head_dim, exponent_i_inv_freq<T>(base, head_dim), layout) {}

template <class T>
std::vector<T> head_dim_inv_freq(double base, Index head_dim, Index rotary_dim) {
  using std::pow;
  std::vector<T> inv_freq;
  for (Index k = 0; k < rotary_dim / 2; ++k)
    inv_freq.push_back(pow(T(base), T(-2 * k) / T(head_dim)));
  return inv_freq;
}

template <class T>
RopePartialHeadDimFreqs<T>::RopePartialHeadDimFreqs(Index head_dim, double base, Index rotary_dim,
                                                    Layout layout)
    : Rope<T>(head_dim, head_dim_inv_freq<T>(base, head_dim, rotary_dim), layout) {}

/// 1 / base^(2k/r) evaluated in float (transformers: 1.0 / (base ** (arange(0, dim, 2).float()
/// / dim))).
inline std::vector<float> float_inv_freq(double base, Index rotary_dim) {
  std::vector<float> out;
  for (Index k = 0; k < rotary_dim / 2; ++k) {
    const float exponent = static_cast<float>(2 * k) / static_cast<float>(rotary_dim);
    out.push_back(1.0f / std::pow(static_cast<float>(base), exponent));
  }
  return out;
}

template <class T>
std::vector<T> to_scalars(const std::vector<float>& values) {
  return std::vector<T>(values.begin(), values.end());
}

template <class T>
RopeFloatAngles<T>::RopeFloatAngles(Index head_dim, double base, Index rotary_dim, Layout layout)
    : Rope<T>(head_dim, to_scalars<T>(float_inv_freq(base, rotary_dim)), layout),
      inv_freq_f_(float_inv_freq(base, rotary_dim)) {}

template <class T>
T RopeFloatAngles<T>::angle(Index k, double pos) const {
  const float theta = static_cast<float>(pos) * inv_freq_f_[static_cast<std::size_t>(k)];
  return T(theta);
}

template <class T>
Vec<T> RopeFastPathInverse<T>::apply_query(const Vec<T>& x, double pos) const {
  return Rope<T>::apply_query(x, -pos);
}

template <class T>
ErrorProfile RopeKeyScaled<T>::error_profile() const {
  ErrorProfile profile = Rope<T>::error_profile();
  profile.map_norm = 1.01;
  return profile;
}

template <class T>
Mat<T> RopeKeyScaled<T>::key_map(double pos) const {
  return Mat<T>(this->query_map(pos) * (T(101) / T(100)));
}

template <class T>
Vec<T> RopeKeyScaled<T>::apply_key(const Vec<T>& x, double pos) const {
  return Vec<T>(this->apply_query(x, pos) * (T(101) / T(100)));
}

template <class T>
Mat<T> RopeMatrixTransposed<T>::query_map(double pos) const {
  return Rope<T>::query_map(pos).transpose();
}

template <class T>
Vec<T> SinusoidalSwapped<T>::position_vector(double pos) const {
  Vec<T> p = Sinusoidal<T>::position_vector(pos);
  for (Index k = 0; k + 1 < p.size(); k += 2) std::swap(p(k), p(k + 1));
  return p;
}

template <class T>
SinusoidalFloatAngles<T>::SinusoidalFloatAngles(Index d_model, double base)
    : Sinusoidal<T>(d_model, base, SinusoidalConvention::interleaved),
      freq_f_(float_inv_freq(base, d_model)) {}

template <class T>
Vec<T> SinusoidalFloatAngles<T>::position_vector(double pos) const {
  using std::cos;
  using std::sin;
  this->check_position(pos);
  Vec<T> p(this->dim());
  for (Index k = 0; k < this->dim() / 2; ++k) {
    const T angle(static_cast<float>(pos) * freq_f_[static_cast<std::size_t>(k)]);
    p(2 * k) = sin(angle);
    p(2 * k + 1) = cos(angle);
  }
  return p;
}

template <class T>
T SchemeAQuadrature<T>::bias(double i, double j) const {
  const Vec<T> p_i = this->position_vector(i), p_j = this->position_vector(j);
  T sum(0);
  for (Index k = 0; k + 1 < p_i.size(); k += 2) sum += p_i(k) * p_j(k + 1) - p_i(k + 1) * p_j(k);
  return sum;
}

/// Explicit instantiations live in broken_<scalar>.cpp (double, Hp50, Hp100, and Interval for
/// the certificates of counterexamples).
#define POSPROP_META_EXTERN(Class)               \
  extern template class Class<double>;           \
  extern template class Class<::posprop::Hp50>;  \
  extern template class Class<::posprop::Hp100>; \
  extern template class Class<::posprop::Interval>

POSPROP_META_EXTERN(BlockRope);
POSPROP_META_EXTERN(RopeWrongSign);
POSPROP_META_EXTERN(RopeMixedConvention);
POSPROP_META_EXTERN(RopeLayoutIgnored);
POSPROP_META_EXTERN(RopeStrayScale);
POSPROP_META_EXTERN(RopePartialRotatesTail);
POSPROP_META_EXTERN(RopeExponentI);
POSPROP_META_EXTERN(RopePartialHeadDimFreqs);
POSPROP_META_EXTERN(RopeFloatAngles);
POSPROP_META_EXTERN(RopeFastPathInverse);
POSPROP_META_EXTERN(RopeMatrixTransposed);
POSPROP_META_EXTERN(RopeKeyScaled);
POSPROP_META_EXTERN(SinusoidalSwapped);
POSPROP_META_EXTERN(SinusoidalFloatAngles);
POSPROP_META_EXTERN(SchemeAQuadrature);

}  // namespace posprop::meta
