// The encoder model (DESIGN.md section 1): every encoder says where position enters attention
// (its injection site) and answers "what is the logit S(i, j)?" through attention_logit().
#pragma once

#include "posprop/params.hpp"
#include "posprop/scalar.hpp"

#include <cmath>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace posprop {

enum class Site { embedding, qk_transform, qk_additive, score_bias };
/// Which coordinates form the rotated pairs: (2k, 2k+1) or (k, k + d/2).
enum class Layout { none, interleaved, half_split };

const char* to_string(Site site);
const char* to_string(Layout layout);

/// Component-resolved error model of a pair-rotating map A(p) = c R(p) (RoPE and its scaled
/// variants; proofs/pair_bounds.md section 4): pair k turns by p w_k, the computed angle is
/// within |p| w_k angle_units[k] u of it, cos and sin within trig_units u, the attention factor
/// within c attention_units u, and when `scaled` one more rounding multiplies by c.
struct PairProfile {
  std::vector<double> frequency;    // w_k (rounded up)
  std::vector<double> angle_units;  // per pair, in units of u
  double trig_units = 2;
  double attention_units = 0;
  bool scaled = false;
};

struct RopeScalingConfig;

/// Capability of pair-rotating encoders (RoPE, its layouts, partial rotary and rope_scaling
/// variants): the pairs, the frequencies and attention factor as computed in the encoder's
/// scalar, and the formula they come from (for the model of a correct implementation,
/// bounds/recipes.hpp).
struct RotaryStructure {
  Layout layout = Layout::interleaved;
  Index head_dim = 0, rotary_dim = 0;
  std::vector<double> frequency;  // w_k, k = 0 .. rotary_dim/2 - 1
  double attention = 1;           // c
  std::string rope_theta;         // default RoPE with this base (decimal text), unless
  std::shared_ptr<const RopeScalingConfig> scaling;  // a rope_scaling configuration
  Index pairs() const { return rotary_dim / 2; }
  Index first(Index k) const { return layout == Layout::interleaved ? 2 * k : k; }
  Index second(Index k) const {
    return layout == Layout::interleaved ? 2 * k + 1 : k + rotary_dim / 2;
  }
};

/// What the a-priori error bounds of proofs/tolerances.md need to know about an encoder's
/// computation: the largest angular frequency (d theta / d position), the relative error of the
/// computed frequencies in units of u, and the extra O(d) passes of a dense basis change.
struct ErrorProfile {
  double max_frequency = 1.0;
  double frequency_error_units = 1.0;
  double basis_passes = 0.0;
  /// Largest |entry| of a position vector or bias term (1 for sin/cos tables).
  double position_magnitude = 1.0;
  /// ||A(p)||_2 <= map_norm * exp(growth_rate |p|): 1 and 0 for rotations; xPos grows.
  double map_norm = 1.0;
  double growth_rate = 0.0;
  /// Set only by encoders whose map is exactly c R(p) (tolerance.hpp then uses the sharper
  /// per-pair bounds); an encoder that composes such a map with anything else clears it.
  std::optional<PairProfile> pairs;
};

/// Thrown when a method is called that the encoder's site does not have.
class NotApplicable : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

template <class T>
class Encoder {
 public:
  explicit Encoder(Index dim) : dim_(dim) {}
  virtual ~Encoder() = default;

  virtual Site site() const = 0;
  /// head_dim for qk_transform / score_bias, d_model for embedding / qk_additive.
  Index dim() const { return dim_; }
  virtual Layout layout() const { return Layout::none; }
  /// Number of leading coordinates that carry position (qk_transform); the rest pass through.
  virtual Index rotary_dim() const { return dim_; }
  virtual ErrorProfile error_profile() const = 0;

  // --- qk_transform: q <- A_q(i) q, k <- A_k(j) k. apply_* never forms the matrix.
  virtual Mat<T> query_map(double /*pos*/) const { return unsupported<Mat<T>>("query_map"); }
  virtual Mat<T> key_map(double pos) const { return query_map(pos); }
  virtual Vec<T> apply_query(const Vec<T>& /*x*/, double /*pos*/) const {
    return unsupported<Vec<T>>("apply_query");
  }
  virtual Vec<T> apply_key(const Vec<T>& x, double pos) const { return apply_query(x, pos); }

  // --- embedding / qk_additive: the position vector p(pos) that is added.
  virtual Vec<T> position_vector(double /*pos*/) const {
    return unsupported<Vec<T>>("position_vector");
  }

  // --- score_bias: S = q.k + b(i, j).
  virtual T bias(double /*i*/, double /*j*/) const { return unsupported<T>("bias"); }

  /// The pair structure of a map A(p) = c R(p); std::nullopt for every other encoder.
  virtual std::optional<RotaryStructure> rotary_structure() const { return std::nullopt; }

  /// Throws InputError unless `pos` is a valid position for this encoder in scalar T.
  virtual void check_position(double pos) const;

 protected:
  void check_vector(const Vec<T>& x, const char* what) const;

 private:
  template <class R>
  R unsupported(const char* method) const {
    throw NotApplicable(std::string(method) + " is not defined for an encoder at site '" +
                        to_string(site()) + "'");
  }
  Index dim_;
};

/// Throws InputError if `dim` is not a positive even number (or exceeds 65536).
void check_even_dim(long long dim, const std::string& what);

template <class T>
void Encoder<T>::check_position(double pos) const {
  if (!std::isfinite(pos)) {
    throw InputError("position must be finite, got " + to_decimal(pos));
  }
  if (std::fabs(pos) > max_exact_integer<T>() || static_cast<double>(static_cast<T>(pos)) != pos) {
    std::ostringstream os;
    os.precision(17);
    os << "position " << pos << " is not exactly representable in " << scalar_name<T>()
       << " (integers are exact up to 2^" << std::numeric_limits<T>::digits << ")";
    throw InputError(os.str());
  }
}

template <class T>
void Encoder<T>::check_vector(const Vec<T>& x, const char* what) const {
  if (x.size() != dim_) {
    throw InputError(std::string(what) + " has dimension " + std::to_string(x.size()) +
                     ", encoder expects " + std::to_string(dim_));
  }
  for (Index k = 0; k < x.size(); ++k) {
    using boost::multiprecision::isfinite;
    using std::isfinite;
    if (!isfinite(x(k))) {
      throw InputError(std::string(what) + " has a non-finite entry at index " + std::to_string(k));
    }
  }
}

}  // namespace posprop
