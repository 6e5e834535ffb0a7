// `posprop claims`: the study-note ledger with verdicts computed from live property checks and
// interval certificates (properties/support/claims.hpp); exit 1 if one differs from the stated.
#pragma once

#include "args.hpp"

namespace posprop::cli {

/// Throws InputError for input problems (exit code 2).
int run_claims(const ClaimsArgs& args);

}  // namespace posprop::cli
