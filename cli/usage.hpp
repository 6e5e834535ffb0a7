// Usage text of the posprop command and the one-line hints printed after an error.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace posprop::cli {

/// `posprop help`: every command of the table with its summary, the environment, exit codes.
void print_usage(std::ostream& out);

/// A short usage hint for the command the user was running (args after the program name).
std::string usage_hint(const std::vector<std::string>& args);

}  // namespace posprop::cli
