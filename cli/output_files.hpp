// The report files of `posprop check` (--json / --junit / --md): opened before the run, so an
// unwritable path is an input error up front, and "-" meaning stdout.
#pragma once

#include "args.hpp"

#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace posprop::cli {

class OutputFiles {
 public:
  /// Opens every requested file; throws InputError naming the option, path and reason.
  explicit OutputFiles(const CheckArgs& args);

  /// True when one of the reports goes to stdout (the readable table then goes to stderr).
  bool uses_stdout() const { return uses_stdout_; }

  /// Writes the report of `option` (if requested) with `write`; throws InputError on failure.
  void write(const std::string& option, const std::function<void(std::ostream&)>& write);

 private:
  struct Target {
    std::string option, path;
    std::unique_ptr<std::ofstream> file;  // null for stdout
  };
  std::vector<Target> targets_;
  bool uses_stdout_ = false;
};

}  // namespace posprop::cli
