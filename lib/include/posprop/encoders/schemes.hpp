// The two "add sinusoidal position after the projections" schemes of the study note
// (../shared/seed/, CLAIMS.md S14-S16), with p_i the interleaved Vaswani table (sinusoidal.hpp):
//   scheme A (score_bias):  S(i, j) = q_i . k_j + g(i, j),   g(i, j) = p_i . p_j
//                                    = sum_k cos((j - i) w_k)   (a pure function of j - i);
//   scheme B (qk_additive): S(i, j) = (q_i + p_i) . (k_j + p_j).
#pragma once

#include "posprop/encoders/sinusoidal.hpp"

namespace posprop {

template <class T>
class SchemeA : public Encoder<T> {
 public:
  SchemeA(Index head_dim, double base)
      : Encoder<T>(head_dim), table_(head_dim, base, SinusoidalConvention::interleaved) {}
  Site site() const override { return Site::score_bias; }
  ErrorProfile error_profile() const override {
    ErrorProfile profile = table_.error_profile();
    profile.position_magnitude = static_cast<double>(this->dim());  // |g| <= d/2, d terms
    return profile;
  }
  T bias(double i, double j) const override {
    return table_.position_vector(i).dot(table_.position_vector(j));
  }
  Vec<T> position_vector(double pos) const override { return table_.position_vector(pos); }
  void check_position(double pos) const override { table_.check_position(pos); }

 private:
  Sinusoidal<T> table_;
};

template <class T>
class SchemeB : public Encoder<T> {
 public:
  SchemeB(Index head_dim, double base)
      : Encoder<T>(head_dim), table_(head_dim, base, SinusoidalConvention::interleaved) {}
  Site site() const override { return Site::qk_additive; }
  ErrorProfile error_profile() const override { return table_.error_profile(); }
  Vec<T> position_vector(double pos) const override { return table_.position_vector(pos); }
  void check_position(double pos) const override { table_.check_position(pos); }

 private:
  Sinusoidal<T> table_;
};

POSPROP_EXTERN_LADDER(SchemeA);
POSPROP_EXTERN_LADDER(SchemeB);

}  // namespace posprop
