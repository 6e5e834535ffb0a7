// The study-note ledger (CLAIMS.md S1..S18): each claim, the evidence that settles it, and its
// verdict COMPUTED from live property checks and interval certificates.
//
// Each evidence item declares what must be observed (a property holding, a property failing with
// a certified counterexample, or a certificate certifying) and its role:
//   supports   -- consistent with the claim as written;
//   refutes    -- contradicts the claim within its own setting;
//   hypothesis -- contradicts the claim only when a hypothesis the note leaves implicit is dropped.
// Computed verdict: any item not observed as declared -> "inconsistent"; not a mathematical
// statement -> "out-of-scope" (its precise restatement is what the items check); any refuting item
// -> "partly" if some item supports, else "refuted"; any hypothesis item ->
// "holds-with-hypotheses"; else "holds".
#pragma once

#include "certificate.hpp"
#include "support/property.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace posprop {

enum class Role { supports, refutes, hypothesis };
const char* to_string(Role r);

struct Evidence {
  Role role = Role::supports;
  // A cell (property on encoder) with the verdict that must be observed, or a certificate id.
  std::string property, encoder;
  Expect expect = Expect::hold;
  std::string certificate;
  std::string note;  // why this item bears on the claim
};

struct Claim {
  std::string id;         // "S1"
  std::string claim;      // paraphrase (CLAIMS.md)
  std::string stated;     // the verdict the ledger states
  std::string corrected;  // the precise statement that holds (or the restatement checked)
  std::string proof;      // proofs/*.md
  bool mathematical = true;
  std::vector<Evidence> evidence;
};

const std::vector<Claim>& ledger();

struct EvidenceResult {
  const Evidence* evidence = nullptr;
  bool as_declared = false;
  std::string observed;  // "holds", "fails (certified counterexample)", "certified", ...
  std::optional<CellResult> cell;
  std::optional<CertificateResult> certificate;
};

struct ClaimResult {
  const Claim* claim = nullptr;
  std::string computed;
  std::vector<EvidenceResult> evidence;
  bool agrees() const { return computed == claim->stated; }
};

/// Runs the evidence of every claim (cells shared between claims run once) and derives verdicts.
std::vector<ClaimResult> evaluate_ledger(const CheckOptions& options);

/// Consistency of the ledger with the registry: every cell exists, applies, and its registry
/// expectation equals the declared one. Returns the problems (empty when consistent).
std::vector<std::string> ledger_problems();

}  // namespace posprop
