// LieRE-style encoder (Ostmeier et al., "LieRE: Generalizing Rotary Position Encodings",
// arXiv 2406.10322, sec. 3): A(p) = exp(sum_a p_a G_a) with DENSE skew-symmetric generators G_a
// (learned; here fixed-seed). exp of a skew-symmetric matrix is orthogonal, and along one line
// p = s v the maps exp(s sum_a v_a G_a) form a one-parameter group, so every 1-D property holds
// on the diagonal p -> (p, .., p). For two axes the generators do not commute, so
// exp(i_1 G_1 + i_2 G_2) exp(j_1 G_1 + j_2 G_2) != exp((i + j)_1 G_1 + (i + j)_2 G_2): LieRE is
// expected to FAIL relativity for vector positions (proofs/multiaxis.md section 4).
//
// Generators: G_a = (B_a - B_a^T) 2^-(e + 1), B_a Gaussian (gaussian_entries(seed + a)), e =
// floor(log2 sqrt n): exact dyadic doubles, so every scalar sees the same exact generators.
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/matrix_exp.hpp"
#include "posprop/multiaxis.hpp"

#include <cstdint>
#include <vector>

namespace posprop {

/// The fixed-seed skew-symmetric generators of LieRE, exact doubles (row-major n x n each).
std::vector<Mat<double>> liere_generators(Index dim, Index axes, std::uint64_t seed);

template <class T>
class Liere : public Encoder<T>, public MultiAxisEncoder<T> {
 public:
  /// dim in [2, 32] even, axes in [1, 4].
  Liere(Index dim, Index axes, std::uint64_t seed);

  Site site() const override { return Site::qk_transform; }
  ErrorProfile error_profile() const override { return profile_; }
  ErrorProfile axis_error_profile() const override { return profile_; }
  Index axes() const override { return static_cast<Index>(generators_.size()); }

  Mat<T> query_map(double pos) const override { return query_map(diagonal(pos)); }
  Vec<T> apply_query(const Vec<T>& x, double pos) const override {
    return apply_query(x, diagonal(pos));
  }
  Mat<T> query_map(const std::vector<double>& pos) const override;
  Vec<T> apply_query(const Vec<T>& x, const std::vector<double>& pos) const override;

  const std::vector<Mat<double>>& generators() const { return generators_; }

 private:
  std::vector<double> diagonal(double pos) const {
    return std::vector<double>(generators_.size(), pos);
  }
  std::vector<Mat<double>> generators_;
  std::vector<double> frobenius_;  // ||G_a||_F, rounded up
  ErrorProfile profile_;
};

template <class T>
Liere<T>::Liere(Index dim, Index axes, std::uint64_t seed)
    : Encoder<T>(dim), generators_(liere_generators(dim, axes, seed)) {
  double w = 0;
  for (const auto& g : generators_) {
    frobenius_.push_back(g.norm() * (1 + 0x1p-48));
    w += frobenius_.back();
  }
  w *= 1 + 0x1p-48;
  // proofs/multiaxis.md section 6: for integer positions (||p||_inf >= 1, or p = 0 where the map
  // is exactly I), ||Ahat(p) - exp(M)||_2 <= ||p||_inf (4 W + 1) c u with W = sum_a ||G_a||_F and
  // c = 1.35 (delta_0 + 1.03 n^2) + A + 1, delta_0 = 2.02 sqrt(n) (2.5 + 0.85 n) + 1 (the
  // Taylor stage in units of u). As a profile: max_frequency = 4W + 1, kappa = c - 1.
  const double n = static_cast<double>(dim);
  const double delta0 = 2.02 * std::sqrt(n) * (2.5 + 0.85 * n) + 1.0;
  const double c = 1.35 * (delta0 + 1.03 * n * n) + static_cast<double>(axes) + 1.0;
  profile_.max_frequency = 4 * w + 1;
  profile_.frequency_error_units = c - 1;
}

template <class T>
Mat<T> Liere<T>::query_map(const std::vector<double>& pos) const {
  this->check_axis_position(pos, *this);
  const Index n = this->dim();
  Mat<T> m = Mat<T>::Zero(n, n);
  double bound = 0;  // >= ||M||_F: sum_a |p_a| ||G_a||_F, with the rounding of M (gamma_A)
  for (std::size_t a = 0; a < generators_.size(); ++a) {
    m += T(pos[a]) * generators_[a].cast<T>();
    bound += std::fabs(pos[a]) * frobenius_[a];
  }
  bound *= 1 + 2 * static_cast<double>(generators_.size() + 1) * unit_roundoff<T>() + 0x1p-50;
  return matrix_exp<T>(m, bound);
}

template <class T>
Vec<T> Liere<T>::apply_query(const Vec<T>& x, const std::vector<double>& pos) const {
  this->check_vector(x, "query/key vector");
  return query_map(pos) * x;
}

POSPROP_EXTERN_LADDER(Liere);

}  // namespace posprop
