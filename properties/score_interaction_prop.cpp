// Content x position interaction, measured by mixed second differences (CLAIMS.md S14-S17):
//   score.position_bias_only: S(c, P) - S(c', P) - S(c, P') + S(c', P') = 0 for contents
//     c = (e_i, e_j), c' = (e_i', e_j') and position pairs P = (i, j), P' = (i', j'): the score
//     is content term + position bias, S = f(c) + g(P) (scheme A; fails for everything that
//     couples content with position);
//   score.query_additive: the same with only the query side varied, (e_i, i) against (e_i', i'),
//     key fixed: position enters the query additively (sinusoidal PE, scheme B) -- RoPE fails it,
//     because it couples position with content multiplicatively.
// Proof: proofs/schemes.md.
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

template <bool QuerySideOnly>
struct MixedDifference {
  static PropertyInfo info() {
    if (QuerySideOnly)
      return {"score.query_additive", "score",
              "S(e, i) - S(e', i) - S(e, i') + S(e', i') = 0 with the key fixed: query content and "
              "query position do not interact (position enters additively).",
              "proofs/schemes.md"};
    return {"score.position_bias_only", "score",
            "S(c, P) - S(c', P) - S(c, P') + S(c', P') = 0 for contents c = (e_i, e_j) and "
            "position pairs P = (i, j): the score is a content term plus a position bias.",
            "proofs/schemes.md"};
  }
  static bool applies_to(const EncoderEntry&) { return true; }
  using Input = ScoreCase;  // c' = reversed contents, P' = (i + t, j) or (i + t, j + 2t)
  static rc::Gen<Input> gen(const EncoderEntry& e) { return score_case(e); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return score_boundaries(e); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const ScoreInputs<T> in = score_inputs<T>(c);
    const Vec<T> ei2 = in.e_j.reverse(), ej2 = QuerySideOnly ? in.e_j : Vec<T>(in.e_i.reverse());
    const double i2 = c.i + c.t;
    const double j2 = QuerySideOnly ? c.j : std::fmax(0.0, c.j - c.t);
    const auto s = [&](const Vec<T>& a, const Vec<T>& b, double i, double j) {
      return attention_logit(enc, in.w, a, b, i, j);
    };
    const T s1 = s(in.e_i, in.e_j, c.i, c.j), s2 = s(ei2, ej2, c.i, c.j);
    const T s3 = s(in.e_i, in.e_j, i2, j2), s4 = s(ei2, ej2, i2, j2);
    const T mixed = s1 - s2 - s3 + s4;
    ScoreCase swapped = c;  // the bound for the primed contents
    swapped.e_i = std::vector<double>(c.e_j.rbegin(), c.e_j.rend());
    if (!QuerySideOnly) swapped.e_j = std::vector<double>(c.e_i.rbegin(), c.e_i.rend());
    // proofs/tolerances.md section 10.7: each computed score within score_tolerance of the exact
    // one (whose mixed difference is 0), plus the three rounded additions, gamma_3 sum |s_k|
    // (computed scores, converted to double with relative error <= 2^-53).
    const double u = unit_roundoff<T>();
    const double sum_abs = (std::fabs(to_double(s1)) + std::fabs(to_double(s2)) +
                            std::fabs(to_double(s3)) + std::fabs(to_double(s4))) *
                           (1 + 0x1p-50);
    const double tol = score_tolerance(enc, c, c.i, c.j) + score_tolerance(enc, swapped, c.i, c.j) +
                       score_tolerance(enc, c, i2, j2) + score_tolerance(enc, swapped, i2, j2) +
                       tol::gamma(3, u) * sum_abs;
    return {std::fabs(to_double(mixed)), tol};
  }
};

using PositionBiasOnly = MixedDifference<false>;
using QueryAdditive = MixedDifference<true>;
POSPROP_PROPERTY(PositionBiasOnly);
POSPROP_PROPERTY(QueryAdditive);

}  // namespace
}  // namespace posprop
