// Golden vectors of score-bias encoders (site score_bias): ALiBi slopes and bias tables, T5
// buckets and biases. A case is one query position i and a list of key positions j; the
// implementation writes, per case, ALiBi: "slopes" (one per head) and "bias" (b_h(i, j), head by
// head), T5: "bucket" and "bias" (one per key). Tolerances: proofs/score_biases.md section 6.
#pragma once

#include "golden.hpp"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace posprop::cli {

struct BiasTolerance {
  std::vector<double> slopes;  // ALiBi, per head
  std::vector<double> bias;    // per entry (head-major for ALiBi)
};

struct BiasGroup {
  std::string purpose;
  Params params;                   // completed
  int heads = 1;                   // ALiBi: num_heads (every head is in the vectors); T5: 1
  bool row_shift = false;          // ALiBi: rows are compared up to a constant
  std::vector<std::string> table;  // T5: the bias table, exact decimals
  std::vector<int> sigma;          // ALiBi: the slope error budget of each head, in units of u
};

struct BiasCase {
  int group = 0;
  double position = 0;       // the query position i
  std::vector<double> keys;  // the key positions j
  std::string purpose;
  std::vector<std::string> flags;
  std::vector<std::string> slopes;  // ALiBi: m_h, decimals
  std::vector<long long> bucket;    // T5: bucket(j - i)
  std::vector<std::string> bias;    // the reference bias, decimals
  std::optional<BiasTolerance> fp32;
  BiasTolerance fp64;
};

struct BiasFile {
  int version = 3;
  std::string encoder;
  bool alibi = true;  // else T5
  std::uint64_t seed = 1;
  int digits = 40;
  std::vector<BiasGroup> groups;
  std::vector<BiasCase> cases;
  /// The arrays an implementation writes per case.
  std::vector<std::string> outputs() const {
    return alibi ? std::vector<std::string>{"slopes", "bias"}
                 : std::vector<std::string>{"bucket", "bias"};
  }
};

/// Builds the vectors of a score-bias encoder: the requested query positions (and the extra
/// classes of r.extras), keys at the distances where the bias changes regime.
BiasFile make_bias_vectors(const GoldenRequest& r);

/// The T5 bias table of a group (its num_buckets and seed): exact doubles.
std::vector<double> t5_table(const BiasGroup& g);
/// Adds to every case the flags of the candidates it tells apart (bias_candidates.cpp).
void add_bias_evidence_flags(BiasFile& f);

void write_bias_json(std::ostream& os, const BiasFile& file);
BiasFile read_bias_json(const std::string& path);
/// "qk_transform" or "score_bias": the site a vectors file declares (version 1-2: qk_transform).
std::string vectors_site(const std::string& path);

/// One case's outputs at 100 digits (an implementation's, or a candidate's exact ones).
struct BiasOutputs {
  std::vector<Hp100> slopes, bias;
  std::vector<double> bucket;
  std::string non_finite;  // "" or the first non-finite output
};

struct BiasResult {
  int id = 0;
  bool pass = true;
  std::string non_finite;
  std::string worst;  // "bias h3 k5 2.1e+04" / "bucket k7 (got 17, expected 16)"
  double worst_ratio = 0;
};

/// Verify's rule for one case: every output finite, each slope within its bound of `ref`, each
/// bucket equal, each bias within its bound (ALiBi: up to one constant per head and case, the row
/// shift softmax ignores); tolerances times `scale`.
BiasResult judge_bias_case(const BiasFile& f, int id, const BiasOutputs& out,
                           const BiasOutputs& ref, const BiasTolerance& tol, double scale);
/// The reference outputs of case `id` at 100 digits.
BiasOutputs bias_reference(const BiasFile& f, int id);

/// A candidate explanation of score-bias outputs (candidates.hpp for qk_transform).
struct BiasCandidate {
  std::string flag, key, description;
  std::function<std::optional<BiasOutputs>(int id)> outputs;
};
std::vector<BiasCandidate> bias_candidates(const BiasFile& f);
/// The tolerance of a candidate's outputs: every bound is proportional to the magnitude of its
/// value (|tau| for T5, m_h D for ALiBi), so each entry scales by |candidate| / |reference|.
BiasTolerance candidate_tolerance(const BiasTolerance& tol, const BiasOutputs& ref,
                                  const BiasOutputs& cand);

/// `posprop verify` of a score-bias vectors file (bias_verify.cpp): read the outputs, judge every
/// selected case, diagnose.
struct VerifyRequest;
struct Diagnosis;
struct BiasVerification {
  std::string precision;
  std::vector<bool> judged;
  std::vector<BiasResult> results;   // judged cases
  std::vector<BiasOutputs> outputs;  // their outputs, in the same order
};
BiasVerification verify_bias(const BiasFile& file, const VerifyRequest& r);
Diagnosis diagnose_bias(const BiasFile& file, const BiasVerification& v, const VerifyRequest& r);
/// Reports: text, JUnit, JSON (the JSON's case records as for qk_transform files).
void print_bias_report(std::ostream& out, const BiasFile& file, const VerifyRequest& r,
                       const BiasVerification& v, const Diagnosis& d);
void write_bias_junit(std::ostream& out, const BiasFile& file, const BiasVerification& v);
void write_bias_json_report(std::ostream& out, const BiasFile& file, const VerifyRequest& r,
                            const BiasVerification& v, const Diagnosis& d);

}  // namespace posprop::cli
