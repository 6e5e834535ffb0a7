// The define function of every command (command_table.hpp): declares the command's options on
// `app` and returns its action. Each lives in <name>_command.cpp.
#pragma once

#include "command_table.hpp"

namespace posprop::cli {

Action define_list(CLI::App& app);
Action define_check(CLI::App& app);
Action define_claims(CLI::App& app);
Action define_freqs(CLI::App& app);
Action define_vectors(CLI::App& app);
Action define_verify(CLI::App& app);
Action define_diff(CLI::App& app);
Action define_report(CLI::App& app);
Action define_precision(CLI::App& app);
Action define_looseness(CLI::App& app);
Action define_bound(CLI::App& app);

}  // namespace posprop::cli
