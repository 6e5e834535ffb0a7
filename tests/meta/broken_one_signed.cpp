// The one-signed broken encoders of broken_one_signed.hpp as registry entries (each a copy of
// the shipped entry it imitates), and what catches each one:
//   sinusoidal-floor-q16          the table floored to Q16: p - p_exact in (-2^-16, 0] entry by
//                                 entry. spec.reference compares entries (max_abs_entry: blind
//                                 before the fix); the quantised table is no longer a rotation
//                                 of itself (shift_is_rotation, commutant_relative, both with
//                                 absolute values: they caught it before the fix too).
//   rope-partial-tail-floor-q16   the pass-through coordinates floored to Q16 in apply():
//                                 partial.pass_through (y_tail - x_tail <= 0: blind before the
//                                 fix), map.apply_matches_matrix and spec.reference (2-norms).
//   rope-linear-partial-tail-shrunk  pass-through coordinates times 1 - 2^-20 in the map and in
//                                 apply(): scaling.limit_plain (A - R is -2^-20 on the tail
//                                 diagonal, 0 elsewhere: blind before the fix);
//                                 partial.pass_through (its fast-path part y - x = -2^-20 x has
//                                 mixed signs, and its map part is one-signed); the norm is not
//                                 preserved (rotation.orthogonal, scaling.scaled_norm) and
//                                 A(a) A(b) scales the tail by (1 - 2^-20)^2 (rotation.group).
// How "blind before the fix" was shown: the commit that adds these entries records the meta
// cells run against the unfixed max_abs_entry.
#include "broken_one_signed_registry.hpp"

#include "broken_one_signed.hpp"
#include "broken_registry.hpp"

#include "posprop/rope_scaling.hpp"

#include <cmath>

namespace posprop::meta {
namespace {

EncoderEntry copy_of(const std::string& imitates, const std::string& name,
                     const std::string& description, std::set<std::string> caught_by) {
  return build::variant_of(imitates, name, description,
                           "tests/meta/broken_one_signed.hpp (deliberately broken)",
                           std::move(caught_by));
}

}  // namespace

std::vector<std::pair<EncoderEntry, std::string>> one_signed_broken_entries() {
  std::vector<std::pair<EncoderEntry, std::string>> all;
  {
    EncoderEntry e =
        copy_of("sinusoidal", "sinusoidal-floor-q16", "sinusoidal table in Q16 with floor rounding",
                {"spec.reference", "sinusoidal.shift_is_rotation", "position.commutant_relative"});
    build::construct<SinusoidalFloorQ16, kLadder>(
        e, [](const Params& p) { return std::tuple(build::head_dim(p), p.get_double("base")); });
    all.emplace_back(std::move(e), "sinusoidal");
  }
  {
    EncoderEntry e =
        copy_of("rope-partial", "rope-partial-tail-floor-q16",
                "partial rotary whose fast path floors the pass-through part to Q16",
                {"partial.pass_through", "map.apply_matches_matrix", "spec.reference"});
    build::construct<RopePartialTailFloorQ16, kLadder>(e, build::rope_args);
    all.emplace_back(std::move(e), "rope-partial");
  }
  {
    EncoderEntry e = copy_of("rope-linear", "rope-linear-partial-tail-shrunk",
                             "partial-rotary interpolation, pass-through part times 1 - 2^-20",
                             {"scaling.limit_plain", "partial.pass_through", "rotation.orthogonal",
                              "rotation.group", "scaling.scaled_norm"});
    for (ParamSpec& s : e.params)
      if (s.key == "partial_rotary_factor") s.default_value = "0.5";
    e.dim_multiple = 4;
    build::construct<ScaledRopeTailShrunk, kLadder>(e, [](const Params& p) {
      return std::tuple(rope_scaling_config(RopeScalingType::linear, p));
    });
    all.emplace_back(std::move(e), "rope-linear");
  }
  return all;
}

}  // namespace posprop::meta
