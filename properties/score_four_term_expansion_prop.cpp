// score.four_term_expansion: with x = e + p at the embedding site and M = W_q^T W_k,
//   S(i, j) = e_i^T M e_j + e_i^T M p_j + p_i^T M e_j + p_i^T M p_j     (CLAIMS.md S10).
// Bilinearity; checked so that the ledger's use of the expansion rests on the implementation.
// Proof: proofs/sinusoidal.md (Theorem 2).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct ScoreFourTermExpansion {
  static PropertyInfo info() {
    return {"score.four_term_expansion", "score",
            "At the embedding site S(i, j) = e_i'M e_j + e_i'M p_j + p_i'M e_j + p_i'M p_j with "
            "M = W_q'W_k (content-content, content-position, position-content, position-position).",
            "proofs/sinusoidal.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return e.site == Site::embedding; }
  using Input = ScoreCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return score_case(e); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const ScoreInputs<T> in = score_inputs<T>(c);
    const Vec<T> pi = enc.position_vector(c.i), pj = enc.position_vector(c.j);
    const Vec<T> qe = in.w.w_q * in.e_i, ke = in.w.w_k * in.e_j;
    const Vec<T> qp = in.w.w_q * pi, kp = in.w.w_k * pj;
    const T terms = qe.dot(ke) + qe.dot(kp) + qp.dot(ke) + qp.dot(kp);
    const T s = attention_logit(enc, in.w, in.e_i, in.e_j, c.i, c.j);
    // Both sides are within score_error of the exact S (each term's bound is dominated by it).
    return {std::fabs(to_double(s - terms)), 5 * score_tolerance(enc, c, c.i, c.j)};
  }
};

POSPROP_PROPERTY(ScoreFourTermExpansion);

}  // namespace
}  // namespace posprop
