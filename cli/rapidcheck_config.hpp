// RapidCheck's global configuration as the posprop command uses it: RC_PARAMS validated as user
// input (a malformed value is exit code 2, not RapidCheck's exit(1)), loaded without its
// "Using configuration" banner, and notes telling the user which flags it overrides.
#pragma once

#include <string>
#include <vector>

namespace posprop::cli {

/// Validates RC_PARAMS (throws InputError) and loads RapidCheck's configuration quietly.
void load_rapidcheck_configuration();

/// One line per way RC_PARAMS changes the run (empty when RC_PARAMS is unset).
std::vector<std::string> rapidcheck_notes();

}  // namespace posprop::cli
