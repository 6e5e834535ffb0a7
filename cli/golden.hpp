// Golden vectors (`posprop vectors` / `posprop verify`): exactly representable inputs, their
// encodings computed at 100 significant digits, and the derived tolerance a correct fp32 / fp64
// implementation must meet at each position (proofs/golden_vectors.md).
#pragma once

#include "case_flags.hpp"

#include "posprop/precision/format.hpp"
#include "posprop/registry.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace posprop::cli {

/// What the tolerance of one case allows an implementation computing in fp32 or fp64.
struct CaseTolerance {
  double q = 0, k = 0;  // ||q_out - exact||_2 and ||k_out - exact||_2
  double score = 0;     // |q_out(p) . k_out(p_key) - exact|
  /// Pair-rotating encoders (proofs/pair_bounds.md): per pair k the bound on ||q_out_k -
  /// reference_k||_2 (hence on each of its two coordinates), the relative bound on the copied
  /// coordinates, and the position-independent relative bound on | ||out_k|| - c ||x_k|| |.
  std::vector<double> q_pairs, k_pairs;
  double pass_through = 0, magnitude = 0;
  bool has_pairs() const { return !q_pairs.empty(); }
};

/// The model of a correct implementation in one format (proofs/pair_bounds.md section 3), as
/// printed in the vectors file: which recipes it admits and its per-pair angle budget.
struct ModelSummary {
  std::string recipes;              // "transformers, ggml-cpu, ggml-cuda"
  std::vector<double> angle_units;  // A_k / u per pair
  double trig_units = 0, attention_units = 0;
};

/// One (dimension, parameters, q, k): the cases of a group share their inputs.
struct GoldenGroup {
  std::string purpose;  // "requested", "partial rotary width 0.5", "non-power-of-two dim 96"
  Params params;        // completed (every key of the encoder, head_dim included)
  int dim = 0;
  std::vector<double> q, k;  // exact in float and double: multiples of 2^-12 in [-4, 4]
  // Pair-rotating encoders only (empty otherwise): the coordinates of each rotated pair, the
  // exact inverse frequencies and attention factor (printed like the reference values), and the
  // models behind the per-pair tolerances.
  std::vector<std::pair<int, int>> pairs;
  std::vector<std::string> inv_freq;
  std::string attention_factor;
  std::optional<ModelSummary> model_fp32, model_fp64;
};

struct GoldenCase {
  int group = 0;
  double position = 0;             // scalar position; for a vector position its largest |axis|
  std::vector<double> axes;        // a vector position (multi-axis encoders); empty for scalar ones
  std::string purpose;             // "requested", "large position", "knee L+1 ..."
  std::vector<std::string> flags;  // bug classes the case targets (case_flags.hpp)
  std::vector<std::string> q_out, k_out;  // A_q(p) q, A_k(p) k at 100 digits, printed to N
  double key_position = 0;                // the score's key position (the group's first position)
  std::vector<double> key_axes;           // its vector position (multi-axis encoders)
  std::string score;                      // (A_q(p) q) . (A_k(key_position) k)
  std::optional<CaseTolerance> fp32;      // absent when p is not exact in float
  CaseTolerance fp64;
};

struct GoldenFile {
  int version = 3;  // of the file read (1, 2 or 3); written files are version 3
  std::string encoder;
  std::uint64_t seed = 1;
  int digits = 40;
  std::vector<GoldenGroup> groups;
  std::vector<GoldenCase> cases;
  /// The checks verify runs on the outputs as a whole: "magnitude" (pair-rotating groups),
  /// "norms" (other orthogonal maps), "relativity" (scores depend on j - i only).
  std::vector<std::string> output_checks;
};

struct GoldenRequest {
  std::string encoder;
  Params params;  // --set (without head_dim)
  int dim = 64;
  std::vector<double> positions;
  std::uint64_t seed = 1;
  int digits = 40;
  /// Which classes of extra cases to add (extra_case_classes(): large positions, knees, partial
  /// widths, a non-power-of-two dim, cache lengths); all by default.
  CaseSelection extras;
};

/// Parses "0,5,17" or "A:B[:STEP]" (inclusive); throws InputError naming --positions.
std::vector<double> parse_positions(const std::string& text);

/// The decimal reference values as a 100-digit vector; doubles likewise (exactly).
Vec<Hp100> from_decimals(const std::vector<std::string>& v);
Vec<Hp100> from_doubles(const std::vector<double>& v);

/// The id of the case of `id`'s group at its score key position, or -1.
int score_key_case(const GoldenFile& file, int id);

/// Builds the golden vectors (exact outputs at 100 digits, tolerances from proofs/).
GoldenFile make_golden(const GoldenRequest& request);

/// Adds to every case the flags of the candidate explanations it tells apart (golden_flags.cpp).
void add_evidence_flags(const EncoderEntry& entry, GoldenFile& file);
/// The checks verify runs on the outputs of `entry` as a whole (GoldenFile::output_checks).
std::vector<std::string> output_checks_of(const EncoderEntry& entry, const GoldenFile& file);

/// The golden-vectors file (examples/golden-vectors.schema.json): golden_json.cpp.
void write_golden_json(std::ostream& os, const GoldenFile& file);
/// Reads a file written by write_golden_json; throws InputError naming the file and JSON path.
GoldenFile read_golden_json(const std::string& path);
/// read_golden_json on the file's text, `path` naming it in messages (tests/fuzz).
GoldenFile parse_golden_json(const std::string& text, const std::string& path);

/// The tolerances of one group (proofs/golden_vectors.md section 2): the component-resolved
/// bounds of proofs/pair_bounds.md for pair-rotating encoders, the generic 2-norm bound of
/// tolerances.md otherwise. Built once per group (golden_bounds.cpp).
class GroupBounds {
 public:
  /// `params` with head_dim; `digits` printed digits of the reference values.
  GroupBounds(const EncoderEntry& entry, const Params& params, int digits);
  ~GroupBounds();
  GroupBounds(const GroupBounds&) = delete;
  GroupBounds& operator=(const GroupBounds&) = delete;

  /// Tolerance of an fp32 / fp64 implementation: q and k at position p, the score's key at p0.
  CaseTolerance tolerance(precision::FormatId format, double p, double p0,
                          const std::vector<double>& q, const std::vector<double>& k) const;
  /// Fills the pair-rotating fields of `group` (pairs, inv_freq, attention factor, models).
  void describe(GoldenGroup& group) const;
  bool pair_structured() const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace posprop::cli
