// Low-precision ways of computing the RoPE / sinusoidal phase table (cos, sin of position x
// inverse frequency), each modelling a real implementation, and the a-priori error bounds of
// proofs/precision.md (sections 2-4). A path is evaluated by exact emulation: every operation is
// done in double and rounded with round_to() to the path's format; products of two values of at
// most 24 bits are exact in double, so fp32/fp16/bf16 products and reciprocals are correctly
// rounded, and the elementary functions are correctly rounded (computed in double, rounded once).
#pragma once

#include "posprop/precision/format.hpp"

#include <string>
#include <vector>

namespace posprop::precision {

/// How the inverse frequencies w_k = base^(-2k/d) are formed.
enum class InvFreqMethod {
  /// transformers modeling_rope_utils.py _compute_default_rope_parameters:
  ///   inv_freq = 1.0 / (base ** (arange(0, d, 2).float() / d)),  angle = inv_freq * pos.
  pow_reciprocal,
  /// llama.cpp ggml/src/ggml-cpu/ops.cpp ggml_rope_cache_init:
  ///   theta_scale = powf(base, -2.0f/n_dims); theta = p; per pair: use theta, theta *=
  ///   theta_scale.
  iterated_product,
  /// llama.cpp ggml/src/ggml-cuda/rope.cu rope_norm / rope_neox:
  ///   theta = pos * powf(theta_scale, i0/2.0f).
  pow_per_index,
};

struct PathSpec {
  std::string name;     // "fp32-angles"
  std::string summary;  // one line
  std::string source;   // the implementation it models (repo:path)
  FormatId compute;     // inv_freq, angle and cos/sin arithmetic
  InvFreqMethod method;
  FormatId inv_freq_storage;  // inv_freq rounded to this after it is computed
  FormatId position_storage;  // positions rounded to this before use
  FormatId table_storage;     // cos/sin rounded to this (also the format q, k are rotated in)
  /// The lowest precision involved: what `--format` selects.
  FormatId format() const;
};

const std::vector<PathSpec>& paths();
/// InputError naming the valid paths for an unknown name.
const PathSpec& find_path(const std::string& name);

/// RoPE / sinusoidal frequency parameters: d (even, 2..65536) and base (> 1, finite).
struct PhaseSetup {
  int head_dim = 128;
  double base = 10000;
  void validate() const;  // InputError naming the problem
};

/// The phase table of one position as the path stores it, plus the angles it formed.
struct PhaseRow {
  std::vector<double> angle;     // computed angle of pair k, before cos/sin
  std::vector<double> cos, sin;  // stored values (table_storage)
  bool finite() const;
};

class PathModel {
 public:
  PathModel(const PathSpec& spec, const PhaseSetup& setup);
  const PathSpec& spec() const { return spec_; }
  const PhaseSetup& setup() const { return setup_; }
  int pairs() const { return setup_.head_dim / 2; }
  /// Inverse frequencies as stored (iterated_product: the per-pair factor theta_scale^k is not
  /// formed; this then holds the exact-in-double theta_scale^k for reporting only).
  const std::vector<double>& inv_freq() const { return inv_freq_; }
  /// Position as the path holds it (rounded to position_storage, then to compute).
  double held_position(double pos) const;
  /// InputError for a NaN, infinite, negative or non-integer position.
  PhaseRow row(double pos) const;

 private:
  PathSpec spec_;
  PhaseSetup setup_;
  std::vector<double> inv_freq_;
  double theta_scale_ = 0;  // iterated_product / pow_per_index
};

/// Throws InputError unless pos is a finite non-negative integer <= 2^53.
void check_study_position(double pos);

/// A-priori bounds (proofs/precision.md sections 2-4) for the path `spec`, evaluated in double
/// with a relative margin of 1e-9 for the double evaluation itself.
class PathBounds {
 public:
  PathBounds(const PathSpec& spec, const PhaseSetup& setup);
  /// False when an intermediate underflows or overflows the compute format (then no bound).
  bool valid() const { return valid_; }
  const std::string& invalid_reason() const { return invalid_reason_; }
  /// |computed angle_k - pos w_k| <= angle(k, pos).
  double angle(int k, double pos) const;
  /// ||(cos_hat - cos theta, sin_hat - sin theta)||_2 <= entry(k, pos).
  double entry(int k, double pos) const;
  /// Whether the position stays finite in the position and compute formats.
  bool in_domain(double pos) const;

 private:
  double log_factor(int k, double pos) const;
  PathSpec spec_;
  PhaseSetup setup_;
  bool valid_ = true;
  std::string invalid_reason_;
};

}  // namespace posprop::precision
