// score.translation_equivariant: S(i + t, j + t) = S(i, j) for random content e_i, e_j and
// projections W_q, W_k. Proof: proofs/relative_form.md (Theorem 1; the embedding-site failure in
// Theorem 3).
#include "support/cases.hpp"
#include "support/generated_property.hpp"

namespace posprop {
namespace {

struct ScoreTranslationEquivariant {
  static PropertyInfo info() {
    return {"score.translation_equivariant", "score",
            "S(i + t, j + t) = S(i, j) for all content vectors, projections W_q, W_k, positions "
            "i, j and shifts t.",
            "proofs/relative_form.md"};
  }
  static bool applies_to(const EncoderEntry&) { return true; }
  using Input = ScoreCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return score_case(e); }
  static std::vector<Input> boundary(const EncoderEntry& e) { return score_boundaries(e); }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& enc = instance<T>(entry, c.dim);
    const ScoreInputs<T> in = score_inputs<T>(c);
    const T s = attention_logit(enc, in.w, in.e_i, in.e_j, c.i, c.j);
    const T shifted = attention_logit(enc, in.w, in.e_i, in.e_j, c.i + c.t, c.j + c.t);
    return {std::fabs(to_double(shifted - s)),
            score_tolerance(enc, c, c.i, c.j) + score_tolerance(enc, c, c.i + c.t, c.j + c.t)};
  }
};

POSPROP_PROPERTY(ScoreTranslationEquivariant);

}  // namespace
}  // namespace posprop
