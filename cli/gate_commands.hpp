// The CI-gate commands (issue 6): golden vectors, verifying an implementation's outputs against
// them, and the self-contained HTML / Markdown report. Each is one line in command_table.cpp.
#pragma once

#include <string>
#include <vector>

namespace posprop::cli {

extern const char* const kVectorsSynopsis;
extern const char* const kVerifySynopsis;
extern const char* const kReportSynopsis;

/// args[0] is the command name; returns 0 / 1, throws InputError (exit 2).
int run_vectors(const std::vector<std::string>& args);
int run_verify(const std::vector<std::string>& args);
int run_report(const std::vector<std::string>& args);

}  // namespace posprop::cli
