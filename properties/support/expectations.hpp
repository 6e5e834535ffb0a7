// Expected failures are checked data: every id an encoder names is a linked property.
#pragma once

#include "posprop/registry.hpp"

#include <vector>

namespace posprop {

/// Every expected failure named by `entries` is a linked property, else std::logic_error naming
/// the encoder and the unknown id (a typo would otherwise turn an expected failure into an
/// expectation that silently never applies). Called where a matrix is formed: the CTest cell
/// binaries (so a typo fails the build) and `posprop check` / `report` (start-up).
void check_expectations(const std::vector<EncoderEntry>& entries);

}  // namespace posprop
