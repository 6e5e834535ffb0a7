// scaling.limit_plain: at the configuration where a scaled RoPE is documented to reduce to
// plain RoPE it IS plain RoPE: factor = 1 (linear, NTK, YaRN in both ramps, Llama 3), seq_len <=
// original_max_position_embeddings (dynamic NTK, any factor), factor = 1 with seq_len <= L and
// short_factor = 1 (LongRoPE). The map is compared with Rope<T> (b^(-2k/d), same layout and
// rotary width) at the same scalar type. Proof: proofs/scaled_rope.md, section 1.
#include "support/generated_property.hpp"
#include "support/scaling_cases.hpp"

#include "posprop/registry_builder.hpp"

#include <cmath>

namespace posprop {
namespace {

struct LimitCase {
  ScalingCase base;
  int mode = 0;  // which seq_len <= L: 0, 1, L / 2, L
  double pos = 0;
};
std::ostream& operator<<(std::ostream& os, const LimitCase& c) {
  const auto old = os.precision(17);
  os << "{base=" << c.base << ", mode=" << c.mode << ", pos=" << c.pos << "}";
  os.precision(old);
  return os;
}

/// The base configuration moved to the limit point of its family.
Overrides at_limit(const EncoderEntry& e, const LimitCase& c) {
  Overrides o = c.base.config;
  const RopeScalingType type = scaling_type(e);
  const Params p = scaling_params(e, c.base.dim, o);
  if (type != RopeScalingType::dynamic_ntk) o.emplace_back("factor", "1");
  const RopeScalingKeys keys = scaling_keys(e);
  if (keys.seq_len) {
    const long big_l =
        static_cast<long>(p.get_int("original_max_position_embeddings", 2, 1LL << 40));
    const long seq[] = {0, 1, big_l / 2, big_l};
    o.emplace_back("seq_len", std::to_string(seq[c.mode]));
  }
  if (keys.ext_factors) {
    std::string ones;
    // transformers: rotary dim = int(head_dim * partial_rotary_factor), one factor per pair.
    for (Index k = 0; k < build::rotary_dim(p) / 2; ++k) ones += k ? ",1" : "1";
    o.emplace_back("short_factor", ones);
  }
  return o;
}

struct ScalingLimitPlain {
  static PropertyInfo info() {
    return {"scaling.limit_plain", "scaling",
            "At factor 1 (or seq_len <= original_max_position_embeddings for dynamic NTK; factor "
            "1, seq_len <= L and unit short factors for LongRoPE) A(p) equals the plain RoPE "
            "map.",
            "proofs/scaled_rope.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return is_scaling_entry(e); }
  using Input = LimitCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) {
    return rc::gen::map(
        rc::gen::tuple(scaling_case(e), rc::gen::inRange(0, 4), gen::position(e.max_position)),
        [](const std::tuple<ScalingCase, int, double>& t) {
          LimitCase c;
          std::tie(c.base, c.mode, c.pos) = t;
          return c;
        });
  }

  /// Every boundary configuration moved to its limit, each seq_len mode in turn, at the boundary
  /// positions in turn.
  static std::vector<Input> boundary(const EncoderEntry& e) {
    const std::vector<ScalingCase> bases = scaling_boundaries(e);
    const std::vector<double> pos = boundary::positions(e, e.max_position);
    std::vector<Input> out;
    for (std::size_t k = 0; k < std::max(bases.size(), pos.size()); ++k)
      out.push_back({bases[k % bases.size()], static_cast<int>(k % 4), pos[k % pos.size()]});
    return out;
  }
  static void record(Coverage& c, const EncoderEntry& e, const Input& in) {
    posprop::record(c, e, in.base.dim, at_limit(e, in));
    c.position(in.pos);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Params p = scaling_params(entry, c.base.dim, at_limit(entry, c));
    const RopeScalingConfig cfg = rope_scaling_config(scaling_type(entry), p);
    const auto enc = entry.make<T>(p);
    const Rope<T> plain(cfg.head_dim, p.get_double("rope_theta"), cfg.rotary_dim, cfg.layout);
    const double u = unit_roundoff<T>(), d = c.base.dim;
    // Both maps approximate the same exact map R(p) (tolerance.hpp contract): the entries differ
    // by at most the sum of the two map errors.
    const double tol = tol::map_error(enc->error_profile(), d, c.pos, u) +
                       tol::map_error(plain.error_profile(), d, c.pos, u);
    return {max_abs_entry(Mat<T>(enc->query_map(c.pos) - plain.query_map(c.pos))), tol};
  }
};

POSPROP_PROPERTY(ScalingLimitPlain);

}  // namespace
}  // namespace posprop
