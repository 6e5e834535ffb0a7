// The boundary inputs of the shared input types (boundary.hpp): every cell evaluates them, in
// this order (simplest first, so that a counterexample found here is as readable as possible),
// besides RapidCheck's random cases.
#pragma once

#include "support/boundary.hpp"
#include "support/cases.hpp"
#include "support/coverage.hpp"

#include <vector>

namespace posprop {

/// Every boundary position a in ascending order (boundary::positions), b a second one (signed:
/// alternately negative), x, y boundary vectors; the smallest boundary dim (under `max_dim`)
/// first, then every other boundary dim once, the largest at the largest position.
std::vector<MapCase> map_boundaries(const EncoderEntry& entry, bool signed_positions,
                                    int max_dim = 256);

/// The same for score inputs: i and j boundary positions, shifts t keeping i + t and j + t in
/// the encoder's domain (1, the largest shift, or another boundary position), W_q, W_k identity,
/// Gaussian and Haar with fixed seeds.
std::vector<ScoreCase> score_boundaries(const EncoderEntry& entry, int max_dim = 256);

/// What an input exercised (GeneratedProperty calls record() on every input it measures).
void record(Coverage& c, const EncoderEntry&, const MapCase& in);
void record(Coverage& c, const EncoderEntry&, const ScoreCase& in);

}  // namespace posprop
