// Measurement of a precision path against the 100-digit reference (Hp100, MPFR): per position
// the angle error, the table (cos, sin) error, the output error in bits (Herbie: log2(1 + ulps))
// and the equivariance residual |S(i+t, j+t) - S(i, j)|, each next to its a-priori bound
// (proofs/precision.md); and the first position at which two positions share one encoding.
#pragma once

#include "posprop/precision/path.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace posprop::precision {

/// Which encoder's output and score are measured (all share the phase table of the path).
enum class StudyEncoder { rope, rope_neox, sinusoidal };
/// "rope" | "rope-neox" | "sinusoidal"; InputError otherwise.
StudyEncoder parse_study_encoder(const std::string& name);
const char* to_string(StudyEncoder e);

/// The fixed query and key of the score S(i, j) = (R(i) q) . (R(j) k) (RoPE), or q = k = one
/// (1, 0) per pair for the sinusoidal scheme S(i, j) = p_i . p_j. Entries are multiples of
/// 1/32 with |entry| < 1, exact in every format:
///   q_m = ((37 m + 11) mod 61 - 30) / 32,  k_m = ((53 m + 7) mod 59 - 29) / 32.
struct Probe {
  std::vector<double> q, k;
  double norm_product = 1;  // ||q|| ||k||
};
Probe make_probe(StudyEncoder e, int head_dim);

/// Offsets j of the equivariance residual at shift t: max_j |S(t, t + j) - S(0, j)|.
const std::vector<int>& equivariance_offsets();

struct PositionRow {
  double position = 0;
  bool in_domain = true;  // false: the position overflows the path's formats (e.g. fp16)
  double angle_error = 0, angle_bound = 0, angle_ratio = 0;  // max_k; ratio max_k err/bound
  double entry_error = 0, entry_bound = 0, entry_ratio = 0;
  double bits_mean = 0, bits_max = 0;  // output bits of error (format of the table)
  /// max_j |S(t, t + j) - S(0, j)| / (||q|| ||k||) with t = position; bound likewise.
  double equivariance = 0, equivariance_bound = 0, equivariance_ratio = 0;
};

class PrecisionStudy {
 public:
  PrecisionStudy(StudyEncoder encoder, const PhaseSetup& setup);
  ~PrecisionStudy();
  PrecisionStudy(const PrecisionStudy&) = delete;
  PrecisionStudy& operator=(const PrecisionStudy&) = delete;

  StudyEncoder encoder() const { return encoder_; }
  const PhaseSetup& setup() const { return setup_; }
  const Probe& probe() const { return probe_; }

  /// Measures path `measured` at `pos`; bounds (and ratios) from path `bounded` (normally the
  /// same path; a different one for the meta tests, e.g. bf16 inv_freq against the fp32 bound).
  /// `with_equivariance = false` skips the residual (the costly part: 16 exact scores).
  PositionRow measure(const PathSpec& measured, const PathSpec& bounded, double pos,
                      bool with_equivariance = true) const;
  PositionRow measure(const PathSpec& path, double pos) const { return measure(path, path, pos); }

  /// max_j |S(i + t, i + j + t) - S(i, i + j)| / (||q|| ||k||), scores from the path's table,
  /// evaluated exactly (100 digits).
  double equivariance(const PathModel& model, double i, double t) const {
    return equivariance(model, model, i, t);
  }
  /// The same with the query table from `query_model` and the key table from `key_model`.
  double equivariance(const PathModel& query_model, const PathModel& key_model, double i,
                      double t) const;
  /// Bound on |computed - exact| of that residual (proofs/precision.md section 5), relative
  /// to ||q|| ||k|| like the residual.
  double equivariance_error_bound(const PathBounds& query_bounds, const PathBounds& key_bounds,
                                  double i, double t) const;

 private:
  struct Reference;
  StudyEncoder encoder_;
  PhaseSetup setup_;
  Probe probe_;
  std::unique_ptr<Reference> reference_;
};

/// 2^0 .. 2^26, round(2^(e + 1/2)) for e = 0 .. 25, and the shifts 1e3, 1e5, 1e6 (sorted,
/// without repeats): log-spaced to 2^24 and beyond.
std::vector<double> study_positions();
/// n integers log-uniform in [1, max_pos], from a fixed seed.
std::vector<double> random_positions(int n, std::uint64_t seed, double max_pos);

/// First position p <= limit whose stored table equals that of an earlier position.
struct Collision {
  bool found = false;
  double position = 0, earlier = 0;
  double searched_up_to = 0;
};
Collision first_collision(const PathModel& model, double limit);
/// Derived: positions collapse first at 2^P + 1 (a tie, rounded to even 2^P), P the smallest
/// precision among the position and compute formats (bf16: 257, fp16: 2049, fp32: 16777217).
double derived_first_collision(const PathSpec& spec);
/// P of derived_first_collision: the precision positions are held in (53 for fp64, where
/// 2^53 + 1 is itself not a double and the collapse cannot be checked on doubles).
int position_precision(const PathSpec& spec);
/// The tables at two positions are identical.
bool same_table(const PathModel& model, double a, double b);

}  // namespace posprop::precision

namespace posprop::precision {

/// The figures issue 5 asks for: RoPE, d = 128, base 10000, path fp32-angles, the equivariance
/// residual (relative to ||q|| ||k||) at shifts 1e3, 1e5, 1e6; and the first collapse of the
/// bf16-positions path (searched, not assumed). tests/precision/independent_check.py recomputes
/// them with numpy float32 + mpmath.
struct HeadlineFigures {
  std::vector<std::pair<double, double>> fp32_equivariance;  // (shift, residual)
  Collision bf16_positions;
};
HeadlineFigures headline_figures();

/// The precision ladder (proofs/precision.md section 6): the equivariance residual at one shift
/// on the rungs bf16, fp16, fp32, fp64 (paths <fmt>-angles), for matched query/key tables (the
/// statement holds: the residual is rounding and shrinks with u) and for a key table built with
/// another base (the statement fails: the residual is structure and stays).
/// A rung whose format cannot hold the frequencies (PathBounds::valid() false) has NaN values.
struct LadderRung {
  std::string path;
  double unit_roundoff = 0;
  double residual = 0, error_bound = 0;  // |computed - exact residual| <= error_bound
};
struct Ladder {
  double shift = 0, key_base = 0;
  std::vector<LadderRung> matched, mismatched;
};
Ladder precision_ladder(StudyEncoder encoder, const PhaseSetup& setup, double key_base,
                        double shift);
/// "rounding": the top rung's residual is within its bound (consistent with an exact 0);
/// "structure": it exceeds its bound (the exact residual is > 0, proved) and every rung agrees
/// with the top one within the two bounds (ladder-stable); "inconsistent" otherwise.
std::string ladder_verdict(const std::vector<LadderRung>& rungs);

}  // namespace posprop::precision
