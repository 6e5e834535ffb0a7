// scaling.frequency_schedule: the inverse frequency of every rotated pair lies between the
// default frequency divided by the declared maximal scale and the default frequency,
//   b^(-2k/d) / S <= inv_k <= b^(-2k/d),
// and decreases strictly with the pair index k. S is read from the raw configuration: factor
// (linear, NTK, YaRN, YaRN paper, Llama 3), max(1, s n / L - (s - 1)) with n = max(seq_len, L)
// (dynamic NTK); for LongRoPE the bounds are b^(-2k/d) / max(ext) and b^(-2k/d) / min(ext) of the
// list in use, and no monotonicity is claimed (arbitrary per-pair factors). The frequencies are
// read off the map (scaling_cases.hpp). Proof: proofs/scaled_rope.md, section 2.
#include "support/generated_property.hpp"
#include "support/scaling_cases.hpp"

#include <algorithm>

namespace posprop {
namespace {

struct Bounds {
  std::vector<Ref> lower, upper;
  bool monotone = true;
};

Bounds bounds(const RopeScalingConfig& c) {
  const std::vector<Ref> def = reference_default(c);
  const Ref s = c.factor.empty() ? Ref(1) : Ref(c.factor.c_str());
  Ref low_div = s, high_div = Ref(1);
  Bounds b;
  if (c.type == RopeScalingType::dynamic_ntk) {
    const Ref big_l(c.original_max_position_embeddings.c_str());
    Ref n(c.seq_len.c_str());
    if (n < big_l) n = big_l;
    low_div = s * n / big_l - (s - 1);
    if (low_div < 1) low_div = 1;
  } else if (c.type == RopeScalingType::longrope) {
    const Ref big_l(c.original_max_position_embeddings.c_str()), n(c.seq_len.c_str());
    const auto& list = n > big_l ? c.long_factor : c.short_factor;
    std::vector<Ref> ext;
    for (const std::string& e : list) ext.emplace_back(e.c_str());
    low_div = *std::max_element(ext.begin(), ext.end());
    high_div = *std::min_element(ext.begin(), ext.end());
    b.monotone = false;
  }
  for (const Ref& f : def) {
    b.lower.push_back(f / low_div);
    b.upper.push_back(f / high_div);
  }
  return b;
}

struct ScalingFrequencySchedule : ScalingConfigInputs {
  static PropertyInfo info() {
    return {"scaling.frequency_schedule", "scaling",
            "b^(-2k/d) / S <= inv_k <= b^(-2k/d) for every rotated pair k (S the configured "
            "scale), and inv_k decreases strictly with k where the spec implies it.",
            "proofs/scaled_rope.md"};
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Params p = scaling_params(entry, c.dim, c.config);
    const Bounds b = bounds(rope_scaling_config(scaling_type(entry), p));
    const auto enc = entry.make<T>(p);
    const PairReadout<T> got = read_pairs(*enc);
    const double u = unit_roundoff<T>(), ee = angle_readout_error(enc->error_profile(), u);
    Measurement out;
    if (got.angle.size() != b.lower.size()) return {1.0, 0.0};
    for (std::size_t k = 0; k < b.lower.size(); ++k) {
      // Lemma 5.2 (read-out) plus the bound rounded to T (u times the bound).
      const double bound_error = u * static_cast<double>(b.upper[k]);
      const double tol = (ee + bound_error) * (1 + 4 * u);
      out = worst(out, {positive_part(T(got.angle[k] - narrow<T>(b.upper[k]))), tol});
      out = worst(out, {positive_part(T(narrow<T>(b.lower[k]) - got.angle[k])), tol});
      if (b.monotone && k + 1 < b.lower.size()) {
        out = worst(out, {positive_part(T(got.angle[k + 1] - got.angle[k])), 2 * ee * (1 + 4 * u)});
      }
    }
    return out;
  }
};

POSPROP_PROPERTY(ScalingFrequencySchedule);

}  // namespace
}  // namespace posprop
