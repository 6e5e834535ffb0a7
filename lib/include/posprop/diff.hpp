// Differential testing of two pair-rotating encoders (`posprop diff`, proofs/conventions.md
// section 4). Each side is an encoder with parameters under a convention (conventions.hpp): an
// exact map (evaluated at 100 digits) or an fp32 kernel (evaluated exactly, ggml_rope.hpp). On
// pair k at position p both maps are scaled rotations z = C + i S (A(p) restricted to the pair is
// [[C, -S], [S, C]]), so the largest difference over inputs x_k of norm 1 is |z_A - z_B|.
//
// Verdict: the sides DIFFER on (k, p) iff |z_A - z_B| > r_A + r_B, where r_X is the proven
// per-pair error bound of a correct implementation of X's formula in the chosen format
// (bounds/pair_bounds.hpp pair_error with the admitted recipes of bounds/recipes.hpp; a kernel
// side takes the bound of the formula it implements). Then no output can pass the golden-vector
// test of both (their tolerance balls are disjoint); otherwise they agree on (k, p).
#pragma once

#include "posprop/conventions.hpp"
#include "posprop/precision/format.hpp"
#include "posprop/registry.hpp"

#include <memory>
#include <string>
#include <vector>

namespace posprop::diff {

/// A pair-rotating map known pair by pair, and the tolerance radius of each pair.
class Side {
 public:
  /// `params` complete (the convention already applied to them). InputError for an encoder that
  /// is not pair-rotating, a convention that does not apply, no correct-implementation model.
  Side(const EncoderEntry& entry, const Params& params, ConventionId convention,
       precision::FormatId format);
  ~Side();
  Side(Side&&) noexcept;

  const RotaryStructure& structure() const;
  ConventionId convention() const;
  /// (C, S) of pair k at position p, as doubles of the 100-digit values (not for differences).
  std::pair<double, double> block(Index k, double pos) const;
  /// |z_this(k, p) - z_other(k, p)|, the difference formed at 100 digits.
  double distance(const Side& other, Index k, double pos) const;
  /// The radius r(k, p) per unit ||x_k||.
  double radius(Index k, double pos) const;
  /// The angle of pair k at position 1 (the frequency, for an exact side) and |z(k, 0)|.
  double angle_at_one(Index k) const;
  double magnitude() const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

/// One pair that differs somewhere, minimised: the first position where it differs next to one
/// where it agrees, and the worst tested position.
struct PairCase {
  Index pair = 0;
  double angle_a = 0, angle_b = 0;      // angle at position 1 (frequency of an exact side)
  double first_position = 0;            // differs here
  double agrees_at = -1;                // and agrees here (first_position - 1), -1 if none below
  std::size_t differing_positions = 0;  // of the tested list
  double worst_position = 0, absolute = 0, relative = 0, tolerance = 0;  // at the worst ratio
};

/// A difference of structure: head_dim, rotary_dim or layout (the pairs are not the same
/// coordinates, so no per-pair comparison is made).
struct StructureCase {
  std::string what, a, b;
};

struct Comparison {
  Index head_dim = 0, pairs = 0;
  std::vector<double> positions;
  double magnitude_a = 1, magnitude_b = 1;  // attention factors as the maps apply them
  std::vector<StructureCase> structure;
  std::vector<PairCase> cases;
  /// The largest ratio distance / (r_A + r_B) over every tested pair and position.
  double worst_ratio = 0;
  bool differs() const { return !structure.empty() || !cases.empty(); }
};

/// Compares the sides at `positions` (sorted, distinct, integers in [0, 2^24]).
Comparison compare(const Side& a, const Side& b, const std::vector<double>& positions);

/// The default positions: 0, 1, 2, 3, powers of two and their neighbours up to 2^24, 10^6, and the
/// knees L - 1, L, L + 1 of every `*max_position*` and `seq_len` value of either parameter set.
std::vector<double> default_positions(const Params& a, const Params& b);

}  // namespace posprop::diff
