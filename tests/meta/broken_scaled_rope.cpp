// The broken scaled-RoPE variants as registry entries (see broken_scaled_rope.hpp). Each copies
// the shipped entry it imitates (parameters, spec) and lists the properties that catch its bug:
//   rope-yarn-mscale-twice        c^2 in cos/sin: |A x| = c^2 |x| != c |x| (scaled_norm) and the
//                                 pair magnitude != c (spec_reference). Frequencies unchanged.
//   rope-yarn-ramp-dim-index      ramp (2i - low) / (high - low): still in [0, 1] and monotone,
//                                 continuous where the original is: ONLY spec_reference.
//   rope-yarn-truncate-ignored    floor/ceil with truncate = false: the ramp jumps as beta_fast
//                                 crosses a value with integral correction dim (continuity) and
//                                 differs from the real range (spec_reference).
//   rope-llama3-band-edge-off-by-one  the band of pair i from lambda_{i+1}: the last "high" pair
//                                 gets the smooth formula with smooth > 1, inv > default
//                                 (frequency_schedule), spec_reference; moving low_freq_factor
//                                 across an edge switches a pair between formulas that disagree
//                                 there (continuity).
//   rope-linear-factor-ignored    inv_freq = default: a lawful plain RoPE, within every bound:
//                                 ONLY spec_reference.
//   rope-longrope-switch-wrong-side  long factors for seq_len <= L: at factor 1 with unit short
//                                 factors it is not plain RoPE (limit_plain); outside the bounds
//                                 of the list in use (frequency_schedule); spec_reference.
//   rope-dynamic-ntk-exponent-d   base * g^d: inv_k = default_k g^(-2k) < default_k / g
//                                 (frequency_schedule), grows faster in seq_len than K allows
//                                 (continuity), spec_reference; at seq_len <= L g = 1 (limit
//                                 holds).
#include "broken_scaled_rope.hpp"

#include "broken_scaled_rope_registry.hpp"

#include "posprop/registry_builder.hpp"

namespace posprop::meta {
namespace {

EncoderEntry broken_copy(const std::string& imitates, const std::string& name,
                         const std::string& description, ScaledRopeBug bug,
                         std::set<std::string> caught_by) {
  EncoderEntry e = build::variant_of(imitates, name, description,
                                     "tests/meta/broken_scaled_rope.hpp (deliberately broken)",
                                     std::move(caught_by));
  const RopeScalingType type = e.scaling.value();
  build::factories<build::Scalars::ladder>(e, [type, bug](auto tag, const Params& p) {
    using T = typename decltype(tag)::type;
    return std::unique_ptr<Encoder<T>>(make_broken_scaled<T>(rope_scaling_config(type, p), bug));
  });
  return e;
}

}  // namespace

std::vector<std::pair<EncoderEntry, std::string>> broken_scaled_rope_entries() {
  const std::string spec = "scaling.spec_reference", norm = "scaling.scaled_norm",
                    schedule = "scaling.frequency_schedule", limit = "scaling.limit_plain",
                    continuity = "scaling.continuity";
  std::vector<std::pair<EncoderEntry, std::string>> all;
  const auto add = [&](const std::string& imitates, const std::string& name,
                       const std::string& description, ScaledRopeBug bug,
                       std::set<std::string> caught_by) {
    all.emplace_back(broken_copy(imitates, name, description, bug, std::move(caught_by)), imitates);
  };
  add("rope-yarn", "rope-yarn-mscale-twice", "YaRN with the attention factor applied twice (c^2)",
      ScaledRopeBug::mscale_twice, {norm, spec});
  add("rope-yarn", "rope-yarn-ramp-dim-index", "YaRN ramp over the dimension index 2i",
      ScaledRopeBug::ramp_dim_index, {spec});
  add("rope-yarn-untruncated", "rope-yarn-truncate-ignored",
      "YaRN that truncates the correction range although truncate = false",
      ScaledRopeBug::truncate_ignored, {continuity, spec});
  add("rope-llama3", "rope-llama3-band-edge-off-by-one",
      "Llama 3 bands decided by the next pair's wavelength", ScaledRopeBug::band_edge_off_by_one,
      {schedule, continuity, spec});
  add("rope-linear", "rope-linear-factor-ignored", "position interpolation without the division",
      ScaledRopeBug::factor_ignored, {spec});
  add("rope-longrope", "rope-longrope-switch-wrong-side",
      "LongRoPE using long factors for seq_len <= L and short ones beyond",
      ScaledRopeBug::switch_wrong_side, {limit, schedule, spec});
  add("rope-dynamic-ntk", "rope-dynamic-ntk-exponent-d",
      "dynamic NTK with base * scale^d instead of scale^(d/(d-2))", ScaledRopeBug::ntk_exponent_d,
      {schedule, continuity, spec});
  return all;
}

}  // namespace posprop::meta
