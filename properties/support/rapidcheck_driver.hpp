// Runs a RapidCheck property with an explicit test id, so that the reproduce string RapidCheck
// prints really replays the failure (the Debian Catch adapter passes no id: with it, every
// RC_PARAMS="reproduce=..." silently passes with zero tests; toolchain-pitfalls.md).
#pragma once

#include "support/property.hpp"

#include <rapidcheck.h>

#include <string>

namespace posprop {

struct RunOutcome {
  enum Kind { success, failure, gave_up, error } kind = error;
  int cases = 0;
  std::string message;    // RapidCheck's description (failure, give-up or error)
  std::string reproduce;  // value for RC_PARAMS="reproduce=..." (failures only)
};

/// The seed in force: RC_PARAMS from the environment wins over options.seed.
rc::detail::TestParams test_params(const CheckOptions& options);

RunOutcome run_property(const rc::detail::Property& property, const CheckOptions& options);

template <class Testable>
RunOutcome run_rapidcheck(Testable&& testable, const CheckOptions& options) {
  return run_property(rc::detail::toProperty(std::forward<Testable>(testable)), options);
}

}  // namespace posprop
