// The broken encoders, their parameters (those of the family they imitate, so that
// spec.reference and layout.equivalence apply) and the properties that catch them. Each one
// imitates a shipped encoder and shares that encoder's own expected failures (e.g. RoPE is never
// a pure position bias): those are not catches, and meta/exact/<encoder> checks them apart.
//
// What catches what, and why (r = rotary dim, R(p) the correct rotation, t an angle):
//   rope-wrong-sign          block [[c, s], [s, c]]: A^T A = [[1, sin 2t], [sin 2t, 1]] != I
//                            (orthogonal), det = cos 2t != 1 (connected); A(a) A(b) has cos(a - b)
//                            on the diagonal where A(a + b) has cos(a + b) (group); so scores are
//                            not functions of j - i (relative_form, translation_equivariant); not
//                            a complex multiplication (complex_view); not the formula (spec).
//                            Both layouts share the bug: layout.equivalence holds.
//   rope-neox-interleaved-freqs  rows of a half-split pair turn by theta_{a/2} != theta_{b/2}:
//                            det = cos(t_a - t_b), not orthogonal, hence all of the above, and
//                            the interleaved twin is correct, so layout.equivalence fails too.
//   rope-layout-ignored      a correct interleaved RoPE claiming half-split: every invariant
//                            holds; the layout permutation, the reference and complex_view (it
//                            reads the pairs where the layout says they are) see it.
//   rope-exponent-i          base^(-k/d): a valid RoPE with other frequencies. Every invariant
//                            holds; ONLY spec.reference (bug class 1) catches it.
//   rope-stray-scale         A = 1.01 R while the config asks for no scaling (an attention factor
//                            applied where none was configured; the shipped rope-scaled is the
//                            legitimate c R(p)): A^T A = 1.0201 I (orthogonal); A(a) A(b) =
//                            1.01 A(a + b) (group); |w| = 1.01 (complex_view); spec. Every score
//                            property HOLDS: S(i, j) = 1.0201 q^T R(j - i) k = S(0, j - i) =
//                            S(i + t, j + t) (relative_form compares with A(0) q = 1.01 q, not q),
//                            and so does connected (det A(p) = 1.01^d = det A(0)).
//   rope-float-angles        fl32 angles: still rotations (orthogonal, connected, layout,
//                            apply == matrix hold), but fl32((a + b) w) != fl32(a w) + fl32(b w):
//                            group, relative_form, translation_equivariant, complex_view (its
//                            w(a) w(b) = w(a + b) part), spec.reference.
//   rope-partial-rotates-tail  the tail turns: partial.pass_through; spec.reference (the
//                            reference copies the tail). Still a rotation in both layouts, and
//                            complex_view only reads the first r coordinates.
//   rope-partial-head-dim-freqs  valid RoPE on the first r coordinates with other frequencies:
//                            the tail is copied, so ONLY spec.reference catches it.
//   rope-fast-path-inverse   apply() = R(-p): map.apply_matches_matrix and spec.reference (which
//                            uses apply). R(-p) is itself a lawful relative rotation family:
//                            relative_form, translation_equivariant and complex_view hold, and the
//                            matrix laws never see apply().
//   rope-matrix-transposed   query_map() = R(p)^T = R(-p), a lawful family of rotations: ONLY
//                            map.apply_matches_matrix catches it.
//   rope-key-scaled          keys through 1.01 R(p), queries through R(p) (an attention factor on
//                            the key path only): scores scale by 1.01 and stay relative, the query
//                            map is a rotation group, key map and apply_key agree: ONLY
//                            rotation.orthogonal, which checks the key map, catches it.
//   sinusoidal-swapped       cos in the even slots: spec.reference; read as (sin, cos) the pair
//                            angle is pi/2 - w_k, which increases with k (frequency_order). The
//                            shift is still a rotation (a reflected one): shift_is_rotation holds.
//   sinusoidal-float-angles  sin(fl32(p w)): the reference (spec), and p(i + t) is no longer a
//                            rotation of p(i) (shift_is_rotation, commutant_relative).
//   scheme-a-quadrature      bias sum_k sin((i - j) w_k): odd, so bias.even; still a function of
//                            j - i and still a pure bias, so every score property holds.
//   xpos-upscale             xPos with A_q and A_k exchanged: gain zeta^((j - i)/s) > 1 for a key
//                            before the query (xpos.causal_decay); still exactly relative and
//                            non-orthogonal like xPos, so every other cell matches xpos.
//
// Not here: score.four_term_expansion. It compares attention_logit() with its bilinear
// expansion computed from the same position_vector() calls, so it holds for EVERY deterministic
// encoder; only a stateful one (a cache returning another row) breaks it, and such a failure
// cannot be re-evaluated into a certificate (the state differs on re-evaluation). It checks
// lib/include/posprop/score.hpp, not encoders; meta/coverage reports it.
#include "broken_registry.hpp"

#include "broken_axes_registry.hpp"
#include "broken_encoders.hpp"
#include "broken_one_signed_registry.hpp"
#include "broken_scaled_rope_registry.hpp"

#include <cmath>
#include <memory>
#include <string>

namespace posprop::meta {
namespace {

const char* const kSource = "tests/meta/broken_encoders.hpp (deliberately broken)";

/// A broken encoder, the bug-specific properties that catch it, and the shipped encoder it
/// imitates (whose own expected failures it shares: they are not catches).
struct Broken {
  EncoderEntry entry;
  std::string imitates;
};

/// A broken imitation of the shipped entry `shipped`, caught by `caught_by`.
Broken like(const std::string& shipped, const std::string& name, const std::string& description,
            std::set<std::string> caught_by) {
  return {build::variant_of(shipped, name, description, kSource, std::move(caught_by)), shipped};
}

std::vector<Broken> build() {
  const std::string orth = "rotation.orthogonal", group = "rotation.group",
                    trans = "score.translation_equivariant", rel = "score.relative_form",
                    layout = "layout.equivalence", partial = "partial.pass_through",
                    map = "map.apply_matches_matrix", spec = "spec.reference",
                    complex = "rope.complex_view", connected = "rotation.connected",
                    order = "sinusoidal.frequency_order", shift = "sinusoidal.shift_is_rotation",
                    commutant = "position.commutant_relative", even = "bias.even";
  std::vector<Broken> all;

  all.push_back(like("rope", "rope-wrong-sign",
                     "sign error: y_a = x_a c + x_b s (symmetric, not a rotation)",
                     {orth, group, trans, rel, spec, complex, connected}));
  build::construct<RopeWrongSign, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope-neox", "rope-neox-interleaved-freqs",
                     "half-split pairs with repeat_interleave cos/sin (mixed conventions)",
                     {orth, group, trans, rel, layout, spec, complex, connected}));
  build::construct<RopeMixedConvention, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope-neox", "rope-layout-ignored",
                     "claims half-split, always pairs (2k, 2k+1)", {layout, spec, complex}));
  build::construct<RopeLayoutIgnored, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope", "rope-exponent-i", "theta_k = base^(-k/d)", {spec}));
  build::construct<RopeExponentI, kLadder>(all.back().entry, [](const Params& p) {
    build::rotary_dim(p);  // validated like the others (factor 1)
    return std::tuple(build::head_dim(p), p.get_double("rope_theta"), build::layout(p));
  });

  all.push_back(like("rope", "rope-stray-scale", "A(p) = 1.01 R(p) with no scaling configured",
                     {orth, group, spec, complex}));
  build::construct<RopeStrayScale, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope-neox", "rope-float-angles",
                     "inverse frequencies and angles in float in every scalar type",
                     {group, trans, rel, spec, complex}));
  build::construct<RopeFloatAngles, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope-partial", "rope-partial-rotates-tail",
                     "partial rotary whose kernel also rotates the tail", {partial, spec}));
  build::construct<RopePartialRotatesTail, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope-partial", "rope-partial-head-dim-freqs",
                     "partial rotary with frequencies base^(-2k/head_dim)", {spec}));
  build::construct<RopePartialHeadDimFreqs, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope", "rope-fast-path-inverse", "apply() rotates by -p, query_map() by p",
                     {map, spec}));
  build::construct<RopeFastPathInverse, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope", "rope-matrix-transposed",
                     "query_map() returns R(p)^T, apply() is correct", {map}));
  build::construct<RopeMatrixTransposed, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("rope-neox", "rope-key-scaled",
                     "keys through 1.01 R(p), queries through R(p): a factor on the key path",
                     {orth}));
  build::construct<RopeKeyScaled, kLadder>(all.back().entry, build::rope_args);

  all.push_back(like("sinusoidal", "sinusoidal-swapped",
                     "sinusoidal table with sin and cos swapped", {spec, order}));
  build::construct<SinusoidalSwapped, kLadder>(all.back().entry, [](const Params& p) {
    return std::tuple(build::head_dim(p), p.get_double("base"), SinusoidalConvention::interleaved);
  });

  all.push_back(like("sinusoidal", "sinusoidal-float-angles",
                     "fp32 sinusoidal table in every scalar type", {spec, shift, commutant}));
  build::construct<SinusoidalFloatAngles, kLadder>(all.back().entry, [](const Params& p) {
    return std::tuple(build::head_dim(p), p.get_double("base"));
  });

  all.push_back(like("scheme-a", "scheme-a-quadrature",
                     "scheme A with the key table turned a quarter turn: odd bias", {even}));
  build::construct<SchemeAQuadrature, kLadder>(all.back().entry, [](const Params& p) {
    return std::tuple(build::head_dim(p), p.get_double("base"));
  });
  all.push_back(like("xpos", "xpos-upscale",
                     "xPos with the query and key maps exchanged: amplifies keys before the query",
                     {"xpos.causal_decay"}));
  build::construct<XPosUpscale, kLadder>(all.back().entry, [](const Params& p) {
    return std::tuple(build::head_dim(p), p.get_double("scale_base"),
                      p.get_double("position_offset"));
  });
  for (auto& b : broken_scaled_rope_entries()) all.push_back({std::move(b.first), b.second});
  for (auto& b : axes_broken_entries()) all.push_back({std::move(b.first), b.second});
  for (auto& b : one_signed_broken_entries()) all.push_back({std::move(b.first), b.second});
  return all;
}

std::vector<EncoderEntry> entries(bool with_imitated_failures, bool claim_correct) {
  std::vector<EncoderEntry> out;
  for (Broken& b : build()) {
    if (with_imitated_failures) {
      const auto& shipped = find_encoder(b.imitates).expected_failures;
      b.entry.expected_failures.insert(shipped.begin(), shipped.end());
    }
    if (claim_correct) b.entry.expected_failures.clear();
    out.push_back(std::move(b.entry));
  }
  return out;
}

}  // namespace

const std::vector<EncoderEntry>& broken_encoders() {
  static const std::vector<EncoderEntry> all = entries(false, false);
  return all;
}

const std::vector<EncoderEntry>& broken_encoders_exact() {
  static const std::vector<EncoderEntry> all = entries(true, false);
  return all;
}

const std::vector<EncoderEntry>& broken_as_correct() {
  static const std::vector<EncoderEntry> all = entries(false, true);
  return all;
}

}  // namespace posprop::meta
