// Golden vectors (`posprop vectors` / `posprop verify`): exactly representable inputs, their
// encodings computed at 100 significant digits, and the derived tolerance a correct fp32 / fp64
// implementation must meet at each position (proofs/golden_vectors.md).
#pragma once

#include "posprop/registry.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace posprop::cli {

/// What the tolerance of one case allows an implementation computing in fp32 or fp64.
struct CaseTolerance {
  double q = 0, k = 0;  // ||q_out - exact||_2 and ||k_out - exact||_2
  double score = 0;     // |q_out(p) . k_out(p_key) - exact|
};

/// One (dimension, parameters, q, k): the cases of a group share their inputs.
struct GoldenGroup {
  std::string purpose;  // "requested", "partial rotary width 0.5", "non-power-of-two dim 96"
  Params params;        // completed (every key of the encoder, head_dim included)
  int dim = 0;
  std::vector<double> q, k;  // exact in float and double: multiples of 2^-12 in [-4, 4]
};

struct GoldenCase {
  int group = 0;
  double position = 0;
  std::string purpose;                    // "requested", "large position", "knee L+1 ..."
  std::vector<std::string> q_out, k_out;  // A_q(p) q, A_k(p) k at 100 digits, printed to N
  double key_position = 0;                // the score's key position (the group's first position)
  std::string score;                      // (A_q(p) q) . (A_k(key_position) k)
  std::optional<CaseTolerance> fp32;      // absent when p is not exact in float
  CaseTolerance fp64;
};

struct GoldenFile {
  std::string encoder;
  std::uint64_t seed = 1;
  int digits = 40;
  std::vector<GoldenGroup> groups;
  std::vector<GoldenCase> cases;
};

struct GoldenRequest {
  std::string encoder;
  Params params;  // --set (without head_dim)
  int dim = 64;
  std::vector<double> positions;
  std::uint64_t seed = 1;
  int digits = 40;
  bool bug_hunting = true;  // add large positions, knees, partial widths, non-power-of-two dims
};

/// Parses "0,5,17" or "A:B[:STEP]" (inclusive); throws InputError naming --positions.
std::vector<double> parse_positions(const std::string& text);

/// Builds the golden vectors (exact outputs at 100 digits, tolerances from proofs/).
GoldenFile make_golden(const GoldenRequest& request);

/// The golden-vectors file (examples/golden-vectors.schema.json): golden_json.cpp.
void write_golden_json(std::ostream& os, const GoldenFile& file);
/// Reads a file written by write_golden_json; throws InputError naming the file and JSON path.
GoldenFile read_golden_json(const std::string& path);

/// Tolerance of an fp32 / fp64 implementation for the encoder at `params` (completed), position
/// p and inputs q, k, with the score's key at key_position; `digits` printed digits of the
/// reference values. proofs/golden_vectors.md section 2.
CaseTolerance golden_tolerance(const EncoderEntry& entry, const Params& params, double u, double p,
                               double key_position, double q_norm, double k_norm, int digits);

}  // namespace posprop::cli
