// score.translation_equivariant for RoPE, as the bench measures it:
//  - translation_measure<T>() is the body of ScoreTranslationEquivariant::measure
//    (properties/score_translation_equivariant_prop.cpp), so timing it per scalar type gives
//    the cost of one case's double / 50 / 100 / 200 / 400-digit evaluation;
//  - TranslationFixedDim is the same property at a fixed dimension (d = 64) with dense Gaussian
//    projections, the exact workload of the Python peer (bench/peer/), run by posprop's own
//    engine (GeneratedProperty: RapidCheck, double + high-precision rung, derived tolerance).
#pragma once

#include "support/cases.hpp"
#include "support/generated_property.hpp"

#include "posprop/encoders/rope.hpp"

#include <map>
#include <memory>
#include <tuple>
#include <type_traits>
#include <vector>

namespace posprop::bench {

constexpr int kPeerDim = 64;

template <class T>
constexpr bool kOnLadder = std::is_same_v<T, double> || std::is_same_v<T, float> ||
                           std::is_same_v<T, Hp50> || std::is_same_v<T, Hp100> ||
                           std::is_same_v<T, Interval>;

/// The "rope" encoder at dimension dim in T: the suite's cached instance for the ladder types,
/// otherwise Rope<T> with the registry defaults (interleaved, rope_theta = 10000, full rotary).
template <class T>
const Encoder<T>& rope_encoder(const EncoderEntry& entry, int dim) {
  if constexpr (kOnLadder<T>) {
    return instance<T>(entry, dim);
  } else {
    static std::map<int, std::unique_ptr<Rope<T>>> cache;
    auto& slot = cache[dim];
    if (!slot) slot = std::make_unique<Rope<T>>(dim, 10000.0, dim, Layout::interleaved);
    return *slot;
  }
}

/// ScoreTranslationEquivariant::measure, verbatim.
template <class T>
Measurement translation_measure(const Encoder<T>& enc, const ScoreCase& c) {
  const ScoreInputs<T> in = score_inputs<T>(c);
  const T s = attention_logit(enc, in.w, in.e_i, in.e_j, c.i, c.j);
  const T shifted = attention_logit(enc, in.w, in.e_i, in.e_j, c.i + c.t, c.j + c.t);
  return {std::fabs(to_double(shifted - s)),
          score_tolerance(enc, c, c.i, c.j) + score_tolerance(enc, c, c.i + c.t, c.j + c.t)};
}

/// score_case() at one fixed dimension with dense Gaussian W_q, W_k (seeds in [1, 2^30)).
inline rc::Gen<ScoreCase> score_case_fixed(int dim, double max) {
  const auto gaussian = rc::gen::map(rc::gen::inRange<std::uint64_t>(1, 1u << 30), [](std::uint64_t s) {
    gen::MatrixSpec m;
    m.kind = gen::MatrixSpec::gaussian;
    m.seed = s;
    return m;
  });
  return rc::gen::map(
      rc::gen::tuple(gen::real_vector(dim), gen::real_vector(dim), gaussian, gaussian,
                     gen::position(max), gen::position(max), gen::position(max)),
      [dim, max](const std::tuple<std::vector<double>, std::vector<double>, gen::MatrixSpec,
                                  gen::MatrixSpec, double, double, double>& t) {
        ScoreCase c;
        c.dim = dim;
        std::tie(c.e_i, c.e_j, c.w_q, c.w_k, c.i, c.j, c.t) = t;
        c.t = std::min(c.t, max - std::max(c.i, c.j));
        return c;
      });
}

struct TranslationFixedDim {
  static PropertyInfo info() {
    return {"score.translation_equivariant@d64", "bench",
            "S(i + t, j + t) = S(i, j) at d = 64 with dense Gaussian W_q, W_k (the peer workload).",
            "proofs/relative_form.md"};
  }
  static bool applies_to(const EncoderEntry&) { return true; }
  using Input = ScoreCase;
  static rc::Gen<Input> gen(const EncoderEntry& e) { return score_case_fixed(kPeerDim, e.max_position); }
  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    return translation_measure<T>(rope_encoder<T>(entry, c.dim), c);
  }
};

/// n inputs drawn from a generator outside any property (RapidCheck sizes cycling 0 .. 99).
inline std::vector<ScoreCase> sample_cases(const rc::Gen<ScoreCase>& g, int n, std::uint64_t seed) {
  std::vector<ScoreCase> out;
  for (int k = 0; k < n; ++k) out.push_back(g(rc::Random(seed + static_cast<std::uint64_t>(k)), k % 100).value());
  return out;
}

}  // namespace posprop::bench
