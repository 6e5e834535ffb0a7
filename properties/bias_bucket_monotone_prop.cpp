// bias.bucket_monotone: the T5 bucket index (not the learned value, which has no order) is
// non-decreasing in the distance |j - i| on each side of the query and stays in that side's
// range: bidirectional, keys before the query in [0, nb/2) and after it in [nb/2, nb); causal,
// keys before in [0, nb) and every key after the query in bucket 0.
// Proof: proofs/score_biases.md (Theorem 2).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

#include "posprop/encoders/t5_bias.hpp"

#include <tuple>

namespace posprop {
namespace {

struct BucketCase {
  int dim = 2;
  long long d1 = 0, d2 = 0;  // distances, d1 <= d2
  bool after = false;        // key after the query (rel = +d) or before (rel = -d)
};
std::ostream& operator<<(std::ostream& os, const BucketCase& c) {
  return os << "{dim=" << c.dim << ", rel_near=" << (c.after ? c.d1 : -c.d1)
            << ", rel_far=" << (c.after ? c.d2 : -c.d2) << "}";
}

struct BiasBucketMonotone {
  static PropertyInfo info() {
    return {"bias.bucket_monotone", "bias",
            "The T5 bucket index is non-decreasing in |j - i| on each side of the query and stays "
            "in that side's bucket range (causal: every key after the query in bucket 0).",
            "proofs/score_biases.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    return e.formula == Formula::t5_bidirectional || e.formula == Formula::t5_causal;
  }
  using Input = BucketCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) {
    return rc::gen::mapcat(gen::dimension(e, 256), [max = e.max_position](int dim) {
      return rc::gen::map(
          rc::gen::tuple(gen::position(max), gen::position(max), rc::gen::arbitrary<bool>()),
          [dim](const std::tuple<double, double, bool>& t) {
            BucketCase c;
            c.dim = dim;
            c.d1 = static_cast<long long>(std::min(std::get<0>(t), std::get<1>(t)));
            c.d2 = static_cast<long long>(std::max(std::get<0>(t), std::get<1>(t)));
            c.after = std::get<2>(t);
            return c;
          });
    });
  }

  /// Consecutive distances (r - 1, r) at every bucket switch, each side of the query, then
  /// (0, max) and (2^20, max); the boundary dims in turn.
  static std::vector<Input> boundary(const EncoderEntry& e) {
    const std::vector<int> dims = boundary::dims(e, 256);
    const auto* t5 = dynamic_cast<const T5Bias<double>*>(&instance<double>(e, dims.front()));
    if (!t5) throw std::logic_error("bias.bucket_monotone needs a T5Bias encoder");
    const auto max = static_cast<long long>(e.max_position);
    std::vector<std::pair<long long, long long>> pairs;
    for (long long r : boundary::bucket_switches(t5->buckets()))
      if (r >= 1 && r <= max) pairs.emplace_back(r - 1, r);
    pairs.emplace_back(0, max);
    pairs.emplace_back(static_cast<long long>(boundary::kTwo20), max);
    std::vector<Input> out;
    for (std::size_t k = 0; k < 2 * pairs.size(); ++k) {
      const int dim = dims[k * dims.size() / (2 * pairs.size())];
      out.push_back({dim, pairs[k / 2].first, pairs[k / 2].second, k % 2 == 1});
    }
    return out;
  }
  static void record(Coverage& c, const EncoderEntry&, const Input& in) {
    c.dim(in.dim);
    c.position(static_cast<double>(in.d1));
    c.position(static_cast<double>(in.d2));
  }

  /// Distance of b from [lo, hi) (0 inside).
  static double outside(long long b, long long lo, long long hi) {
    if (b < lo) return static_cast<double>(lo - b);
    if (b >= hi) return static_cast<double>(b - hi + 1);
    return 0.0;
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const auto* enc = dynamic_cast<const T5Bias<T>*>(&instance<T>(entry, c.dim));
    if (!enc) throw std::logic_error("bias.bucket_monotone needs a T5Bias encoder");
    const T5Buckets& cfg = enc->buckets();
    const long long s = c.after ? 1 : -1;
    const long long near = enc->bucket(s * c.d1), far = enc->bucket(s * c.d2);
    const long long nb = cfg.num_buckets(), half = cfg.per_direction();
    // The range of the bucket of rel: bidirectional [nb/2, nb) for rel > 0, [0, nb/2) otherwise;
    // causal [0, nb).
    const auto range_violation = [&](long long rel, long long b) {
      if (!cfg.bidirectional()) return outside(b, 0, nb);
      return rel > 0 ? outside(b, half, nb) : outside(b, 0, half);
    };
    double residual = 0;
    if (!cfg.bidirectional() && c.after) {
      // Causal: keys after the query all share bucket 0.
      residual = static_cast<double>(std::llabs(near) + std::llabs(far));
    } else {
      residual = std::max(0.0, static_cast<double>(near - far));  // monotone
      residual += range_violation(s * c.d1, near) + range_violation(s * c.d2, far);
    }
    // Integer arithmetic: exact, tolerance 0 (proofs/score_biases.md section 4).
    return {residual, 0.0};
  }
};

POSPROP_PROPERTY(BiasBucketMonotone);

}  // namespace
}  // namespace posprop
