// The shipped encoders: one entry each, with parameters, sources and expected failures.
#include "posprop/registry.hpp"

#include "registry_parts.hpp"

#include "posprop/encoders/composed.hpp"
#include "posprop/encoders/learned.hpp"
#include "posprop/encoders/rope.hpp"
#include "posprop/encoders/rope_basis.hpp"
#include "posprop/encoders/schemes.hpp"
#include "posprop/encoders/sinusoidal.hpp"
#include "posprop/encoders/xpos.hpp"

#include <cmath>

namespace posprop {

const char* to_string(Expect e) {
  return e == Expect::hold ? "hold" : "fail";
}

void check_even_dim(long long dim, const std::string& what) {
  if (dim <= 0 || dim % 2 != 0 || dim > 65536) {
    throw InputError(what + " must be a positive even number <= 65536, got " + std::to_string(dim));
  }
}

const char* to_string(Site site) {
  switch (site) {
    case Site::embedding:
      return "embedding";
    case Site::qk_transform:
      return "qk_transform";
    case Site::qk_additive:
      return "qk_additive";
    case Site::score_bias:
      return "score_bias";
  }
  return "?";
}

const char* to_string(Layout layout) {
  switch (layout) {
    case Layout::none:
      return "none";
    case Layout::interleaved:
      return "interleaved";
    case Layout::half_split:
      return "half_split";
  }
  return "?";
}

const char* to_string(Formula f) {
  switch (f) {
    case Formula::none:
      return "none";
    case Formula::rope:
      return "rope";
    case Formula::sinusoidal:
      return "sinusoidal";
    case Formula::sinusoidal_concatenated:
      return "sinusoidal-concatenated";
    case Formula::xpos:
      return "xpos";
    case Formula::alibi:
      return "alibi";
    case Formula::t5_bidirectional:
      return "t5-bidirectional";
    case Formula::t5_causal:
      return "t5-causal";
    case Formula::mrope:
      return "mrope";
    case Formula::rope_2d_axial:
      return "rope-2d-axial";
    case Formula::rope_2d_mixed:
      return "rope-2d-mixed";
  }
  return "?";
}

namespace registry_parts {

EncoderEntry rope_entry(std::string name, std::string layout, std::string factor,
                        std::string description, std::string source) {
  EncoderEntry e = build::entry(
      {std::move(name), "rope", Site::qk_transform, std::move(description), std::move(source)},
      {kHeadDim,
       kTheta,
       {"layout", layout, "interleaved (GPT-J) or half_split (NeoX)"},
       {"partial_rotary_factor", factor, "fraction of head_dim that rotates"}},
      // RoPE couples position with content multiplicatively: it is no mere bias.
      {"score.query_additive", "score.position_bias_only"});
  if (factor != "1") e.dim_multiple = static_cast<int>(std::lround(2.0 / std::stod(factor)));
  e.formula = Formula::rope;
  e.spec = plain_rope_spec();
  build::construct<Rope>(e, build::rope_args);
  return e;
}

}  // namespace registry_parts

namespace {

using namespace registry_parts;
using build::construct;
using build::entry;

/// (head_dim, rope_theta, seed): the constructions on a fixed random matrix.
std::tuple<Index, double, std::uint64_t> seeded_rope_args(const Params& p) {
  return {head_dim(p), p.get_double("rope_theta"), seed_of(p)};
}

// Expected failures shared by families (every other applicable property must hold).
const std::set<std::string> kAdditiveAbsolute = {
    "score.translation_equivariant", "score.position_bias_only",
    "position.generic_bilinear_relative", "position.commutant_cross_terms"};
const char* const kCouples = "score.query_additive";  // content-position coupling (RoPE-like)
const char* const kBiasOnly = "score.position_bias_only";

void add_absolute_entries(std::vector<EncoderEntry>& all) {
  for (const bool concat : {false, true}) {
    EncoderEntry e =
        entry({concat ? "sinusoidal-concat" : "sinusoidal", "sinusoidal", Site::embedding,
               concat ? "sinusoidal absolute PE, [sin | cos] halves (tensor2tensor)"
                      : "sinusoidal absolute PE, interleaved sin/cos (Vaswani)",
               concat ? "tensor2tensor layers/common_attention.py get_timing_signal_1d"
                      : "Vaswani et al. 2017 sec. 3.5; transformers modeling_distilbert.py"},
              {kHeadDim, kBase}, kAdditiveAbsolute);
    e.formula = concat ? Formula::sinusoidal_concatenated : Formula::sinusoidal;
    const auto convention =
        concat ? SinusoidalConvention::concatenated : SinusoidalConvention::interleaved;
    construct<Sinusoidal>(e, [convention](const Params& p) {
      return std::tuple(head_dim(p), p.get_double("base"), convention);
    });
    all.push_back(e);
  }
  EncoderEntry e =
      entry({"learned", "learned", Site::embedding,
             "learned absolute table (random N(0, 0.02^2), fixed seed)",
             "GPT-2 wpe / BERT position_embeddings"},
            {kHeadDim, {"max_position_embeddings", "2048", "rows of the table"}, kSeed},
            kAdditiveAbsolute);
  // A table has none of the sinusoid's structure: no rotation between positions, no commutant.
  e.expected_failures.insert({"sinusoidal.shift_is_rotation", "position.commutant_relative"});
  e.max_position = 2047;
  construct<Learned>(e, [](const Params& p) {
    return std::tuple(head_dim(p), p.get_int("max_position_embeddings", 1, 1LL << 24), seed_of(p));
  });
  all.push_back(e);
}

void add_rope_entries(std::vector<EncoderEntry>& all) {
  all.push_back(rope_entry("rope", "interleaved", "1", "RoPE, interleaved pairs (2k, 2k+1)",
                           "RoFormer arXiv 2104.09864 eq. 34; meta-llama model.py"));
  all.push_back(rope_entry("rope-neox", "half_split", "1", "RoPE, half-split pairs (k, k+d/2)",
                           "GPT-NeoX; transformers modeling_llama.py rotate_half"));
  all.push_back(
      rope_entry("rope-partial", "half_split", "0.5",
                 "RoPE on the first head_dim * partial_rotary_factor dims, rest copied",
                 "transformers modeling_rope_utils.py partial_rotary_factor; GPT-NeoX rotary_pct"));
  EncoderEntry e = entry({"rope-basis", "rope", Site::qk_transform,
                          "RoPE in a Haar-random orthogonal basis: Q R(p) Q^T",
                          "Liu et al. arXiv 2504.06308 (Rethinking RoPE)"},
                         {kHeadDim, kTheta, kSeed}, {kCouples, kBiasOnly});
  // The basis term of the error bound dominates the non-orthogonality of the computed Haar
  // basis for d <= 192 only (proofs/tolerances.md section 2, Lemma 2.4): not above. The map
  // Q R(p) Q^T is two dense products: O(d^3) per map and rung.
  e.max_dim = 192;
  e.matrix_max_dim = 64;
  construct<RopeBasis>(e, seeded_rope_args);
  all.push_back(e);
}

void add_xpos_entry(std::vector<EncoderEntry>& all) {
  EncoderEntry e =
      entry({"xpos", "xpos", Site::qk_transform,
             "xPos: RoPE times zeta^(n/scale_base) on queries and zeta^(-n/scale_base) on keys",
             "Sun et al. arXiv 2212.10554; torchscale component/xpos_relative_position.py"},
            {kHeadDim,
             {"scale_base", "512", "xPos scale_base"},
             {"position_offset", "0", "n = position + offset (torchscale centres by -len/2)"}},
            // Not orthogonal (|A_q(p) x| != |x|), hence neither A(-a) = A(a)^T; exactly relative.
            {"rotation.orthogonal", "rotation.group", "rope.complex_view", "rotation.connected",
             kCouples, kBiasOnly});
  e.max_position = 4096;
  e.formula = Formula::xpos;
  construct<XPos>(e, [](const Params& p) {
    return std::tuple(head_dim(p), p.get_double("scale_base"), p.get_double("position_offset"));
  });
  all.push_back(e);
}

/// The constructions of proofs/uniqueness.md and the magnitude-scaled RoPE.
void add_construction_entries(std::vector<EncoderEntry>& all) {
  EncoderEntry linear =
      entry({"rope-then-linear", "construction", Site::qk_transform,
             "A(p) = M R(p): RoPE followed by a fixed non-orthogonal map M (same for q, k)",
             "proofs/uniqueness.md (CLAIMS.md S7, S17)"},
            {kHeadDim, kTheta, kSeed},
            {"rotation.orthogonal", "rotation.group", "score.relative_form",
             "score.translation_equivariant", kCouples, kBiasOnly});
  linear.matrix_max_dim = 64;  // M R(p): a dense product, O(d^3) per map
  construct<RopeThenLinear>(linear, seeded_rope_args);
  all.push_back(linear);

  // Relative (scores scale by c^2) but not an isometry: |c R x| = c |x|, c^2 != c.
  EncoderEntry scaled =
      entry({"rope-scaled", "scaled-rope", Site::qk_transform,
             "A(p) = c R(p): RoPE times a magnitude factor (YaRN mscale, attention_scaling)",
             "YaRN arXiv 2309.00071 (mscale into cos and sin); transformers attention_scaling"},
            {kHeadDim, kTheta, {"attention_factor", "1.25", "magnitude factor c"}},
            {"rotation.orthogonal", "rotation.group", "rope.complex_view", kCouples, kBiasOnly});
  construct<RopeScaled>(scaled, [](const Params& p) {
    return std::tuple(head_dim(p), p.get_double("rope_theta"), p.get_double("attention_factor"));
  });
  all.push_back(scaled);

  EncoderEntry orthogonal =
      entry({"rope-then-orthogonal", "construction", Site::qk_transform,
             "A(p) = Q R(p), Q fixed orthogonal: relative and orthogonal but not a group",
             "proofs/uniqueness.md (CLAIMS.md S7)"},
            {kHeadDim, kTheta, kSeed}, {"rotation.group", kCouples, kBiasOnly});
  orthogonal.max_dim = 192;        // a Haar basis, as rope-basis: the bound is proved for d <= 192
  orthogonal.matrix_max_dim = 64;  // Q R(p): a dense product, O(d^3) per map
  construct<RopeThenOrthogonal>(orthogonal, seeded_rope_args);
  all.push_back(orthogonal);

  EncoderEntry power = entry({"orthogonal-power", "construction", Site::qk_transform,
                              "A(n) = G^n, G Haar orthogonal with det -1, integer positions only",
                              "proofs/uniqueness.md (CLAIMS.md S8, S18)"},
                             {kHeadDim, kSeed}, {"rotation.connected", kCouples, kBiasOnly});
  // G^n is a dense d x d power (O(d^3 log n) per map and rung) and its interval enclosure
  // widens with every product: d = 16 keeps a cell within a second and certifiable.
  power.max_dim = 16;
  construct<OrthogonalPower>(power,
                             [](const Params& p) { return std::tuple(head_dim(p), seed_of(p)); });
  all.push_back(power);
}

void add_scheme_entries(std::vector<EncoderEntry>& all) {
  const auto args = [](const Params& p) { return std::tuple(head_dim(p), p.get_double("base")); };
  EncoderEntry a = entry({"scheme-a", "scheme", Site::score_bias,
                          "study note scheme A: q_i.k_j + p_i.p_j (sinusoidal score bias)",
                          "../shared/seed (CLAIMS.md S15, S16)"},
                         {kHeadDim, kBase});
  construct<SchemeA>(a, args);
  all.push_back(a);
  EncoderEntry b =
      entry({"scheme-b", "scheme", Site::qk_additive,
             "study note scheme B: (q_i + p_i).(k_j + p_j)", "../shared/seed (CLAIMS.md S15, S16)"},
            {kHeadDim, kBase}, {"score.translation_equivariant", kBiasOnly});
  construct<SchemeB>(b, args);
  all.push_back(b);
}

std::vector<EncoderEntry> build_all() {
  std::vector<EncoderEntry> all;
  add_absolute_entries(all);
  add_rope_entries(all);
  add_xpos_entry(all);
  add_construction_entries(all);
  add_scheme_entries(all);
  add_scaled_rope_entries(all);
  add_score_bias_entries(all);
  add_multiaxis_entries(all);
  return all;
}

}  // namespace

const std::vector<EncoderEntry>& encoders() {
  static const std::vector<EncoderEntry> all = build_all();
  return all;
}

const EncoderEntry& find_encoder(const std::string& name) {
  for (const auto& e : encoders())
    if (e.name == name) return e;
  std::string known;
  for (const auto& e : encoders()) known += (known.empty() ? "" : ", ") + e.name;
  throw InputError("unknown encoder '" + name + "' (known: " + known + ")");
}

bool glob_match(const std::string& pattern, const std::string& text) {
  std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace posprop
