// Reading the files users hand to posprop (golden vectors, outputs).
#pragma once

#include <cstddef>
#include <string>

namespace posprop::cli {

/// The size limit of an input file (README, "Outputs, exit codes and limits"): far above any
/// vectors or outputs file posprop asks for, low enough that a wrong path (/dev/zero, a disk
/// image) ends with a message instead of exhausting memory.
constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

/// Reads a whole text file of at most kMaxInputBytes, in bounded chunks (a device or FIFO that
/// never ends is cut at the limit); throws InputError naming the option, the file and the
/// reason (cannot open, read error, too large).
std::string read_text_file(const std::string& option, const std::string& path);

}  // namespace posprop::cli
