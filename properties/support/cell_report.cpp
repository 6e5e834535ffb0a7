#include "support/cell_report.hpp"

#include <rapidcheck/detail/Configuration.h>

#include <cstdlib>
#include <random>
#include <sstream>

namespace posprop {

namespace {
std::string fmt(double x) {
  std::ostringstream os;
  os.precision(17);
  os << x;
  return os.str();
}
std::string measurement(const Measurement& m) {
  return "residual " + fmt(m.residual) + " (tolerance " + fmt(m.tolerance) + ")";
}
}  // namespace

std::string describe_cell(const CellResult& cell, const std::string& test_command) {
  std::ostringstream os;
  os << cell.property << " on " << cell.encoder << ": expected " << to_string(cell.expected)
     << ", verdict " << to_string(cell.verdict) << " after " << cell.cases << " case(s)"
     << (cell.as_expected() ? " -- as expected" : " -- NOT AS EXPECTED") << '\n';
  const bool missed = cell.expected == Expect::fail && !cell.as_expected();
  if (!cell.message.empty() && (cell.verdict == Verdict::error || missed))
    os << "  " << cell.message << '\n';
  if (cell.coverage.random_cases + cell.coverage.boundary_cases > 0)
    os << "  exercised: " << cell.coverage.summary() << '\n';
  if (cell.counterexample) {
    const Counterexample& cx = *cell.counterexample;
    os << "  minimised counterexample (17 significant digits):\n";
    for (const auto& [name, value] : cx.values) os << "    " << name << " = " << value << '\n';
    os << "  double: " << measurement(cx.at_double) << '\n';
    os << "  hp50:   " << measurement(cx.at_hp50) << '\n';
    os << "  hp100:  " << measurement(cx.at_hp100) << '\n';
    os << "  "
       << (cx.structural ? "structural failure: the residual stays at 100 digits"
                         : "NOT structural: the residual vanishes at 100 digits "
                           "(a precision failure of the double path)")
       << (cx.ladder_stable ? ", stable across the ladder" : ", not stable across the ladder")
       << '\n';
    os << "  interval certificate: exact residual >= " << fmt(cx.residual_lower_bound)
       << (cx.certified_above > 0
               ? (cx.certified
                      ? " > " + fmt(cx.certified_above) + ", the double tolerance (certified)"
                      : " (NOT certified: not above the double tolerance " +
                            fmt(cx.certified_above) + ")")
               : (cx.certified ? " > 0 (certified)" : " (NOT certified: the enclosure contains 0)"))
       << '\n';
    if (!cx.origin.empty()) os << "  found by: " << cx.origin << '\n';
    // A boundary input is deterministic: re-running the cell replays it.
    if (cx.reproduce.empty()) {
      os << "  reproduce: " << test_command << '\n';
    } else {
      os << "  reproduce: RC_PARAMS=\"reproduce=" << cx.reproduce << "\" " << test_command << '\n';
    }
  }
  return os.str();
}

CheckOptions tier_options(const std::string& test_id) {
  CheckOptions options;
  options.test_id = test_id;
  options.seed = kDefaultSeed;
  options.cases = kGateCases;
  const char* tier = std::getenv("POSPROP_TIER");
  if (tier != nullptr && std::string(tier) == "soak") {
    // RapidCheck's own seed: random unless RC_PARAMS sets one, and printed in "Using
    // configuration", so that RC_PARAMS="seed=N" replays a soak run.
    options.seed = rc::detail::configuration().testParams.seed;
    const char* cases = std::getenv("POSPROP_SOAK_CASES");
    options.cases = cases ? std::atoi(cases) : 2000;
    if (options.cases <= 0) options.cases = 2000;
  }
  return options;
}

}  // namespace posprop
