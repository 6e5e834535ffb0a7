// Registers one Catch2 test case per (property, encoder) pair, named "<property>/<encoder>",
// and writes the matching CTest file: one add_test per property in the default tier (its cells,
// "<property>/*", in one process, with the union of their labels), one per pair in the soak tier.
#pragma once

#include "posprop/registry.hpp"

#include <string>
#include <vector>

namespace posprop {

/// `prefix` is prepended to test names ("" for the matrix, "meta/" for broken encoders); with
/// `only_expected_failures`, only the pairs an encoder declares it must fail are registered.
void register_cell_tests(const std::vector<EncoderEntry>& encoders, const std::string& prefix,
                         bool only_expected_failures = false);

/// Catch2 main: handles --posprop-ctest FILE BINARY [soak] then runs Catch.
int run_catch_main(int argc, char** argv);

}  // namespace posprop
