// spec.bias_reference: the bias equals its published formula, written out independently from the
// raw parameters (not from lib/):
//   ALiBi (ofirpress/attention_with_linear_biases get_slopes, transcribed literally):
//     get_slopes_power_of_2(n) = [start * ratio^i for i < n], start = ratio = 2^(-2^-(log2 n - 3));
//     get_slopes(n) = p2(n) if log2 n is an integer, else p2(c) + get_slopes(2c)[0::2][:n - c]
//     with c = 2^floor(log2 n); b(i, j) = -m_h |i - j|, checked for EVERY head h < num_heads;
//   T5 (transformers modeling_t5.py _relative_position_bucket): the bucket by the formula with
//     the floor decided exactly (t5_bucket_reference), b = table[bucket(j - i)].
// Catches slopes for the wrong head count and bucket formulas off by one, which keep every
// invariant. Proof: proofs/score_biases.md (section 5).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

#include "posprop/encoders/t5_bias.hpp"

namespace posprop {
namespace {

template <class T>
std::vector<T> slopes_power_of_2(long long n) {
  using std::log2;
  using std::pow;
  const T start = pow(T(2), -pow(T(2), -(log2(T(n)) - T(3))));
  std::vector<T> out;
  for (long long i = 0; i < n; ++i) out.push_back(start * pow(start, T(i)));
  return out;
}

template <class T>
std::vector<T> get_slopes(long long n) {
  long long c = 1;
  while (2 * c <= n) c *= 2;
  if (c == n) return slopes_power_of_2<T>(n);
  std::vector<T> out = slopes_power_of_2<T>(c);
  const std::vector<T> twice = get_slopes<T>(2 * c);
  for (long long k = 0; k < n - c; ++k) out.push_back(twice[static_cast<std::size_t>(2 * k)]);
  return out;
}

struct SpecBiasReference {
  static PropertyInfo info() {
    return {"spec.bias_reference", "spec",
            "The score bias equals its published formula evaluated independently from the raw "
            "parameters (ALiBi get_slopes for every head; the T5 bucket formula).",
            "proofs/score_biases.md"};
  }
  static bool applies_to(const EncoderEntry& e) {
    return e.formula == Formula::alibi || is_t5(e.formula);
  }
  static bool is_t5(Formula f) { return f == Formula::t5_bidirectional || f == Formula::t5_causal; }
  using Input = MapCase;  // a = i, b = j
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, 256); }
  /// The shared boundary inputs, then for T5 every bucket switch distance on both sides of a
  /// query at 0 and at the largest position.
  static std::vector<Input> boundary(const EncoderEntry& e) {
    std::vector<Input> out = map_boundaries(e, false, 256);
    const auto* t5 = dynamic_cast<const T5Bias<double>*>(&instance<double>(e, out.front().dim));
    if (!t5) return out;
    const double max = e.max_position;
    for (long long r : boundary::bucket_switches(t5->buckets())) {
      const auto d = static_cast<double>(r);
      if (d > max) continue;
      const std::vector<double> x = boundary::vector(out.front().dim, static_cast<int>(r));
      out.push_back({out.front().dim, 0, d, x, x});
      out.push_back({out.front().dim, max, max - d, x, x});
    }
    return out;
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Params p =
        Params{{"head_dim", std::to_string(c.dim)}}.completed(entry.name, entry.params);
    const double u = unit_roundoff<T>(), dist = std::fabs(c.a - c.b);
    if (is_t5(entry.formula)) {
      const Encoder<T>& enc = instance<T>(entry, c.dim);
      const long long nb = p.get_int("num_buckets", 0, 1 << 20);
      const long long bucket = t5_bucket_reference(
          static_cast<long long>(c.b) - static_cast<long long>(c.a),
          entry.formula == Formula::t5_bidirectional, nb, p.get_int("max_distance", 0, 1LL << 40));
      const auto table =
          gaussian_entries(static_cast<std::uint64_t>(p.get_int("seed", 0, 1LL << 53)), nb, 1);
      // A table entry, exact in every scalar: tolerance 0.
      return {std::fabs(to_double(enc.bias(c.a, c.b) - T(table[static_cast<std::size_t>(bucket)]))),
              0.0};
    }
    const long long n = p.get_int("num_heads", 1, 65536);
    const std::vector<T> slopes = get_slopes<T>(n);
    Measurement out;
    for (long long h = 0; h < n; ++h) {
      Params ph{{"head_dim", std::to_string(c.dim)}, {"head", std::to_string(h)}};
      const auto enc = entry.make<T>(ph);
      const T& m = slopes[static_cast<std::size_t>(h)];
      const T ref = -(m * T(dist));
      // proofs/score_biases.md section 5: the encoder within bias_error; the reference's slope
      // start * start^i (i < 2n) within (2i + 5) u <= (4n + 5) u, its product with |i - j| one
      // more u: |ref - b| <= (4n + 7) u m |i - j| (with m rounded up by 2^-40).
      const double ref_error = (4.0 * n + 7.0) * u * to_double(m) * (1 + 0x1p-40) * dist;
      out = worst(
          out, {std::fabs(to_double(enc->bias(c.a, c.b) - ref)),
                (1 + u) * (tol::bias_error(enc->error_profile(), c.dim, c.a, c.b, u) + ref_error)});
    }
    return out;
  }
};

POSPROP_PROPERTY(SpecBiasReference);

}  // namespace
}  // namespace posprop
