// Learned absolute position embeddings (GPT-2 wpe, BERT position_embeddings): a table of
// max_position_embeddings x d_model parameters added to the token embedding. Here the table is
// random with a fixed seed, N(0, 0.02^2) as in BERT's initializer_range, which is what a learned
// table looks like to every property that does not assume training.
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/random.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace posprop {

template <class T>
class Learned : public Encoder<T> {
 public:
  Learned(Index d_model, long long max_positions, std::uint64_t seed)
      : Encoder<T>(d_model), max_positions_(max_positions) {
    check_even_dim(d_model, "d_model");
    if (max_positions < 1 || max_positions * d_model > (1LL << 24)) {
      throw InputError(
          "max_position_embeddings must be >= 1 with max_position_embeddings * d_model"
          " <= 2^24, got " +
          std::to_string(max_positions));
    }
    SplitMix64 rng(seed);
    table_.resize(static_cast<std::size_t>(max_positions * d_model));
    for (double& x : table_) {
      x = std::ldexp(std::nearbyint(std::ldexp(0.02 * rng.gaussian(), 30)), -30);
      max_entry_ = std::max(max_entry_, std::fabs(x));
    }
  }

  Site site() const override { return Site::embedding; }
  ErrorProfile error_profile() const override {
    ErrorProfile profile;
    profile.max_frequency = 0;                // table entries are exact: no angle error
    profile.position_magnitude = max_entry_;  // exact: the largest |entry| of this table
    return profile;
  }
  void check_position(double pos) const override {
    Encoder<T>::check_position(pos);
    if (pos < 0 || pos != std::floor(pos) || pos >= static_cast<double>(max_positions_)) {
      throw InputError("learned table: position " + to_decimal(pos) + " is not an integer in [0, " +
                       std::to_string(max_positions_) + ")");
    }
  }
  Vec<T> position_vector(double pos) const override {
    check_position(pos);
    Vec<T> p(this->dim());
    const auto row = static_cast<std::size_t>(pos) * static_cast<std::size_t>(this->dim());
    for (Index k = 0; k < this->dim(); ++k) p(k) = T(table_[row + static_cast<std::size_t>(k)]);
    return p;
  }
  long long max_positions() const { return max_positions_; }

 private:
  long long max_positions_;
  std::vector<double> table_;  // exact dyadics, identical in every scalar type
  double max_entry_ = 0;
};

POSPROP_EXTERN_LADDER(Learned);

}  // namespace posprop
