// `posprop freqs ENCODER`: an encoder's spec quantities (inverse frequencies, attention factor,
// family quantities) at N significant digits, computed from the raw configuration at 100 digits.
#pragma once

#include <string>
#include <vector>

namespace posprop::cli {

extern const char* const kFreqsSynopsis;
int run_freqs(const std::vector<std::string>& args);

}  // namespace posprop::cli
