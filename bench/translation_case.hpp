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
#include "mpfr_stack.hpp"

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

// ---------------------------------------------------------------------------------------------
// What-if (bench only, NOT what the suite ships): the same property and verdict with the two
// costs perf finds in the shipped case removed, to measure what fixing them in properties/support
// and scalar.hpp would buy (bench/README.md, "peer"):
//  1. the projections W_q, W_k are generated once per case (the shipped case regenerates each
//     d x d Box-Muller matrix six times per rung: twice in score_inputs, four times in
//     score_tolerance -> projected_magnitude), and their |W| |e| magnitude is computed once;
//  2. the high-precision rung runs in MPFR with stack-allocated limbs (no malloc per temporary).
// Values are identical: the matrices are the same exact doubles, the precision is the same.

/// to_matrix<double>(spec, n), remembered for the last few (spec, n). Returned by shared
/// pointer: evicting an entry never invalidates a matrix still in use.
inline std::shared_ptr<const Mat<double>> cached_matrix(const gen::MatrixSpec& spec, int n) {
  struct Entry {
    int kind;
    std::uint64_t seed;
    int n;
    std::shared_ptr<const Mat<double>> m;
  };
  static std::vector<Entry> cache;
  for (const Entry& e : cache)
    if (e.kind == spec.kind && e.seed == spec.seed && e.n == n) return e.m;
  if (cache.size() >= 8) cache.erase(cache.begin());
  cache.push_back({spec.kind, spec.seed, n, std::make_shared<const Mat<double>>(gen::to_matrix<double>(spec, n))});
  return cache.back().m;
}

/// projected_magnitude(Site::qk_transform, ...) from an already generated W (same formula).
inline double projected_magnitude_of(const Mat<double>& w, const std::vector<double>& e) {
  const auto n = static_cast<Index>(e.size());
  Vec<double> v(n);
  for (Index k = 0; k < n; ++k) v(k) = std::fabs(e[static_cast<std::size_t>(k)]);
  const Vec<double> mv = w.cwiseAbs() * v;
  return mv.norm() * (1.0 + 4.0 * static_cast<double>(n) * 1.1102230246251565e-16);
}

template <class T>
Measurement translation_measure_tuned(const Encoder<T>& enc, const ScoreCase& c) {
  const std::shared_ptr<const Mat<double>> pq = cached_matrix(c.w_q, c.dim);
  const std::shared_ptr<const Mat<double>> pk = cached_matrix(c.w_k, c.dim);
  const Mat<double>& wq = *pq;
  const Mat<double>& wk = *pk;
  const Projections<T> w{wq.cast<T>(), wk.cast<T>()};
  const Vec<T> ei = gen::to_vector<T>(c.e_i), ej = gen::to_vector<T>(c.e_j);
  const T s = attention_logit(enc, w, ei, ej, c.i, c.j);
  const T shifted = attention_logit(enc, w, ei, ej, c.i + c.t, c.j + c.t);
  const double m_i = projected_magnitude_of(wq, c.e_i), m_j = projected_magnitude_of(wk, c.e_j);
  const ErrorProfile e = enc.error_profile();
  const double u = unit_roundoff<T>();
  return {std::fabs(to_double(shifted - s)), tol::score_error(e, c.dim, c.i, c.j, m_i, m_j, u) +
                                                 tol::score_error(e, c.dim, c.i + c.t, c.j + c.t, m_i, m_j, u)};
}

/// The peer workload with fix 1 only (projections generated once per case, ladder scalars).
struct TranslationFixedDimCached : TranslationFixedDim {
  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    return translation_measure_tuned<T>(rope_encoder<T>(entry, c.dim), c);
  }
};

/// The peer workload with both fixes; the engine's Hp50 / Hp100 rungs run in Hp50Stack /
/// Hp100Stack (same precision).
struct TranslationFixedDimTuned : TranslationFixedDim {
  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    if constexpr (std::is_same_v<T, Hp50>) {
      return translation_measure_tuned<Hp50Stack>(rope_encoder<Hp50Stack>(entry, c.dim), c);
    } else if constexpr (std::is_same_v<T, Hp100>) {
      return translation_measure_tuned<Hp100Stack>(rope_encoder<Hp100Stack>(entry, c.dim), c);
    } else {
      return translation_measure_tuned<T>(rope_encoder<T>(entry, c.dim), c);
    }
  }
};

/// n inputs drawn from a generator outside any property (RapidCheck sizes cycling 0 .. 99).
inline std::vector<ScoreCase> sample_cases(const rc::Gen<ScoreCase>& g, int n, std::uint64_t seed) {
  std::vector<ScoreCase> out;
  for (int k = 0; k < n; ++k) out.push_back(g(rc::Random(seed + static_cast<std::uint64_t>(k)), k % 100).value());
  return out;
}

}  // namespace posprop::bench
