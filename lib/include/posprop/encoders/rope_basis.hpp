// RoPE in an arbitrary orthogonal basis: A(p) = Q R(p) Q^T, with R(p) the interleaved RoPE
// rotation and Q a fixed Haar-random orthogonal matrix (seeded). Every such map is exactly
// relative (proofs/relative_form.md); "Rethinking RoPE" (Liu et al., arXiv 2504.06308) shows these
// are all the valid 1-D RoPEs up to the choice of frequencies.
#pragma once

#include "posprop/encoders/rope.hpp"
#include "posprop/orthogonal.hpp"

namespace posprop {

template <class T>
class RopeBasis : public Encoder<T> {
 public:
  RopeBasis(Index head_dim, double base, std::uint64_t seed)
      : Encoder<T>(head_dim),
        rope_(head_dim, base, head_dim, Layout::interleaved),
        q_(cached_basis(seed, head_dim)) {}

  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override {
    ErrorProfile profile = rope_.error_profile();
    profile.pairs.reset();                                          // Q R(p) Q^T: dense
    profile.basis_passes = 2.0 * static_cast<double>(this->dim());  // Q and Q^T, each d terms
    return profile;
  }
  Mat<T> query_map(double pos) const override { return q_ * rope_.query_map(pos) * q_.transpose(); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    this->check_vector(x, "query/key vector");
    return q_ * rope_.apply_query(q_.transpose() * x, pos);
  }
  void check_position(double pos) const override { rope_.check_position(pos); }
  const Mat<T>& basis() const { return q_; }

 private:
  static Mat<T> cached_basis(std::uint64_t seed, Index n) {
    check_even_dim(n, "head_dim");
    return cached_haar_orthogonal<T>(seed, n);
  }
  Rope<T> rope_;
  Mat<T> q_;
};

POSPROP_EXTERN_LADDER(RopeBasis);

}  // namespace posprop
