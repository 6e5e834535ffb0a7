// Sinusoidal absolute position encoding, added to the token embedding (site: embedding).
//
// Interleaved (Vaswani et al. 2017, "Attention Is All You Need", section 3.5; transformers
// models/distilbert/modeling_distilbert.py create_sinusoidal_embeddings):
//   PE[p, 2k] = sin(p w_k),  PE[p, 2k + 1] = cos(p w_k),  w_k = 10000^(-2k/d).
// Concatenated (tensor2tensor layers/common_attention.py get_timing_signal_1d, also fairseq):
//   PE[p, k] = sin(p w_k),  PE[p, d/2 + k] = cos(p w_k),
//   w_k = exp(-k ln(10000) / max(d/2 - 1, 1))   (so the last frequency is exactly 1e-4).
#pragma once

#include "posprop/encoder.hpp"

#include <cmath>
#include <vector>

namespace posprop {

enum class SinusoidalConvention { interleaved, concatenated };

template <class T>
class Sinusoidal : public Encoder<T> {
 public:
  Sinusoidal(Index d_model, double base, SinusoidalConvention convention);

  Site site() const override { return Site::embedding; }
  Layout layout() const override {
    return convention_ == SinusoidalConvention::interleaved ? Layout::interleaved
                                                            : Layout::half_split;
  }
  ErrorProfile error_profile() const override;
  Vec<T> position_vector(double pos) const override;
  const std::vector<T>& frequencies() const { return freq_; }

 private:
  SinusoidalConvention convention_;
  double base_;
  std::vector<T> freq_;
};

template <class T>
Sinusoidal<T>::Sinusoidal(Index d_model, double base, SinusoidalConvention convention)
    : Encoder<T>(d_model), convention_(convention), base_(base) {
  check_even_dim(d_model, "d_model");
  if (!(base > 1.0)) throw InputError("base must be > 1, got " + to_decimal(base));
  using std::exp;
  using std::log;
  using std::pow;
  const Index half = d_model / 2;
  for (Index k = 0; k < half; ++k) {
    if (convention == SinusoidalConvention::interleaved) {
      freq_.push_back(pow(T(base), T(-2 * k) / T(d_model)));
    } else {
      const Index denominator = std::max<Index>(half - 1, 1);
      freq_.push_back(exp(-T(k) * log(T(base)) / T(denominator)));
    }
  }
}

template <class T>
ErrorProfile Sinusoidal<T>::error_profile() const {
  ErrorProfile profile;
  profile.max_frequency = 1.0;  // w_0 = 1 in both conventions
  profile.frequency_error_units = 3.0 + std::log(base_);
  return profile;
}

template <class T>
Vec<T> Sinusoidal<T>::position_vector(double pos) const {
  this->check_position(pos);
  using std::cos;
  using std::sin;
  const Index half = this->dim() / 2;
  Vec<T> p(this->dim());
  for (Index k = 0; k < half; ++k) {
    const T angle = T(pos) * freq_[static_cast<std::size_t>(k)];
    const bool inter = convention_ == SinusoidalConvention::interleaved;
    p(inter ? 2 * k : k) = sin(angle);
    p(inter ? 2 * k + 1 : half + k) = cos(angle);
  }
  return p;
}

POSPROP_EXTERN_LADDER(Sinusoidal);

}  // namespace posprop
