// Registry entries of the multi-axis family (see registry_parts.hpp): M-RoPE, 2-D axial RoPE,
// RoPE-Mixed and LieRE. Their scalar interface is the diagonal p -> (p, .., p) (multiaxis.hpp).
// Expected failures, one reason each (proofs/multiaxis.md):
//   score.query_additive, score.position_bias_only: position multiplies content (as RoPE);
//   multiaxis.relative, multiaxis.group (liere): exp(a G_1 + b G_2) with non-commuting G_1, G_2
//     is no group homomorphism of R^2 (the BCH commutator term [G_1, G_2] / 2 survives).
#include "registry_parts.hpp"

#include "posprop/encoders/axis_rope.hpp"
#include "posprop/encoders/liere.hpp"

#include <cmath>

namespace posprop::registry_parts {

namespace {

using build::construct;
using build::decimals;
using build::entry;
using build::scalar_of;

const std::set<std::string> kCouples = {"score.query_additive", "score.position_bias_only"};

/// mrope_section: 'auto' = Qwen2-VL's [16, 24, 24] at head_dim 128 scaled to head_dim (2:3:3 of
/// the head_dim / 2 pairs; head_dim a multiple of 16), else the listed pair counts.
std::vector<long long> mrope_section(const Params& p) {
  const Index d = head_dim(p);
  if (p.get_string("mrope_section") == "auto") {
    if (d % 16 != 0) {
      throw InputError("mrope_section=auto needs head_dim a multiple of 16, got " +
                       std::to_string(d) + " (give mrope_section explicitly)");
    }
    return {d / 8, 3 * d / 16, 3 * d / 16};
  }
  std::vector<long long> out;
  for (double x : p.get_double_list("mrope_section")) {
    if (x != std::floor(x) || x < 0 || x > 65536) {
      throw InputError("mrope_section entries must be non-negative integers, got " + to_decimal(x));
    }
    out.push_back(static_cast<long long>(x));
  }
  return out;
}

/// mrope_section, the non-zero inverse frequencies, and the axis (0 = t, 1 = h, 2 = w) of each
/// pair.
std::vector<SpecField> mrope_spec(const Params& p, int digits) {
  const Index d = head_dim(p);
  const auto section = mrope_section(p);
  const auto f = mrope_frequencies<Hp100>(d, p.get_double("rope_theta"), section);
  std::vector<Hp100> inv;
  for (const auto& row : f.f)
    for (const Hp100& x : row)
      if (x != 0) inv.push_back(x);
  const std::vector<int> axes = mrope_pair_axes(d, section);
  return {{"mrope_section", build::integers(section), true},
          {"inv_freq", decimals(inv, digits), true},
          {"pair_axis", build::integers({axes.begin(), axes.end()}), true}};
}

EncoderEntry mrope_entry() {
  EncoderEntry e = entry(
      {"mrope", "mrope", Site::qk_transform,
       "M-RoPE (Qwen2-VL): half-split RoPE, pair k turns with axis t/h/w of its section",
       "Qwen2-VL arXiv 2409.12191 sec. 2.1; transformers "
       "src/transformers/models/qwen2_vl/modeling_qwen2_vl.py apply_multimodal_rotary_pos_emb"},
      {{"head_dim", "128", "head dimension d"},
       {"rope_theta", "1000000", "RoPE base (Qwen2-VL: 1e6)"},
       {"mrope_section", "auto",
        "pairs per axis (t, h, w), summing to head_dim/2; auto = [16,24,24] scaled"}},
      kCouples);
  e.dim_multiple = 16;
  e.formula = Formula::mrope;
  e.spec = mrope_spec;
  construct<AxisRope>(e, [](auto tag, const Params& p) {
    const Index d = head_dim(p);
    return std::tuple(d,
                      mrope_frequencies<scalar_of<decltype(tag)>>(d, p.get_double("rope_theta"),
                                                                  mrope_section(p)),
                      Layout::half_split);
  });
  return e;
}

/// freq_x, freq_y per pair (and RoPE-Mixed's head angle phi).
SpecFunction vision_spec(bool mixed) {
  return [mixed](const Params& p, int digits) {
    const Index d = head_dim(p);
    const double theta = p.get_double("rope_theta");
    const double phi = mixed ? mixed_head_angle(seed_of(p)) : 0.0;
    const auto f =
        mixed ? mixed_frequencies<Hp100>(d, theta, phi) : axial_frequencies<Hp100>(d, theta);
    std::vector<Hp100> fx, fy;
    for (const auto& row : f.f) {
      fx.push_back(row[0]);
      fy.push_back(row[1]);
    }
    std::vector<SpecField> out = {{"freq_x", decimals(fx, digits), true},
                                  {"freq_y", decimals(fy, digits), true}};
    if (mixed) out.push_back({"head_angle", {to_string(phi, 17)}, false});
    return out;
  };
}

EncoderEntry vision_entry(bool mixed) {
  std::vector<ParamSpec> params = {{"head_dim", "64", "head dimension d (a multiple of 4)"},
                                   {"rope_theta", mixed ? "10" : "100", "frequency base"}};
  if (mixed) params.push_back(kSeed);
  EncoderEntry e =
      entry({mixed ? "rope-mixed" : "rope-2d-axial", "rope-2d", Site::qk_transform,
             mixed ? "RoPE-Mixed: pair k turns by p_x f_x,k + p_y f_y,k (fixed-seed direction)"
                   : "2-D axial RoPE: first d/4 pairs turn with x, next d/4 with y",
             std::string("Heo et al. arXiv 2403.13298; naver-ai/rope-vit models/vit_rope.py ") +
                 (mixed ? "init_random_2d_freqs, compute_mixed_cis" : "compute_axial_cis")},
            std::move(params), kCouples);
  e.dim_multiple = 4;
  e.formula = mixed ? Formula::rope_2d_mixed : Formula::rope_2d_axial;
  e.spec = vision_spec(mixed);
  construct<AxisRope>(e, [mixed](auto tag, const Params& p) {
    using T = scalar_of<decltype(tag)>;
    const Index d = head_dim(p);
    const double theta = p.get_double("rope_theta");
    return std::tuple(d,
                      mixed ? mixed_frequencies<T>(d, theta, mixed_head_angle(seed_of(p)))
                            : axial_frequencies<T>(d, theta),
                      Layout::interleaved);
  });
  return e;
}

EncoderEntry liere_entry() {
  std::set<std::string> fails = kCouples;
  fails.insert({"multiaxis.relative", "multiaxis.group"});
  EncoderEntry e = entry({"liere", "liere", Site::qk_transform,
                          "LieRE: A(p) = exp(sum_a p_a G_a), dense non-commuting skew generators",
                          "Ostmeier et al. arXiv 2406.10322 sec. 3 (LieRE)"},
                         {{"head_dim", "8", "head dimension d (<= 32: dense matrix exponential)"},
                          {"axes", "2", "number of position axes (1 to 4)"},
                          kSeed},
                         std::move(fails));
  e.max_dim = 8;
  e.max_position = 4096;  // dense exp: cost and interval width grow with log2 |p|
  e.spec = [](const Params& p, int /*digits*/) {
    const auto g = liere_generators(head_dim(p), p.get_int("axes", 1, 4), seed_of(p));
    SpecField norms{"generator_frobenius_norm", {}, true};
    for (const auto& m : g) norms.values.push_back(to_string(m.norm(), 17));
    return std::vector<SpecField>{norms};
  };
  construct<Liere>(e, [](const Params& p) {
    return std::tuple(head_dim(p), p.get_int("axes", 1, 4), seed_of(p));
  });
  return e;
}

}  // namespace

void add_multiaxis_entries(std::vector<EncoderEntry>& all) {
  all.push_back(mrope_entry());
  all.push_back(vision_entry(false));
  all.push_back(vision_entry(true));
  all.push_back(liere_entry());
}

}  // namespace posprop::registry_parts
