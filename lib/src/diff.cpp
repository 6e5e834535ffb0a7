// Differential testing of two pair-rotating encoders (posprop/diff.hpp; proofs/conventions.md
// section 4).
#include "posprop/diff.hpp"

#include "posprop/bounds/pair_bounds.hpp"
#include "posprop/encoders/scaled_rope.hpp"
#include "posprop/ggml_rope.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>

namespace posprop::diff {

struct Side::State {
  ConventionId convention = ConventionId::transformers;
  std::unique_ptr<Encoder<Hp100>> encoder;
  const Rope<Hp100>* rope = nullptr;
  Hp100 c = 1;  // attention factor of the exact map
  RotaryStructure structure;
  PairProfile profile;  // a correct implementation of the exact formula in the format
  double norm = 1, u = 0;
  std::optional<GgmlRope> kernel;

  /// z(k, p) = C + i S at 100 digits: c e^{i p w_k} (exact side) or the kernel's cache entry.
  void block(Index k, double pos, Hp100& re, Hp100& im) const {
    if (kernel) {
      const GgmlCacheEntry e = kernel->entry(k, static_cast<std::int64_t>(pos));
      re = e.cos;
      im = e.sin;
      return;
    }
    const Hp100 t = Hp100(pos) * rope->inv_freq()[static_cast<std::size_t>(k)];
    re = c * cos(t);
    im = c * sin(t);
  }

  /// The closed form c e^{i p w_k} is the encoder's own output: apply_query of the sum of the
  /// first coordinates of every pair gives (C, S) of every pair at once.
  void check_closed_form(double pos) const {
    Vec<Hp100> x = Vec<Hp100>::Zero(structure.head_dim);
    for (Index k = 0; k < structure.pairs(); ++k) x(structure.first(k)) = 1;
    const Vec<Hp100> y = encoder->apply_query(x, pos);
    for (Index k = 0; k < structure.pairs(); ++k) {
      const Hp100 t = Hp100(pos) * rope->inv_freq()[static_cast<std::size_t>(k)];
      const Hp100 err =
          abs(y(structure.first(k)) - c * cos(t)) + abs(y(structure.second(k)) - c * sin(t));
      if (err > Hp100("1e-80")) {
        throw std::logic_error("internal: the encoder is not c e^{i p w} on pair " +
                               std::to_string(k));
      }
    }
  }
};

Side::Side(const EncoderEntry& entry, const Params& params, ConventionId convention,
           precision::FormatId format)
    : s_(std::make_unique<State>()) {
  State& s = *s_;
  s.convention = convention;
  s.encoder = entry.make<Hp100>(params);
  s.rope = dynamic_cast<const Rope<Hp100>*>(s.encoder.get());
  const std::optional<RotaryStructure> st = s.encoder->rotary_structure();
  if (!s.rope || !st) {
    throw InputError("'" + entry.name +
                     "' is not a pair-rotating encoder: diff compares RoPE and its scaled "
                     "variants (rope, rope-neox, rope-partial, rope-linear, rope-yarn*, "
                     "rope-llama3, rope-longrope, ...) and catalogue models");
  }
  if (const auto* scaled = dynamic_cast<const ScaledRope<Hp100>*>(s.rope))
    s.c = scaled->attention_factor();
  s.structure = *st;
  if (is_ggml(convention)) check_ggml_implements(s.structure, entry.name);
  if (is_kernel(convention)) s.kernel.emplace(s.structure, convention == ConventionId::ggml_cuda);
  s.profile = bounds::implementation_profile(s.structure, format);
  s.u = precision::unit_roundoff(precision::format(format));
  const double c = s.structure.attention;
  s.norm = c == 1.0 ? 1.0 : c * (1 + 0x1p-50);
  for (const double pos : {1.0, 1048576.0}) s.check_closed_form(pos);
}

Side::~Side() = default;
Side::Side(Side&&) noexcept = default;

const RotaryStructure& Side::structure() const {
  return s_->structure;
}

ConventionId Side::convention() const {
  return s_->convention;
}

std::pair<double, double> Side::block(Index k, double pos) const {
  Hp100 re, im;
  s_->block(k, pos, re, im);
  return {to_double(re), to_double(im)};
}

double Side::distance(const Side& other, Index k, double pos) const {
  Hp100 re_a, im_a, re_b, im_b;
  s_->block(k, pos, re_a, im_a);
  other.s_->block(k, pos, re_b, im_b);
  const Hp100 dr = re_a - re_b, di = im_a - im_b;
  return to_double(Hp100(sqrt(dr * dr + di * di)));
}

double Side::radius(Index k, double pos) const {
  return bounds::pair_error(s_->profile, s_->norm, static_cast<std::size_t>(k), pos, s_->u);
}

double Side::angle_at_one(Index k) const {
  Hp100 re, im;
  s_->block(k, 1, re, im);
  return to_double(Hp100(atan2(im, re)));
}

double Side::magnitude() const {
  const std::pair<double, double> z = block(0, 0);
  return std::hypot(z.first, z.second);
}

namespace {

struct Evaluation {
  double distance = 0, tolerance = 0;
  bool differs() const { return distance > tolerance; }
};

Evaluation evaluate(const Side& a, const Side& b, Index k, double pos) {
  return {a.distance(b, k, pos), a.radius(k, pos) + b.radius(k, pos)};
}

void compare_structure(const Side& a, const Side& b, Comparison& out) {
  const RotaryStructure &sa = a.structure(), &sb = b.structure();
  if (sa.head_dim != sb.head_dim)
    out.structure.push_back({"head_dim", std::to_string(sa.head_dim), std::to_string(sb.head_dim)});
  if (sa.rotary_dim != sb.rotary_dim) {
    out.structure.push_back(
        {"rotary_dim", std::to_string(sa.rotary_dim), std::to_string(sb.rotary_dim)});
  }
  if (sa.layout != sb.layout)
    out.structure.push_back({"layout", to_string(sa.layout), to_string(sb.layout)});
}

/// Pair k over the tested positions; a case when it differs somewhere.
std::optional<PairCase> compare_pair(const Side& a, const Side& b, Index k,
                                     const std::vector<double>& positions, double& worst_ratio) {
  PairCase c;
  c.pair = k;
  double best = -1;
  std::optional<std::size_t> first;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const Evaluation e = evaluate(a, b, k, positions[i]);
    const double ratio = e.distance / e.tolerance;
    worst_ratio = std::max(worst_ratio, ratio);
    if (!e.differs()) continue;
    ++c.differing_positions;
    if (!first) first = i;
    if (ratio > best) {
      best = ratio;
      c.worst_position = positions[i];
      c.absolute = e.distance;
      c.tolerance = e.tolerance;
    }
  }
  if (!first) return std::nullopt;
  c.first_position = positions[*first];
  if (*first > 0) {
    // Bisection between an agreeing and a differing tested position: ends with adjacent
    // integers lo (agrees) and hi (differs).
    double lo = positions[*first - 1], hi = positions[*first];
    while (hi - lo > 1) {
      const double mid = std::floor(lo + (hi - lo) / 2);
      (evaluate(a, b, k, mid).differs() ? hi : lo) = mid;
    }
    c.first_position = hi;
    c.agrees_at = lo;
  }
  const auto magnitude = [&](const Side& side) {
    const std::pair<double, double> z = side.block(k, c.worst_position);
    return std::hypot(z.first, z.second);
  };
  const double scale = std::max(magnitude(a), magnitude(b));
  c.relative = c.absolute / scale;
  c.angle_a = a.angle_at_one(k);
  c.angle_b = b.angle_at_one(k);
  return c;
}

}  // namespace

Comparison compare(const Side& a, const Side& b, const std::vector<double>& positions) {
  Comparison out;
  out.head_dim = a.structure().head_dim;
  out.positions = positions;
  out.magnitude_a = a.magnitude();
  out.magnitude_b = b.magnitude();
  compare_structure(a, b, out);
  if (!out.structure.empty()) return out;
  out.pairs = a.structure().pairs();
  for (Index k = 0; k < out.pairs; ++k) {
    if (auto c = compare_pair(a, b, k, positions, out.worst_ratio)) out.cases.push_back(*c);
  }
  return out;
}

std::vector<double> default_positions(const Params& a, const Params& b) {
  constexpr double kMax = 16777216.0;  // 2^24: the largest position every side admits
  std::set<double> p = {0, 1, 2, 3, 1e6};
  for (int e = 2; e <= 24; ++e) {
    const double t = std::ldexp(1.0, e);
    for (const double q : {t - 1, t, t + 1}) p.insert(q);
  }
  for (const Params* params : {&a, &b}) {
    for (const auto& [key, value] : params->values()) {
      if (key.find("max_position") == std::string::npos && key != "seq_len") continue;
      const double knee = std::strtod(value.c_str(), nullptr);
      for (const double q : {knee - 1, knee, knee + 1}) p.insert(q);
    }
  }
  std::vector<double> out;
  for (const double q : p)
    if (q >= 0 && q <= kMax && q == std::floor(q)) out.push_back(q);
  return out;
}

}  // namespace posprop::diff
