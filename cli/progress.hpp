// A progress line for long runs (posprop check / report): counts, percentage, elapsed time and
// an estimate of the time left, redrawn in place on stderr. Silent unless stderr is a terminal
// and CI is unset (or empty), so logs and pipes never see control characters.
#pragma once

#include "matrix.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace posprop::cli {

/// True when a progress line should be drawn: stderr is a TTY and $CI is unset or empty.
bool progress_wanted();

/// "[37/116]  32%  0:05 elapsed, ~0:11 left  rotation.group/rope" (no control characters).
std::string progress_text(std::size_t done, std::size_t total, double elapsed_seconds,
                          const std::string& current);

/// The callback for run_matrix: draws progress_text on stderr, clears it when done; nullptr
/// when progress_wanted() is false.
Progress terminal_progress();

}  // namespace posprop::cli
