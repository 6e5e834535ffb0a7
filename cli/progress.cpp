#include "progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace posprop::cli {
namespace {

std::string clock_text(double seconds) {
  const long s = std::lround(std::fmax(seconds, 0.0));
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

bool progress_wanted() {
  const char* ci = std::getenv("CI");
  return isatty(STDERR_FILENO) && (ci == nullptr || *ci == '\0');
}

std::string progress_text(std::size_t done, std::size_t total, double elapsed,
                          const std::string& current) {
  const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  std::string text =
      fmt::format("[{}/{}] {:3}%", done, total, static_cast<int>(std::floor(100 * fraction)));
  constexpr int kWidth = 20;
  const int filled = static_cast<int>(std::floor(kWidth * fraction));
  text += " [" + std::string(static_cast<std::size_t>(filled), '#') +
          std::string(static_cast<std::size_t>(kWidth - filled), '.') + "] ";
  text += clock_text(elapsed) + " elapsed";
  if (done > 0 && done < total) {
    // Cells differ in cost; the mean so far is the estimate (refined at every cell).
    text += ", ~" +
            clock_text(elapsed / static_cast<double>(done) * static_cast<double>(total - done)) +
            " left";
  }
  if (!current.empty()) text += "  " + current;
  return text;
}

Progress terminal_progress() {
  if (!progress_wanted()) return nullptr;
  const auto start =
      std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  return [start](std::size_t done, std::size_t total, const MatrixCell& cell) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - *start).count();
    std::string line = progress_text(done, total, elapsed, cell.test_id());
    if (line.size() > 110) line = line.substr(0, 110);
    std::cerr << "\r\033[K" << line << (done == total ? "\r\033[K" : "") << std::flush;
  };
}

}  // namespace posprop::cli
