// "meta/exact/<encoder>": a broken encoder must be invisible to every property that is not
// listed as catching it. Each applicable property outside the catches must give the verdict of
// the shipped encoder the broken one imitates (hold, or that encoder's own expected failure).
// With the meta/<property>/<encoder> cells this proves the catches are exact: e.g. ONLY
// spec.reference sees rope-exponent-i.
#pragma once

#include "posprop/registry.hpp"

#include <set>
#include <string>
#include <vector>

namespace posprop::meta {

/// Registers one Catch2 test "<prefix><encoder>" per entry of `rows` (entries whose
/// expected_failures are the whole row); `catches[i]` are the properties that the meta cells of
/// rows[i] already check, skipped here.
void register_exact_row_tests(const std::vector<EncoderEntry>& rows,
                              const std::vector<EncoderEntry>& catches, const std::string& prefix);

/// Appends the matching add_test() lines (labels meta, gate, family) to a CTest file.
int append_exact_row_ctest(const std::string& file, const std::string& binary);

}  // namespace posprop::meta
