// Candidate explanations of an implementation's outputs: for each known bug (the other layout, a
// scaling factor dropped, seq_len ignored, the attention factor applied twice, bf16
// frequencies, ...) the exact outputs a buggy implementation produces for every case of a
// golden-vectors file, evaluated at 50 digits from the file's own inputs and parameters.
// `posprop vectors` flags the cases that tell each bug apart (golden_flags.cpp); `posprop verify`
// names the explanations its outputs fit (verify_diagnosis.cpp).
#pragma once

#include "golden.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace posprop::cli {

/// What a candidate implementation outputs for one case.
struct CaseOutputs {
  Vec<Hp100> q, k;
  bool finite = true;  // false: the implementation would output NaN or infinity
};

/// A tolerance and the pairs its per-pair bounds refer to (the candidate's own layout).
struct CandidateTolerance {
  CaseTolerance tol;
  std::vector<std::pair<int, int>> pairs;
};

struct Candidate {
  std::string flag;         // the bug class (case_flags.hpp)
  std::string key;          // machine-readable id: "layout=half_split", "seq_len=8192"
  std::string description;  // "the half_split layout, not interleaved"
  /// The outputs of case `id`; nullopt when the explanation does not apply to its group.
  std::function<std::optional<CaseOutputs>(int id)> outputs;
  /// The tolerance a correct implementation of this explanation meets at case `id` (its own
  /// frequencies and error model: a candidate with faster frequencies than the declared
  /// encoder has larger rounding errors). Empty: the case's own tolerance (candidates whose
  /// frequencies are within 2^-8 of the declared ones).
  std::function<CandidateTolerance(int id, precision::FormatId format)> tolerance;
};

/// Every candidate explanation that applies to `file` (whose encoder is `entry`). The file must
/// outlive the candidates.
std::vector<Candidate> candidates(const EncoderEntry& entry, const GoldenFile& file);

/// Whether `out` is within `scale` x `tol` of `ref`: 2-norm of q and k, and with per-pair
/// tolerances each of `pairs` (the coordinates tol.q_pairs[k] refers to).
bool within_tolerance(const std::vector<std::pair<int, int>>& pairs, const CaseTolerance& tol,
                      double scale, const Vec<Hp100>& out_q, const Vec<Hp100>& out_k,
                      const Vec<Hp100>& ref_q, const Vec<Hp100>& ref_k);

}  // namespace posprop::cli
