// `posprop precision`: finite-precision study of the phase table (issue 5, proofs/precision.md).
#pragma once

#include <string>
#include <vector>

namespace posprop::cli {

extern const char* const kPrecisionSynopsis;
int run_precision(const std::vector<std::string>& args);

}  // namespace posprop::cli
