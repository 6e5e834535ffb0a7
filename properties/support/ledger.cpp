// The ledger of the study note's claims (../shared/CLAIMS.md; the note is ../shared/seed/).
// Verdicts are COMPUTED by claims.cpp from these evidence items; `stated` is what proofs/CLAIMS.md
// says, and `posprop claims` exits 1 when the two disagree.
#include "support/claims.hpp"

namespace posprop {
namespace {

Evidence holds(Role role, std::string property, std::string encoder, std::string note) {
  return {role, std::move(property), std::move(encoder), Expect::hold, "", std::move(note)};
}
Evidence fails(Role role, std::string property, std::string encoder, std::string note) {
  return {role, std::move(property), std::move(encoder), Expect::fail, "", std::move(note)};
}
Evidence cert(Role role, std::string id, std::string note) {
  return {role, "", "", Expect::hold, std::move(id), std::move(note)};
}
constexpr Role kS = Role::supports, kR = Role::refutes, kH = Role::hypothesis;

std::vector<Claim> build() {
  std::vector<Claim> c;
  c.push_back(
      {"S1",
       "In SinPE the low dimensions capture long-distance relative position and the high "
       "dimensions nearby positions, because the denominators differ.",
       "refuted",
       "Reversed. Pair k has w_k = 10000^(-2k/d): the LOW-index pairs have the highest "
       "frequencies (wavelength 2 pi at k = 0) and resolve nearby offsets, aliasing beyond "
       "pi / w_k; the high-index pairs (wavelength up to 2 pi 10000^((d-2)/d)) carry long "
       "distances. True only if 'low' means low-frequency.",
       "proofs/sinusoidal.md",
       true,
       {holds(kR, "sinusoidal.frequency_order", "sinusoidal", "w_k decreases with k (Vaswani)"),
        holds(kR, "sinusoidal.frequency_order", "sinusoidal-concat", "same in [sin | cos]"),
        cert(kR, "cert.sinpe_wavelengths", "pair 0 short, pair 63 long, d = 128")}});
  c.push_back({"S2",
               "RoPE treats Q and K as complex numbers (pairs of coordinates); each position "
               "rotates them by a different angle.",
               "holds",
               "On each rotated pair (a, b), z = x_a + i x_b is multiplied by w_k(p) = e^{i p "
               "theta_k}; which coordinates pair up is the layout ((2k, 2k+1) or (k, k+d/2)).",
               "proofs/rotation_group.md",
               true,
               {holds(kS, "rope.complex_view", "rope", "interleaved"),
                holds(kS, "rope.complex_view", "rope-neox", "half-split"),
                holds(kS, "rope.complex_view", "rope-partial", "partial rotary")}});
  c.push_back({"S3",
               "Rotation matrices are orthogonal: R(a)^T = R(a)^-1 = R(-a).",
               "holds",
               "For every RoPE map A(p) (any layout, partial rotary, any orthogonal basis): "
               "A(p)^T A(p) = I and A(-p) = A(p)^T = A(p)^-1.",
               "proofs/rotation_group.md",
               true,
               {holds(kS, "rotation.orthogonal", "rope", ""),
                holds(kS, "rotation.orthogonal", "rope-neox", ""),
                holds(kS, "rotation.orthogonal", "rope-basis", ""),
                holds(kS, "rotation.group", "rope", "includes A(-a) = A(a)^T")}});
  c.push_back(
      {"S4",
       "Rotations form a group: R(-a) R(b) = R(b - a).",
       "holds",
       "A(a) A(b) = A(a + b) and A(-a) = A(a)^-1 for every RoPE map.",
       "proofs/rotation_group.md",
       true,
       {holds(kS, "rotation.group", "rope", ""), holds(kS, "rotation.group", "rope-neox", ""),
        holds(kS, "rotation.group", "rope-basis", "")}});
  c.push_back(
      {"S5",
       "Both SinPE and RoPE group the d_model dimensions two by two.",
       "holds",
       "Both pair coordinates at a common frequency: SinPE's (sin, cos) pairs rotate "
       "together under a shift, RoPE rotates pairs; the pairing is (2k, 2k+1) or (k, k+d/2) "
       "depending on the convention.",
       "proofs/sinusoidal.md",
       true,
       {holds(kS, "sinusoidal.shift_is_rotation", "sinusoidal", "pairs (2k, 2k+1)"),
        holds(kS, "sinusoidal.shift_is_rotation", "sinusoidal-concat", "pairs (k, k+d/2)"),
        holds(kS, "rope.complex_view", "rope", "")}});
  c.push_back(
      {"S6",
       "Both SinPE and RoPE can extrapolate, though in different senses.",
       "out-of-scope",
       "Not a mathematical statement ('extrapolate' is about learned behaviour). Closest "
       "precise statements, checked: RoPE scores at unseen absolute positions equal scores "
       "at seen positions with the same offset (translation equivariance); SinPE's table at "
       "any position is a fixed rotation B(t) of the table at another.",
       "proofs/sinusoidal.md",
       false,
       {holds(kS, "score.translation_equivariant", "rope", ""),
        holds(kS, "sinusoidal.shift_is_rotation", "sinusoidal", "")}});
  c.push_back(
      {"S7",
       "If position enters through a parameter-free transformation of Q and K, the score is "
       "an inner product and scores are translation-equivariant, the transformation must be "
       "orthogonal and have the group property.",
       "holds-with-hypotheses",
       "True with two hypotheses the note leaves implicit: the SAME map A(p) on q and k, and "
       "A(0) = I; then relativity for all q, k forces A(p)^T A(p) = I and A(a)A(b) = A(a+b). "
       "Without them: xPos (different maps) is relative but not orthogonal; A(p) = Q R(p) "
       "is relative and orthogonal but not a group; c R(p) (same map, scaled) is relative but "
       "not orthogonal. M R(p) is relative only if M^T M commutes with every R(p), so a "
       "generic M breaks relativity.",
       "proofs/uniqueness.md",
       true,
       {holds(kS, "rotation.orthogonal", "rope", ""), holds(kS, "rotation.group", "rope", ""),
        fails(kS, "score.relative_form", "rope-then-linear",
              "same map, M^T M not in the commutant"),
        holds(kH, "score.relative_form", "rope-scaled", "same map c R(p): relative..."),
        fails(kH, "rotation.orthogonal", "rope-scaled", "...but not orthogonal"),
        holds(kH, "score.relative_form", "xpos", "different maps: relative..."),
        fails(kH, "rotation.orthogonal", "xpos", "...but not orthogonal"),
        holds(kH, "score.relative_form", "rope-then-orthogonal", "A(0) != I: relative..."),
        fails(kH, "rotation.group", "rope-then-orthogonal", "...but not a group")}});
  c.push_back({"S8",
               "Every finite-dimensional continuous real orthogonal representation decomposes into "
               "2-D rotation representations (plus 1-D trivial ones); hence the transformation "
               "rotates 2-D subspaces by angles linear in position.",
               "holds-with-hypotheses",
               "For real positions and continuity: A(p) = Q diag(R(theta_1 p), ..., R(theta_m p), "
               "I) Q^T. For integer positions (a representation of Z) A(n) = G^n with any "
               "orthogonal G, whose real Schur form may also contain -1 blocks ((-1)^n axes) that "
               "no continuous one-parameter group contains.",
               "proofs/uniqueness.md",
               true,
               {holds(kS, "rotation.connected", "rope", ""),
                holds(kS, "rotation.connected", "rope-basis", ""),
                holds(kH, "score.relative_form", "orthogonal-power", "G^n is relative..."),
                fails(kH, "rotation.connected", "orthogonal-power", "...but det G^n = (-1)^n"),
                cert(kH, "cert.orthogonal_power_minus_one", "det G = -1, certified")}});
  c.push_back(
      {"S9",
       "xPos and YaRN are essentially RoPE, with the angle scaled or reparametrised.",
       "partly",
       "xPos keeps RoPE's relativity but is not a reparametrised rotation: it multiplies "
       "queries by zeta^(n/s) and keys by zeta^(-n/s) (not orthogonal, different maps). "
       "YaRN (transformers' code, rope-yarn) reparametrises the frequencies (each between "
       "default/s and default, decreasing in the pair index) and also scales magnitudes by "
       "mscale: A(p) = c R'(p), relative, norms times c exactly, but not an isometry.",
       "proofs/uniqueness.md, proofs/scaled_rope.md",
       true,
       {holds(kS, "score.relative_form", "xpos", "relative like RoPE"),
        fails(kR, "rotation.orthogonal", "xpos", "not a rotation"),
        fails(kR, "rope.complex_view", "xpos", "|w_k| != 1"),
        holds(kS, "score.relative_form", "rope-yarn", "YaRN is relative like RoPE"),
        holds(kS, "scaling.frequency_schedule", "rope-yarn",
              "a reparametrisation of the frequencies: default/s <= inv_k <= default"),
        holds(kS, "scaling.scaled_norm", "rope-yarn", "|A(p) x| = mscale |x| exactly"),
        fails(kR, "rotation.orthogonal", "rope-yarn", "mscale != 1: not a rotation"),
        fails(kR, "rotation.orthogonal", "rope-scaled", "mscale-style magnitude c R(p)")}});
  c.push_back(
      {"S10",
       "With SinPE, x = e + p; q.k expands into four terms and the relative-position "
       "information sits only in the last one, p_i^T W_q^T W_k p_j.",
       "holds",
       "Exact; the last term is the only one depending on both positions (the cross terms "
       "carry one absolute position each and are relative only if they vanish). Whether it "
       "is a function of j - i depends on W_q^T W_k (S11): generically not, as the note says.",
       "proofs/commutant.md",
       true,
       {holds(kS, "position.commutant_relative", "sinusoidal", "relative for a commutant M"),
        fails(kS, "position.generic_bilinear_relative", "sinusoidal",
              "as the note says: a generic M destroys it (S11)"),
        fails(kS, "position.commutant_cross_terms", "sinusoidal",
              "cross terms: one absolute position each")}});
  c.push_back(
      {"S11",
       "p_i^T M p_j = g(j - i) for all i, j only if M is blocked by the frequencies of p "
       "with each 2x2 block in the commutant of the rotations; a trained W_q^T W_k cannot "
       "satisfy this, so SinPE's relative structure is destroyed by the projections.",
       "holds",
       "With distinct frequencies and w_k +- w_l not in 2 pi Z (true for SinPE: all w_k <= "
       "1): p_i^T M p_j depends only on j - i iff the off-diagonal frequency blocks of M "
       "vanish and each diagonal block is a I + b J. Generic M fails (certified); even a "
       "commutant M leaves the cross terms absolute.",
       "proofs/commutant.md",
       true,
       {holds(kS, "position.commutant_relative", "sinusoidal", ""),
        holds(kS, "position.commutant_relative", "sinusoidal-concat", ""),
        fails(kS, "position.generic_bilinear_relative", "sinusoidal", "generic M: not relative"),
        fails(kS, "position.commutant_cross_terms", "sinusoidal", "cross terms absolute")}});
  c.push_back(
      {"S12",
       "SinPE still worked for translation because the other three terms keep enough "
       "absolute-position cues and local statistical bias.",
       "out-of-scope",
       "An empirical explanation, not a mathematical statement. Closest precise statement, "
       "checked: with SinPE the score depends on absolute position through the cross terms "
       "(it is not translation-equivariant, certified).",
       "proofs/commutant.md",
       false,
       {fails(kS, "score.translation_equivariant", "sinusoidal", "absolute cues exist"),
        fails(kS, "position.commutant_cross_terms", "sinusoidal", "carried by cross terms")}});
  c.push_back({"S13",
               "With RoPE the score depends only on relative position: (R(a)u)^T(R(b)v) = "
               "u^T R(b - a) v.",
               "holds",
               "(A(i) q)^T (A(j) k) = q^T A(j - i) k for every RoPE map, hence S(i + t, j + t) = "
               "S(i, j) for any W_q, W_k applied before it.",
               "proofs/relative_form.md",
               true,
               {holds(kS, "score.relative_form", "rope", ""),
                holds(kS, "score.relative_form", "rope-basis", ""),
                holds(kS, "score.translation_equivariant", "rope", "")}});
  c.push_back(
      {"S14",
       "Adding sinusoidal position information after the projection, or after the score, "
       "yields at most a position bias; it cannot restore the relative inner-product "
       "structure.",
       "partly",
       "After the score (scheme A) it is exactly a position bias. After the projections "
       "(scheme B) it is more than a bias -- content x position cross terms q.p_j, p_i.k -- "
       "and those are absolute, so neither restores q^T A(j - i) k.",
       "proofs/schemes.md",
       true,
       {holds(kS, "score.position_bias_only", "scheme-a", "scheme A: a bias"),
        fails(kR, "score.position_bias_only", "scheme-b", "scheme B: not only a bias"),
        fails(kS, "score.translation_equivariant", "scheme-b", "and not relative")}});
  c.push_back({"S15",
               "Scheme A, S' = q.k + g(i, j): content term plus position bias; it cannot express "
               "'this token is more relevant at this relative position'.",
               "holds",
               "With g = p_i.p_j = sum_k cos((j - i) w_k): zero content x position interaction, "
               "translation-equivariant, and g is even in j - i (no left/right).",
               "proofs/schemes.md",
               true,
               {holds(kS, "score.position_bias_only", "scheme-a", ""),
                holds(kS, "score.translation_equivariant", "scheme-a", ""),
                holds(kS, "bias.even", "scheme-a", "")}});
  c.push_back({"S16",
               "Scheme B, q~ = q + p_i, k~ = k + p_j: the relative term is drowned by the other "
               "three, is additive and weak, and nothing makes the model respect it.",
               "partly",
               "Scheme B is not translation-equivariant (certified). 'Drowned' depends on |q|, |k| "
               "against |p| = sqrt(d/2): at unit-variance content the relative term at offset 0 "
               "(d/2) is larger than the RMS of q.k (sqrt d).",
               "proofs/schemes.md",
               true,
               {fails(kS, "score.translation_equivariant", "scheme-b", ""),
                holds(kS, "score.query_additive", "scheme-b", "position enters additively"),
                cert(kR, "cert.scheme_b_terms", "not drowned at unit-variance content")}});
  c.push_back({"S17",
               "SinPE injects position additively while attention multiplies; its coupling is "
               "destroyed by the linear maps; RoPE couples with content and is not destroyed by "
               "linear maps.",
               "holds-with-hypotheses",
               "RoPE applied AFTER the projections stays relative for every W_q, W_k; SinPE before "
               "them does not. Order matters: a linear map applied after RoPE (M R(p)) destroys "
               "relativity too.",
               "proofs/schemes.md",
               true,
               {holds(kS, "score.query_additive", "sinusoidal", "additive injection"),
                fails(kS, "score.query_additive", "rope", "RoPE couples with content"),
                holds(kS, "score.translation_equivariant", "rope", "after any W"),
                fails(kS, "score.translation_equivariant", "sinusoidal", "before W"),
                fails(kH, "score.translation_equivariant", "rope-then-linear", "map after RoPE")}});
  c.push_back({"S18",
               "If position must enter through a parameter-free linear transformation of Q and K, "
               "with an inner-product score and translation equivariance, RoPE (or an equivalent "
               "2-D rotation representation) is the unique feasible scheme.",
               "holds-with-hypotheses",
               "Same map on q and k, A(0) = I, relativity for all q, k, real positions and "
               "continuity: then A(p) = Q diag(R(theta_k p), I) Q^T -- RoPE in some orthogonal "
               "basis with some frequencies. Drop any hypothesis and other schemes exist: xPos, "
               "G^n with a -1 block, Q R(p).",
               "proofs/uniqueness.md",
               true,
               {holds(kS, "score.relative_form", "rope-basis", "RoPE in any basis"),
                holds(kS, "rotation.connected", "rope-basis", ""),
                holds(kH, "score.relative_form", "xpos", "different maps"),
                fails(kH, "rotation.connected", "orthogonal-power", "integer positions"),
                fails(kH, "rotation.group", "rope-then-orthogonal", "A(0) != I")}});
  return c;
}

}  // namespace

const std::vector<Claim>& ledger() {
  static const std::vector<Claim> all = build();
  return all;
}

}  // namespace posprop
