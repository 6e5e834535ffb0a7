// What catches what, and why:
//   alibi-pow2-slopes-12      m_h = 2^(-8(h+1)/12) for 12 heads: still an even, relative,
//                             distance-penalising bias with other slopes; ONLY
//                             spec.bias_reference (get_slopes for every head) sees it.
//   alibi-rewards-distance    b = +m |i - j|: bias.distance_penalty and spec.bias_reference; still
//                             even, relative and a pure bias.
//   t5-bias-clamp-off-by-one  min(.., nb) for min(.., nb - 1): distances >= max_distance leave
//                             their direction's range (bias.bucket_monotone) and read another
//                             table entry (spec.bias_reference); still a function of j - i.
//   mrope-section-reset       frequency index reset per section: a lawful multi-axis rotation
//                             family with other frequencies; mrope.text_is_rope and
//                             spec.multiaxis_reference see it, every invariant holds.
//   rope-2d-axial-head-dim-freqs  theta^(-2k/d) for theta^(-4k/d): ONLY spec.multiaxis_reference.
//   rope-2d-noncommuting      R_x(p_x) R_y(p_y) on overlapping planes: multiaxis.relative,
//                             multiaxis.group, spec.multiaxis_reference; on the diagonal
//                             R_x(p) R_y(p) is no one-parameter group either (rotation.group,
//                             score.relative_form, score.translation_equivariant). It has no
//                             pair layout, so rope.complex_view does not apply.
#include "broken_axes_registry.hpp"

#include "broken_axes.hpp"
#include "broken_registry.hpp"

#include <memory>

namespace posprop::meta {
namespace {

const char* const kSource = "tests/meta/broken_axes.hpp (deliberately broken)";

EncoderEntry like(const std::string& shipped, const std::string& name,
                  const std::string& description, std::set<std::string> caught_by) {
  return build::variant_of(shipped, name, description, kSource, std::move(caught_by));
}

/// (head_dim, num_heads, head): the constructor arguments of the ALiBi classes.
std::tuple<Index, long long, long long> alibi_args(const Params& p) {
  return {build::head_dim(p), p.get_int("num_heads", 1, 65536), p.get_int("head", 0, 65535)};
}

}  // namespace

std::vector<std::pair<EncoderEntry, std::string>> axes_broken_entries() {
  const std::string bias_ref = "spec.bias_reference", penalty = "bias.distance_penalty",
                    buckets = "bias.bucket_monotone", text = "mrope.text_is_rope",
                    axis_ref = "spec.multiaxis_reference", relative = "multiaxis.relative",
                    group = "multiaxis.group";
  std::vector<std::pair<EncoderEntry, std::string>> all;

  {
    EncoderEntry e =
        like("alibi", "alibi-pow2-slopes-12",
             "ALiBi slopes 2^(-8(h+1)/n) for n = 12 (power-of-two formula)", {bias_ref});
    for (auto& p : e.params)
      if (p.key == "num_heads") p.default_value = "12";
    build::construct<AlibiPow2Slopes, kLadder>(e, alibi_args);
    all.emplace_back(e, "alibi");
  }
  {
    EncoderEntry e = like("alibi", "alibi-rewards-distance", "ALiBi with the sign flipped: +m|i-j|",
                          {penalty, bias_ref});
    build::construct<AlibiRewardsDistance, kLadder>(e, alibi_args);
    all.emplace_back(e, "alibi");
  }
  {
    EncoderEntry e = like("t5-bias", "t5-bias-clamp-off-by-one",
                          "T5 buckets clamped at nb instead of nb - 1", {buckets, bias_ref});
    build::construct<T5ClampOffByOne, kLadder>(e, [](const Params& p) {
      return std::tuple(build::head_dim(p), p.get_int("num_buckets", 0, 1 << 20),
                        p.get_int("max_distance", 0, 1LL << 40), true, build::seed(p));
    });
    all.emplace_back(e, "t5-bias");
  }
  {
    EncoderEntry e = like("mrope", "mrope-section-reset",
                          "M-RoPE with the frequency index reset per section", {text, axis_ref});
    build::construct<AxisRope, kLadder>(e, [](auto tag, const Params& p) {
      using T = build::scalar_of<decltype(tag)>;
      const Index d = build::head_dim(p);
      if (p.get_string("mrope_section") != "auto") throw InputError("only mrope_section=auto");
      const std::vector<long long> section = {d / 8, 3 * d / 16, 3 * d / 16};
      return std::tuple(d, mrope_reset_frequencies<T>(d, p.get_double("rope_theta"), section),
                        Layout::half_split);
    });
    all.emplace_back(e, "mrope");
  }
  {
    EncoderEntry e = like("rope-2d-axial", "rope-2d-axial-head-dim-freqs",
                          "axial RoPE with frequencies theta^(-2k/head_dim)", {axis_ref});
    build::construct<AxisRope, kLadder>(e, [](auto tag, const Params& p) {
      using T = build::scalar_of<decltype(tag)>;
      const Index d = build::head_dim(p);
      return std::tuple(d, axial_head_dim_frequencies<T>(d, p.get_double("rope_theta")),
                        Layout::interleaved);
    });
    all.emplace_back(e, "rope-2d-axial");
  }
  {
    EncoderEntry e = like("rope-2d-axial", "rope-2d-noncommuting",
                          "2-D RoPE whose x and y rotations act on overlapping planes",
                          {relative, group, axis_ref, "rotation.group", "score.relative_form",
                           "score.translation_equivariant"});
    build::construct<AxisRopeSkewPlanes, kLadder>(e, [](const Params& p) {
      return std::tuple(build::head_dim(p), p.get_double("rope_theta"));
    });
    all.emplace_back(e, "rope-2d-axial");
  }
  return all;
}

}  // namespace posprop::meta
