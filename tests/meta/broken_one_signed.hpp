// Broken encoders whose error is ONE-SIGNED: every entry of (computed - correct) is <= 0 on
// every input a property compares entry by entry (issue 12, deliverable 1). A residual
// max_k e_k that forgets the absolute value reads such an error as 0: before the fix of
// max_abs_entry (lib/include/posprop/scalar.hpp) the properties below that compare entries were
// blind to these bugs. Registered by broken_one_signed.cpp, which lists what catches each one.
#pragma once

#include "posprop/encoders/rope.hpp"
#include "posprop/encoders/scaled_rope.hpp"
#include "posprop/encoders/sinusoidal.hpp"

#include <cmath>

namespace posprop::meta {

/// floor(x 2^16) / 2^16: a Q16 fixed-point value obtained with an arithmetic right shift, which
/// rounds towards -infinity (not to nearest). Exact in every scalar; the error is in (-2^-16, 0].
template <class T>
T floor_q16(const T& x) {
  using std::floor;
  return T(floor(T(x * T(65536))) / T(65536));
}

/// A sinusoidal table stored in Q16 fixed point with floor rounding: every entry is at most
/// 2^-16 below the exact table, never above.
template <class T>
class SinusoidalFloorQ16 : public Sinusoidal<T> {
 public:
  SinusoidalFloorQ16(Index d_model, double base)
      : Sinusoidal<T>(d_model, base, SinusoidalConvention::interleaved) {}
  Vec<T> position_vector(double pos) const override {
    Vec<T> p = Sinusoidal<T>::position_vector(pos);
    for (Index k = 0; k < p.size(); ++k) p(k) = floor_q16(p(k));
    return p;
  }
};

/// A partial rotary RoPE whose pass-through coordinates go through a Q16 buffer with floor
/// rounding in the fast path: y_m = floor(x_m 2^16) / 2^16 <= x_m for m >= rotary_dim. The
/// matrix is right (unit vectors are exact in Q16).
template <class T>
class RopePartialTailFloorQ16 : public Rope<T> {
 public:
  using Rope<T>::Rope;
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    Vec<T> y = Rope<T>::apply_query(x, pos);
    for (Index m = this->rotary_dim(); m < y.size(); ++m) y(m) = floor_q16(x(m));
    return y;
  }
};

/// A partial rotary scaled RoPE whose pass-through coordinates are multiplied by 1 - 2^-20 (a
/// stray scale on the copied part), in the matrix and in the fast path alike: A(p) - A_correct(p)
/// is -2^-20 on the tail diagonal and 0 elsewhere.
template <class T>
class ScaledRopeTailShrunk : public ScaledRope<T> {
 public:
  using ScaledRope<T>::ScaledRope;
  Mat<T> query_map(double pos) const override {
    Mat<T> a = ScaledRope<T>::query_map(pos);
    for (Index m = this->rotary_dim(); m < a.rows(); ++m) a(m, m) *= shrink();
    return a;
  }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    Vec<T> y = ScaledRope<T>::apply_query(x, pos);
    for (Index m = this->rotary_dim(); m < y.size(); ++m) y(m) *= shrink();
    return y;
  }

 private:
  static T shrink() { return T(1) - T(std::ldexp(1.0, -20)); }
};

}  // namespace posprop::meta
