// The files a posprop command writes (reports, golden vectors, figures). Nothing is lost:
// - an output that resolves (path, symlink or hard link) to an input of the run or to another
//   output is refused with an InputError before anything is written;
// - each output is written to a temporary file in its own directory and renamed over the target
//   only by commit(), once the whole run succeeded: a failed run (exception) or an interrupted
//   one (SIGINT, SIGTERM, SIGHUP) leaves the previous files untouched and no temporary behind;
// - "-" is stdout; an existing file that is not a regular file (/dev/null, a FIFO) is written
//   in place.
#pragma once

#include "args.hpp"

#include <csignal>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace posprop::cli {

/// Writes all of `bytes` to `fd`, through short writes and EINTR; false on any other error.
bool write_all(int fd, std::string_view bytes);

/// SIGINT, SIGTERM and SIGHUP: posprop's handlers of these remove its temporary files.
sigset_t output_signals();
/// In a process forked from posprop without exec (a --jobs worker): the default action instead
/// of those handlers, so that the child, when killed, removes nothing of its parent's. Block
/// output_signals() across the fork until this has run.
void drop_output_signal_handlers();

class OutputFiles {
 public:
  OutputFiles() = default;
  /// `posprop check`: the plugins are inputs, --json / --junit / --md outputs; opens them.
  explicit OutputFiles(const CheckArgs& args);
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;
  /// Removes every temporary file not committed.
  ~OutputFiles();

  /// An input file of the run: no output may resolve to it. Missing files are ignored here.
  void add_input(const std::string& option, const std::string& path);
  /// An output ("" = not requested, "-" = stdout); throws InputError when it resolves to an
  /// input or to an earlier output, or is a directory (checked by open()). Returns its handle
  /// for write(); -1 when not requested.
  int add_output(const std::string& option, const std::string& path);
  /// Creates the temporary files, so that an unwritable directory is an InputError before the
  /// run. Call after every add_output and after the inputs were validated.
  void open();

  /// True when an output goes to stdout (the human-readable text then goes to stderr).
  bool uses_stdout() const;
  /// Writes output `handle` (nothing for -1) with `write`; throws InputError on failure.
  void write(int handle, const std::function<void(std::ostream&)>& write);
  /// Writes the output of `option` (if requested).
  void write(const std::string& option, const std::function<void(std::ostream&)>& write);
  /// Renames every written temporary file over its target.
  void commit();

 private:
  struct Target {
    std::string option, path;
    std::string final_path;  // path with symlinks resolved: the file rename replaces
    std::string temp;        // "" for stdout and in-place files
    bool in_place = false;   // existing non-regular file: written directly
    int slot = -1;           // in the signal handler's list of temporaries
    bool written = false;
  };
  struct Input {
    std::string option, path;
  };
  std::vector<Input> inputs_;
  std::vector<Target> targets_;
};

/// Creates directory `dir` and its parents (an output directory of `option`); throws InputError.
void make_directories(const std::string& option, const std::string& dir);

}  // namespace posprop::cli
