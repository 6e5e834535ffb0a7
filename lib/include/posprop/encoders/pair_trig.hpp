// cos and sin of every rotated pair's angle at one position, and a small cache of them per
// encoder instance. Applying a pair-rotating encoder at one position to many vectors (the d/2
// basis vectors from which rope.complex_view reads the multipliers, q and k of one score, the
// columns of a map) then evaluates each cos(p theta_k), sin(p theta_k) once: in 50-digit MPFR
// the trigonometric functions dominate the cost of an apply.
#pragma once

#include "posprop/scalar.hpp"

#include <cstring>
#include <deque>
#include <utility>
#include <vector>

namespace posprop {

/// c_k = cos(angle_k), s_k = sin(angle_k) for the pairs k = 0 .. pairs - 1.
template <class T>
struct PairTrig {
  std::vector<T> c, s;
};

template <class T, class Angle>
PairTrig<T> pair_trig(Index pairs, Angle angle) {
  using std::cos;
  using std::sin;
  PairTrig<T> t;
  for (Index k = 0; k < pairs; ++k) {
    const T theta = angle(k);
    t.c.push_back(cos(theta));
    t.s.push_back(sin(theta));
  }
  return t;
}

/// Bitwise equality of positions: -0.0 and 0.0 are different keys (sin(-0) = -0).
inline bool same_position(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}
inline bool same_position(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_position(a[i], b[i])) return false;
  return true;
}

/// The trig tables of the last kSlots positions. The angles must depend on the position and on
/// the encoder's immutable state only. Not thread-safe: one encoder instance per thread.
template <class T, class Position>
class PairTrigCache {
 public:
  template <class Angle>
  const PairTrig<T>& at(const Position& pos, Index pairs, Angle angle) const {
    for (const auto& slot : slots_)
      if (same_position(slot.first, pos)) return slot.second;
    if (slots_.size() == kSlots) slots_.pop_front();
    slots_.emplace_back(pos, pair_trig<T>(pairs, angle));
    return slots_.back().second;
  }

 private:
  static constexpr std::size_t kSlots = 4;
  mutable std::deque<std::pair<Position, PairTrig<T>>> slots_;
};

}  // namespace posprop
