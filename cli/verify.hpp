// `posprop verify` in named steps, run in this order by verify_command.cpp: read the vectors and
// the implementation's outputs (verify_inputs.cpp), judge every selected case against its
// derived tolerance and check the outputs themselves (verify_checks.cpp), name the candidate
// explanation the outputs fit (verify_diagnosis.cpp), report as text, JUnit (verify_report.cpp)
// and JSON (verify_json.cpp).
#pragma once

#include "golden.hpp"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace posprop::cli {

/// Everything verify judges: the golden vectors and the implementation's outputs per case.
struct VerifyInputs {
  const EncoderEntry* entry = nullptr;
  std::string vectors_path, outputs_path;
  GoldenFile golden;
  std::string precision;          // "fp32" or "fp64": which tolerance applies
  std::string selection = "all";  // --cases as given
  std::vector<bool> judged;       // per case id: selected by --cases (or a selected case's key)
  std::vector<Vec<Hp100>> q, k;   // the implementation's q_out, k_out per case id (judged ones)
  // Per case id: "" or the implementation's first non-finite output ("q_out[3] is NaN"); such a
  // case fails whatever its errors.
  std::vector<std::string> non_finite;
  bool fp32() const { return precision == "fp32"; }
};

struct CaseResult {
  int id = 0;
  double err_q = 0, err_k = 0, err_score = 0;
  double ulps = 0;      // max-norm error in ulps of the largest exact component (q and k)
  double tol_ulps = 0;  // the tolerance in the same unit
  CaseTolerance tol;
  bool fp32_ok = true;  // within the fp32 tolerance (when it exists)
  // Pair-rotating encoders (per-pair tolerances): the worst pair over q_out and k_out, its
  // error / tolerance, and whether every pair and every copied coordinate is within its bound.
  int worst_pair = -1;
  char worst_vector = 'q';
  double worst_pair_ratio = 0;
  bool pairs_ok = true;
  std::string non_finite;  // VerifyInputs::non_finite
  bool pass() const {
    return non_finite.empty() && pairs_ok && err_q <= tol.q && err_k <= tol.k &&
           err_score <= tol.score;
  }
};

struct CheckResult {
  std::string name, detail;
  bool ok = true;
  bool diagnosis_only = false;  // informative (a layout/scaling match), not part of the verdict
};

/// An outputs file: per output name ("q_out", "k_out"; score biases "slopes", "bucket",
/// "bias"), per case id, the values; and the precision it declares ("" if none).
struct OutputsFile {
  std::string precision;
  std::map<std::string, std::map<int, std::vector<double>>> named;
};
/// Reads JSON or (*.csv) CSV outputs with the arrays `names` (outputs_file.cpp).
OutputsFile read_outputs_file(const std::string& path, const std::vector<std::string>& names);

/// What verify is asked to do.
struct VerifyRequest {
  std::string vectors_path, outputs_path;
  std::string precision;          // "" (the outputs file decides, default fp64), fp32 or fp64
  std::string selection = "all";  // --cases
};

/// Reads the outputs for the golden vectors `golden` (already read, for `entry`); every judged
/// case must have outputs of the right length.
VerifyInputs read_inputs(const EncoderEntry& entry, GoldenFile golden, const VerifyRequest& r);

/// Errors of every judged case against the reference and its tolerance
/// (proofs/golden_vectors.md).
std::vector<CaseResult> judge_cases(const VerifyInputs& in);

/// Which candidate explanations (candidates.hpp) the outputs fit (verify_diagnosis.cpp).
struct Diagnosis {
  bool declared_fits = true;  // every judged case passed
  struct Match {
    std::string flag, key, description;
  };
  std::vector<Match> matches;      // candidates every applicable judged case fits
  std::vector<std::string> tried;  // keys of every candidate tried
};
Diagnosis diagnose(const VerifyInputs& in, const std::vector<CaseResult>& cases);
/// The diagnosis as checks (diagnosis only, never part of the verdict); `declared` lists the
/// declared parameters for the message when they fit.
std::vector<CheckResult> diagnosis_checks(const Diagnosis& d, const std::string& declared = "");
/// "layout = half_split, rope_theta = 10000": the declared parameters of the first group.
std::string declared_text(const VerifyInputs& in);

/// Checks on the outputs themselves (magnitude or norms, relativity, fp32-only accuracy).
std::vector<CheckResult> check_outputs(const VerifyInputs& in,
                                       const std::vector<CaseResult>& cases);

/// True when every case passed and every check that is part of the verdict passed.
bool verdict(const std::vector<CaseResult>& cases, const std::vector<CheckResult>& checks);

/// The readable report: one line per case, the checks, the verdict.
void print_report(std::ostream& out, const VerifyInputs& in, const std::vector<CaseResult>& cases,
                  const std::vector<CheckResult>& checks);
/// A JUnit XML report: one testcase per case and per check.
void write_junit_report(std::ostream& out, const VerifyInputs& in,
                        const std::vector<CaseResult>& cases,
                        const std::vector<CheckResult>& checks);
/// The machine-readable report (verify --json): per-case verdicts, checks, diagnosis.
void write_json_report(std::ostream& out, const VerifyInputs& in,
                       const std::vector<CaseResult>& cases, const std::vector<CheckResult>& checks,
                       const Diagnosis& diagnosis);

}  // namespace posprop::cli
