// Reading the files users hand to posprop (golden vectors, outputs, figures to inline).
#pragma once

#include <string>

namespace posprop::cli {

/// Reads a whole text file; throws InputError naming the option and file when it cannot.
std::string read_text_file(const std::string& option, const std::string& path);

}  // namespace posprop::cli
