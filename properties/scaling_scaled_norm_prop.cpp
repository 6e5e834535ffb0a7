// scaling.scaled_norm: with c the attention factor the encoder declares (its `posprop freqs`
// spec, 100 digits), |A(p) x| = c |x| for queries and keys, and the logit of a query and a key at
// the same position is c^2 q.k: transformers multiplies cos AND sin by attention_scaling, so the
// factor enters the logits squared (pe-variants.md trap 4). Proof: proofs/scaled_rope.md, sec. 4.
#include "support/generated_property.hpp"
#include "support/scaling_cases.hpp"

namespace posprop {
namespace {

struct NormCase {
  ScalingCase base;
  double pos = 0;
  std::vector<double> x, y;
};
std::ostream& operator<<(std::ostream& os, const NormCase& c) {
  const auto old = os.precision(17);
  os << "{base=" << c.base << ", pos=" << c.pos << ", x=";
  gen::print_vector(os, c.x) << ", y=";
  gen::print_vector(os, c.y) << "}";
  os.precision(old);
  return os;
}

/// The attention factor of the entry's spec for these parameters, as decimal text.
std::string declared_attention_factor(const EncoderEntry& e, const Params& p) {
  for (const SpecField& f : e.spec(p, 100))
    if (f.name == "attention_factor") return f.values.at(0);
  throw InputError("encoder '" + e.name + "' declares no attention_factor");
}

struct ScalingScaledNorm {
  static PropertyInfo info() {
    return {"scaling.scaled_norm", "scaling",
            "|A(p) x| = c |x| for queries and keys and (A(p) q).(A(p) k) = c^2 q.k, with c the "
            "encoder's declared attention factor.",
            "proofs/scaled_rope.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return is_scaling_entry(e) && bool(e.spec); }
  using Input = NormCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) {
    return rc::gen::mapcat(scaling_case(e), [max = e.max_position](const ScalingCase& base) {
      return rc::gen::map(
          rc::gen::tuple(gen::position(max), gen::real_vector(base.dim),
                         gen::real_vector(base.dim)),
          [base](const std::tuple<double, std::vector<double>, std::vector<double>>& t) {
            NormCase c;
            c.base = base;
            std::tie(c.pos, c.x, c.y) = t;
            return c;
          });
    });
  }

  /// Every boundary configuration at the boundary positions in turn, boundary vectors.
  static std::vector<Input> boundary(const EncoderEntry& e) {
    const std::vector<ScalingCase> bases = scaling_boundaries(e);
    const std::vector<double> pos = boundary::positions(e, e.max_position);
    std::vector<Input> out;
    for (std::size_t k = 0; k < std::max(bases.size(), pos.size()); ++k) {
      const ScalingCase& base = bases[k % bases.size()];
      const auto salt = static_cast<int>(2 * k);
      out.push_back({base, pos[k % pos.size()], boundary::vector(base.dim, salt),
                     boundary::vector(base.dim, salt + 1)});
    }
    return out;
  }
  static void record(Coverage& c, const EncoderEntry& e, const Input& in) {
    posprop::record(c, e, in.base);
    c.position(in.pos);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    using std::sqrt;
    const Params p = scaling_params(entry, c.base.dim, c.base.config);
    const T declared = parse_real<T>(declared_attention_factor(entry, p));
    const auto enc = entry.make<T>(p);
    const ErrorProfile prof = enc->error_profile();
    const double u = unit_roundoff<T>(), d = c.base.dim, cd = to_double(declared);
    const double alpha = tol::apply_error(prof, d, c.pos, u), n = tol::map_norm(prof, c.pos);
    const Vec<T> x = gen::to_vector<T>(c.x), y = gen::to_vector<T>(c.y);
    const double nx = gen::to_vector<double>(c.x).norm(), ny = gen::to_vector<double>(c.y).norm();
    const double g = tol::gamma(0.5 * d + 2, u);
    // The declared c: computed in Hp100 (<= 16 u_100 relative, Lemma 5.3), printed at 100 digits.
    const double spec_err = 5e-100 + 16 * unit_roundoff<Hp100>();
    Measurement out;
    // Lemma 4.1: | |fl(A x)| - c |x| | <= alpha |x| + |c^ - c| |x| + norm rounding, with
    // |c^ - c| <= 16 u c (Lemma 5.3), the parsed c within u c of the declared one. For maps with
    // a pair profile the angle error does not enter at all (proofs/pair_bounds.md Lemma 4.4):
    // alpha is replaced by the position-independent c mu.
    const double alpha_norm = prof.pairs ? cd * bounds::magnitude_error(*prof.pairs, u) : alpha;
    const double norm_tol =
        (alpha_norm + (17 * u + spec_err) * cd + 2 * g * (n + alpha_norm + cd)) * nx * (1 + 4 * u);
    const Vec<T> qx = enc->apply_query(x, c.pos), kx = enc->apply_key(x, c.pos);
    out = worst(
        out, {magnitude(T(sqrt(qx.squaredNorm()) - declared * sqrt(x.squaredNorm()))), norm_tol});
    out = worst(
        out, {magnitude(T(sqrt(kx.squaredNorm()) - declared * sqrt(x.squaredNorm()))), norm_tol});
    // Lemma 4.2: |(A x).(A y) - c^2 x.y| <= (2 alpha N + alpha^2 + 3 gamma_d N^2) |x| |y| +
    // 35 u c^2 |x| |y|.
    const Vec<T> ky = enc->apply_key(y, c.pos);
    // With a pair profile, Lemma 4.6 of pair_bounds.md: the same angle turns x and y, so only
    // the magnitudes and the output roundings remain, independent of the position.
    const double map_part = prof.pairs ? cd * cd * bounds::same_position_logit_error(*prof.pairs, u)
                                       : 2 * alpha * n + alpha * alpha;
    const double logit_tol =
        (map_part + 3 * tol::gamma(d, u) * (n * n + cd * cd) + (35 * u + 3 * spec_err) * cd * cd) *
        nx * ny * (1 + 4 * u);
    out = worst(out, {magnitude(T(qx.dot(ky) - declared * declared * x.dot(y))), logit_tol});
    return out;
  }
};

POSPROP_PROPERTY(ScalingScaledNorm);

}  // namespace
}  // namespace posprop
