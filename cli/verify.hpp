// `posprop verify` in named steps, run in this order by verify_command.cpp: read the vectors and
// the implementation's outputs (verify_inputs.cpp), judge every case against its derived
// tolerance and check the outputs themselves (verify_checks.cpp), report as text and JUnit
// (verify_report.cpp).
#pragma once

#include "golden.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace posprop::cli {

/// Everything verify judges: the golden vectors and the implementation's outputs per case.
struct VerifyInputs {
  const EncoderEntry* entry = nullptr;
  std::string vectors_path, outputs_path;
  GoldenFile golden;
  std::string precision;         // "fp32" or "fp64": which tolerance applies
  std::vector<Vec<Hp100>> q, k;  // the implementation's q_out, k_out, indexed by case id
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

/// Reads both files; every case of the vectors file must have outputs of the right length.
/// `precision` is "" (the outputs file decides, default fp64), "fp32" or "fp64".
VerifyInputs read_inputs(const EncoderEntry& entry, const std::string& vectors_path,
                         const std::string& outputs_path, const std::string& precision);
/// read_inputs in two steps on texts already read, the paths naming them in messages (the
/// outputs are CSV when the path ends in .csv, else JSON): the vectors checked against `entry`,
/// then the outputs into `in` (tests/fuzz feeds both from memory).
VerifyInputs parse_vectors(const EncoderEntry& entry, const std::string& text,
                           const std::string& path);
void parse_outputs(const std::string& text, const std::string& path, const std::string& precision,
                   VerifyInputs& in);

/// Errors of every case against the reference and its tolerance (proofs/golden_vectors.md).
std::vector<CaseResult> judge_cases(const VerifyInputs& in);

/// Checks on the outputs themselves (norms, relativity) and diagnoses of what they match
/// (another layout, a scaling parameter ignored, fp32-only accuracy).
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

/// The decimal reference values as a 100-digit vector; doubles likewise (exactly).
Vec<Hp100> from_decimals(const std::vector<std::string>& v);
Vec<Hp100> from_doubles(const std::vector<double>& v);

}  // namespace posprop::cli
