// The inputs shared by the property families, their generators and printing (17 digits).
#pragma once

#include "posprop/score.hpp"
#include "support/generators.hpp"
#include "support/tolerance.hpp"

#include <deque>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <utility>

namespace posprop {

/// The encoder of `entry` at dimension `dim` in scalar T, built once per entry object (its
/// identity: not its address, which a later entry may reuse).
template <class T>
const Encoder<T>& instance(const EncoderEntry& entry, int dim) {
  static std::mutex mutex;
  static std::map<std::pair<std::uint64_t, int>, std::unique_ptr<Encoder<T>>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[{entry.identity.value(), dim}];
  if (!slot) slot = entry.make<T>(Params{{"head_dim", std::to_string(dim)}});
  return *slot;
}

/// Map-level input: a dimension, two positions and two vectors.
struct MapCase {
  int dim = 2;
  double a = 0, b = 0;
  std::vector<double> x, y;
};
std::ostream& operator<<(std::ostream& os, const MapCase& c);
/// Positions signed when `signed_positions`, else in [0, max_position].
rc::Gen<MapCase> map_case(const EncoderEntry& entry, bool signed_positions, int max_dim = 256);

/// Score-level input: content vectors e_i, e_j, projections W_q, W_k, positions i, j, shift t.
struct ScoreCase {
  int dim = 2;
  std::vector<double> e_i, e_j;
  gen::MatrixSpec w_q, w_k;
  double i = 0, j = 0, t = 0;
};
std::ostream& operator<<(std::ostream& os, const ScoreCase& c);
/// i, j, i + t, j + t all within [0, max_position].
rc::Gen<ScoreCase> score_case(const EncoderEntry& entry, int max_dim = 256);

/// The magnitude the score bound of tolerance.hpp scales with, in double (proofs/tolerances.md
/// section 3): || |W| (|e| + P) || at the embedding site (p is added before W),
/// || |W| |e| + P || for qk_additive (added after W), || |W| |e| || otherwise.
double projected_magnitude(Site site, const gen::MatrixSpec& w, const std::vector<double>& e,
                           double p);

/// W_q, W_k of a case converted exactly to T, memoised per thread for the last few pairs: a case
/// evaluates its scores at several positions with the same W, and at d = 256 converting the 2 x
/// 65536 entries to 50-digit MPFR costs more than the scores themselves. A reference stays
/// valid until kSlots other pairs have been asked for.
template <class T>
const Projections<T>& projections(const gen::MatrixSpec& q, const gen::MatrixSpec& k, int dim) {
  struct Slot {
    gen::MatrixSpec q, k;
    int dim;
    Projections<T> w;
  };
  constexpr std::size_t kSlots = 4;
  const auto same = [](const gen::MatrixSpec& a, const gen::MatrixSpec& b) {
    return a.kind == b.kind && (a.kind == gen::MatrixSpec::identity || a.seed == b.seed);
  };
  thread_local std::deque<Slot> cache;
  for (const Slot& s : cache)
    if (s.dim == dim && same(s.q, q) && same(s.k, k)) return s.w;
  if (cache.size() == kSlots) cache.pop_front();
  cache.push_back({q, k, dim, {gen::to_matrix<T>(q, dim), gen::to_matrix<T>(k, dim)}});
  return cache.back().w;
}

template <class T>
struct ScoreInputs {
  const Projections<T>& w;
  Vec<T> e_i, e_j;
};

template <class T>
ScoreInputs<T> score_inputs(const ScoreCase& c) {
  return {projections<T>(c.w_q, c.w_k, c.dim), gen::to_vector<T>(c.e_i), gen::to_vector<T>(c.e_j)};
}

/// The derived bound on |fl(S(i, j)) - S(i, j)| for this case in scalar T.
template <class T>
double score_tolerance(const Encoder<T>& enc, const ScoreCase& c, double i, double j) {
  const ErrorProfile e = enc.error_profile();
  const double m_i = projected_magnitude(enc.site(), c.w_q, c.e_i, e.position_magnitude);
  const double m_j = projected_magnitude(enc.site(), c.w_k, c.e_j, e.position_magnitude);
  return tol::score_error(e, c.dim, i, j, m_i, m_j, unit_roundoff<T>());
}

}  // namespace posprop
