// The property model (DESIGN.md sections 1-2): a stable id, a one-line statement, the proof
// that explains it, which encoders it applies to, and a check that runs it under RapidCheck
// with the precision-ladder verdict rule.
#pragma once

#include "posprop/registry.hpp"
#include "support/coverage.hpp"

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace posprop {

/// A residual (>= 0, zero exactly when the statement holds on the input) and the derived bound
/// on the rounding error of computing it: "holds on this input" iff residual <= tolerance.
struct Measurement {
  double residual = 0;
  double tolerance = 0;
  bool within() const { return residual <= tolerance; }  // false for a NaN residual
  /// residual / tolerance; a NaN residual (or tolerance) is the worst of all, so that worst()
  /// keeps it instead of a finite component.
  double ratio() const {
    if (std::isnan(residual) || std::isnan(tolerance)) return HUGE_VAL;
    return tolerance > 0 ? residual / tolerance : (residual > 0 ? 1e300 : 0);
  }
};

/// The component with the largest residual / tolerance ratio (for properties with several parts).
inline Measurement worst(Measurement a, Measurement b) {
  return a.ratio() >= b.ratio() ? a : b;
}

struct PropertyInfo {
  std::string id;         // "area.name"
  std::string area;       // CTest label
  std::string statement;  // one sentence
  std::string proof;      // path under proofs/
};

struct CheckOptions {
  std::string test_id;  // RapidCheck TestMetadata id; RC_PARAMS reproduce= is keyed by it
  std::uint64_t seed = 0;
  /// Random cases (RapidCheck); 0 = the boundary inputs only.
  int cases = 100;
  int max_size = 100;
  /// The high-precision rung used for every case: 50 or 100 digits (counterexamples are always
  /// re-evaluated at 100).
  int hp_digits = 50;
};

/// A minimised counterexample, re-evaluated up the ladder.
struct Counterexample {
  std::vector<std::pair<std::string, std::string>> values;  // name -> value (17 digits)
  Measurement at_double, at_hp50, at_hp100;
  std::string residual_hp100;  // 30 significant digits
  /// r_hp100 > tol_hp100: the statement fails in exact arithmetic on these exact inputs.
  bool structural = false;
  /// r_double agrees with r_hp100 within the double bound: the failure is visible in double.
  bool ladder_stable = false;
  /// Rigorous lower bound of the exact residual from 50-digit interval arithmetic (MPFI);
  /// certified iff > 0: the counterexample is then a proof, not a rounding artefact.
  double residual_lower_bound = 0;
  /// What the lower bound must exceed: 0, or for a double-only (plugin) encoder the double
  /// tolerance, since its exact outputs are not exact maps (proofs/plugins.md).
  double certified_above = 0;
  bool certified = false;
  std::string reproduce;  // RC_PARAMS value; empty for a boundary input (rerun the cell)
  /// Which input: "random case 3 of 100, shrunk by RapidCheck" or "boundary case 2 of 21 ...".
  std::string origin;
};

enum class Verdict { hold, fail, error };
const char* to_string(Verdict v);

struct CellResult {
  std::string encoder, property;
  Expect expected = Expect::hold;
  Verdict verdict = Verdict::error;
  int cases = 0;
  double max_residual_double = 0, max_residual_hp = 0;
  std::optional<Counterexample> counterexample;
  std::string message;  // error text, RapidCheck's description, or what a MISSED cell searched
  /// What the cell exercised: dims, positions, parameter ranges, random and boundary cases.
  Coverage coverage;
  /// Verdict equals expectation; an expected failure also needs a counterexample that is
  /// structural (persists at 100 digits) and certified (interval lower bound > 0).
  bool as_expected() const;
};

class Property {
 public:
  virtual ~Property() = default;
  virtual const PropertyInfo& info() const = 0;
  virtual bool applies_to(const EncoderEntry& encoder) const = 0;
  virtual CellResult check(const EncoderEntry& encoder, const CheckOptions& options) const = 0;
  /// What the cell's boundary inputs alone exercise (nothing is measured): every run of the cell
  /// that does not stop at a counterexample reaches at least this, whatever the seed and the
  /// case count.
  virtual Coverage boundary_coverage(const EncoderEntry& /*encoder*/) const { return {}; }
};

/// Every linked property, sorted by id.
std::vector<const Property*> properties();
const Property& find_property(const std::string& id);
void register_property(std::unique_ptr<Property> property);

/// The suite's default seed (CI and ctest); RC_PARAMS set by the user wins.
constexpr std::uint64_t kDefaultSeed = 20261128;

}  // namespace posprop
