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

namespace registry_parts {

Layout parse_layout(const Params& p) {
  const std::string s = p.get_string("layout");
  if (s == "interleaved") return Layout::interleaved;
  if (s == "half_split") return Layout::half_split;
  throw InputError("parameter 'layout': expected 'interleaved' or 'half_split', got '" + s + "'");
}

Index head_dim(const Params& p) {
  const long long d = p.get_int("head_dim", 1, 65536);
  check_even_dim(d, "head_dim");
  return static_cast<Index>(d);
}

/// transformers: dim = int(head_dim * partial_rotary_factor).
Index rotary_dim(const Params& p) {
  const double factor = p.get_double("partial_rotary_factor");
  if (!(factor > 0.0 && factor <= 1.0)) {
    throw InputError("partial_rotary_factor must be in (0, 1], got " +
                     p.get_string("partial_rotary_factor"));
  }
  const auto r = static_cast<Index>(std::floor(static_cast<double>(head_dim(p)) * factor));
  check_even_dim(r, "rotary dimension int(head_dim * partial_rotary_factor)");
  return r;
}

std::uint64_t seed_of(const Params& p) {
  return static_cast<std::uint64_t>(p.get_int("seed", 0, (1LL << 53)));
}

extern const ParamSpec kHeadDim{"head_dim", "64",
                                "dimension the encoder acts on (d_model for embedding sites)"};
extern const ParamSpec kTheta{"rope_theta", "10000", "RoPE base b: theta_k = b^(-2k/d_rot)"};
extern const ParamSpec kBase{"base", "10000", "sinusoid base: w_k = base^(-2k/d)"};
extern const ParamSpec kSeed{"seed", "1", "seed of the fixed random parameters"};

EncoderEntry rope_entry(std::string name, std::string layout, std::string factor,
                        std::string description, std::string source) {
  EncoderEntry e;
  e.name = std::move(name);
  e.family = "rope";
  e.site = Site::qk_transform;
  e.description = std::move(description);
  e.source = std::move(source);
  e.params = {kHeadDim,
              kTheta,
              {"layout", layout, "interleaved (GPT-J) or half_split (NeoX)"},
              {"partial_rotary_factor", factor, "fraction of head_dim that rotates"}};
  // RoPE couples position with content multiplicatively: it is no mere bias.
  e.expected_failures = {"score.query_additive", "score.position_bias_only"};
  if (factor != "1") e.dim_multiple = static_cast<int>(std::lround(2.0 / std::stod(factor)));
  e.spec = plain_rope_spec();
  set_factories(e, [](auto tag, const Params& p) {
    using T = typename decltype(tag)::type;
    return std::unique_ptr<Encoder<T>>(
        new Rope<T>(head_dim(p), p.get_double("rope_theta"), rotary_dim(p), parse_layout(p)));
  });
  return e;
}

}  // namespace registry_parts

namespace {

using namespace registry_parts;

std::vector<EncoderEntry> build() {
  std::vector<EncoderEntry> all;
  // Expected failures shared by families (every other applicable property must hold).
  const std::set<std::string> additive_absolute = {
      "score.translation_equivariant", "score.position_bias_only",
      "position.generic_bilinear_relative", "position.commutant_cross_terms"};
  const std::string couples = "score.query_additive";  // content-position coupling (RoPE-like)
  const std::string bias_only = "score.position_bias_only";

  for (const bool concat : {false, true}) {
    EncoderEntry e;
    e.name = concat ? "sinusoidal-concat" : "sinusoidal";
    e.family = "sinusoidal";
    e.site = Site::embedding;
    e.description = concat ? "sinusoidal absolute PE, [sin | cos] halves (tensor2tensor)"
                           : "sinusoidal absolute PE, interleaved sin/cos (Vaswani)";
    e.source = concat ? "tensor2tensor layers/common_attention.py get_timing_signal_1d"
                      : "Vaswani et al. 2017 sec. 3.5; transformers modeling_distilbert.py";
    e.params = {kHeadDim, kBase};
    e.expected_failures = additive_absolute;
    set_factories(e, [concat](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(new Sinusoidal<T>(
          head_dim(p), p.get_double("base"),
          concat ? SinusoidalConvention::concatenated : SinusoidalConvention::interleaved));
    });
    all.push_back(e);
  }
  {
    EncoderEntry e;
    e.name = "learned";
    e.family = "learned";
    e.site = Site::embedding;
    e.description = "learned absolute table (random N(0, 0.02^2), fixed seed)";
    e.source = "GPT-2 wpe / BERT position_embeddings";
    e.params = {kHeadDim, {"max_position_embeddings", "2048", "rows of the table"}, kSeed};
    e.expected_failures = additive_absolute;
    // A table has none of the sinusoid's structure: no rotation between positions, no commutant.
    e.expected_failures.insert({"sinusoidal.shift_is_rotation", "position.commutant_relative"});
    e.max_position = 2047;
    set_factories(e, [](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(new Learned<T>(
          head_dim(p), p.get_int("max_position_embeddings", 1, 1LL << 24), seed_of(p)));
    });
    all.push_back(e);
  }
  all.push_back(rope_entry("rope", "interleaved", "1", "RoPE, interleaved pairs (2k, 2k+1)",
                           "RoFormer arXiv 2104.09864 eq. 34; meta-llama model.py"));
  all.push_back(rope_entry("rope-neox", "half_split", "1", "RoPE, half-split pairs (k, k+d/2)",
                           "GPT-NeoX; transformers modeling_llama.py rotate_half"));
  all.push_back(
      rope_entry("rope-partial", "half_split", "0.5",
                 "RoPE on the first head_dim * partial_rotary_factor dims, rest copied",
                 "transformers modeling_rope_utils.py partial_rotary_factor; GPT-NeoX rotary_pct"));
  {
    EncoderEntry e;
    e.name = "rope-basis";
    e.family = "rope";
    e.site = Site::qk_transform;
    e.description = "RoPE in a Haar-random orthogonal basis: Q R(p) Q^T";
    e.source = "Liu et al. arXiv 2504.06308 (Rethinking RoPE)";
    e.params = {kHeadDim, kTheta, kSeed};
    e.expected_failures = {couples, bias_only};
    // The basis term of the error bound dominates the non-orthogonality of the computed Haar
    // basis for d <= 192 only (proofs/tolerances.md section 2, Lemma 2.4): not above. The map
    // Q R(p) Q^T is two dense products: O(d^3) per map and rung.
    e.max_dim = 192;
    e.matrix_max_dim = 64;
    set_factories(e, [](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(
          new RopeBasis<T>(head_dim(p), p.get_double("rope_theta"), seed_of(p)));
    });
    all.push_back(e);
  }
  {
    EncoderEntry e;
    e.name = "xpos";
    e.family = "xpos";
    e.site = Site::qk_transform;
    e.description =
        "xPos: RoPE times zeta^(n/scale_base) on queries and zeta^(-n/scale_base) on keys";
    e.source = "Sun et al. arXiv 2212.10554; torchscale component/xpos_relative_position.py";
    e.params = {kHeadDim,
                {"scale_base", "512", "xPos scale_base"},
                {"position_offset", "0", "n = position + offset (torchscale centres by -len/2)"}};
    // Not orthogonal (|A_q(p) x| != |x|), hence neither A(-a) = A(a)^T; exactly relative.
    e.expected_failures = {"rotation.orthogonal", "rotation.group", "rope.complex_view",
                           "rotation.connected",  couples,          bias_only};
    e.max_position = 4096;
    set_factories(e, [](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(
          new XPos<T>(head_dim(p), p.get_double("scale_base"), p.get_double("position_offset")));
    });
    all.push_back(e);
  }
  {
    EncoderEntry e;
    e.name = "rope-then-linear";
    e.family = "construction";
    e.site = Site::qk_transform;
    e.description = "A(p) = M R(p): RoPE followed by a fixed non-orthogonal map M (same for q, k)";
    e.source = "proofs/uniqueness.md (CLAIMS.md S7, S17)";
    e.params = {kHeadDim, kTheta, kSeed};
    e.expected_failures = {"rotation.orthogonal",           "rotation.group", "score.relative_form",
                           "score.translation_equivariant", couples,          bias_only};
    e.matrix_max_dim = 64;  // M R(p): a dense product, O(d^3) per map
    set_factories(e, [](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(
          new RopeThenLinear<T>(head_dim(p), p.get_double("rope_theta"), seed_of(p)));
    });
    all.push_back(e);
  }
  {
    EncoderEntry e;
    e.name = "rope-scaled";
    e.family = "scaled-rope";
    e.site = Site::qk_transform;
    e.description = "A(p) = c R(p): RoPE times a magnitude factor (YaRN mscale, attention_scaling)";
    e.source = "YaRN arXiv 2309.00071 (mscale into cos and sin); transformers attention_scaling";
    e.params = {kHeadDim, kTheta, {"attention_factor", "1.25", "magnitude factor c"}};
    // Relative (scores scale by c^2) but not an isometry: |c R x| = c |x|, c^2 != c.
    e.expected_failures = {"rotation.orthogonal", "rotation.group", "rope.complex_view",
                           "score.query_additive", "score.position_bias_only"};
    set_factories(e, [](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(new RopeScaled<T>(head_dim(p), p.get_double("rope_theta"),
                                                           p.get_double("attention_factor")));
    });
    all.push_back(e);
  }
  {
    EncoderEntry e;
    e.name = "rope-then-orthogonal";
    e.family = "construction";
    e.site = Site::qk_transform;
    e.description = "A(p) = Q R(p), Q fixed orthogonal: relative and orthogonal but not a group";
    e.source = "proofs/uniqueness.md (CLAIMS.md S7)";
    e.params = {kHeadDim, kTheta, kSeed};
    e.expected_failures = {"rotation.group", couples, bias_only};
    e.max_dim = 192;        // a Haar basis, as rope-basis: the bound is proved for d <= 192
    e.matrix_max_dim = 64;  // Q R(p): a dense product, O(d^3) per map
    set_factories(e, [](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(
          new RopeThenOrthogonal<T>(head_dim(p), p.get_double("rope_theta"), seed_of(p)));
    });
    all.push_back(e);
  }
  {
    EncoderEntry e;
    e.name = "orthogonal-power";
    e.family = "construction";
    e.site = Site::qk_transform;
    e.description = "A(n) = G^n, G Haar orthogonal with det -1, integer positions only";
    e.source = "proofs/uniqueness.md (CLAIMS.md S8, S18)";
    e.params = {kHeadDim, kSeed};
    e.expected_failures = {"rotation.connected", couples, bias_only};
    // G^n is a dense d x d power (O(d^3 log n) per map and rung) and its interval enclosure
    // widens with every product: d = 16 keeps a cell within a second and certifiable.
    e.max_dim = 16;
    set_factories(e, [](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      return std::unique_ptr<Encoder<T>>(new OrthogonalPower<T>(head_dim(p), seed_of(p)));
    });
    all.push_back(e);
  }
  for (const bool b : {false, true}) {
    EncoderEntry e;
    e.name = b ? "scheme-b" : "scheme-a";
    e.family = "scheme";
    e.site = b ? Site::qk_additive : Site::score_bias;
    e.description = b ? "study note scheme B: (q_i + p_i).(k_j + p_j)"
                      : "study note scheme A: q_i.k_j + p_i.p_j (sinusoidal score bias)";
    e.source = "../shared/seed (CLAIMS.md S15, S16)";
    e.params = {kHeadDim, kBase};
    if (b) e.expected_failures = {"score.translation_equivariant", bias_only};
    set_factories(e, [b](auto tag, const Params& p) {
      using T = typename decltype(tag)::type;
      if (b) return std::unique_ptr<Encoder<T>>(new SchemeB<T>(head_dim(p), p.get_double("base")));
      return std::unique_ptr<Encoder<T>>(new SchemeA<T>(head_dim(p), p.get_double("base")));
    });
    all.push_back(e);
  }
  add_scaled_rope_entries(all);
  add_score_bias_entries(all);
  add_multiaxis_entries(all);
  return all;
}

}  // namespace

const std::vector<EncoderEntry>& encoders() {
  static const std::vector<EncoderEntry> all = build();
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
