// The attention logit S(i, j) for every injection site (DESIGN.md section 1), without the
// 1/sqrt(d) factor (a constant that no property depends on):
//   embedding:    S = (W_q (e_i + p_i)) . (W_k (e_j + p_j))
//   qk_transform: S = (A_q(i) W_q e_i) . (A_k(j) W_k e_j)
//   qk_additive:  S = (W_q e_i + p_i) . (W_k e_j + p_j)
//   score_bias:   S = (W_q e_i) . (W_k e_j) + b(i, j)
#pragma once

#include "posprop/encoder.hpp"

namespace posprop {

template <class T>
struct Projections {
  Mat<T> w_q, w_k;  // dim x dim
};

template <class T>
T attention_logit(const Encoder<T>& enc, const Projections<T>& w, const Vec<T>& e_i,
                  const Vec<T>& e_j, double i, double j) {
  switch (enc.site()) {
    case Site::embedding:
      return (w.w_q * (e_i + enc.position_vector(i))).dot(w.w_k * (e_j + enc.position_vector(j)));
    case Site::qk_transform:
      return enc.apply_query(w.w_q * e_i, i).dot(enc.apply_key(w.w_k * e_j, j));
    case Site::qk_additive:
      return (w.w_q * e_i + enc.position_vector(i)).dot(w.w_k * e_j + enc.position_vector(j));
    case Site::score_bias:
      return (w.w_q * e_i).dot(w.w_k * e_j) + enc.bias(i, j);
  }
  throw std::logic_error("unknown site");
}

}  // namespace posprop
