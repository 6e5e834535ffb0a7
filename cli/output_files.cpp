#include "output_files.hpp"

#include "posprop/params.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace posprop::cli {
namespace {

// The temporary files alive now, for the handler of SIGINT / SIGTERM / SIGHUP (which may only
// use async-signal-safe calls: unlink, sigaction, raise).
constexpr int kSlots = 32;
char g_temp_paths[kSlots][PATH_MAX];
volatile std::sig_atomic_t g_temp_live[kSlots];

constexpr int kOutputSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_temporaries_and_die(int sig) {
  for (int i = 0; i < kSlots; ++i)
    if (g_temp_live[i]) unlink(g_temp_paths[i]);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigaction(sig, &dfl, nullptr);
  raise(sig);  // the default action: posprop ends as killed by `sig`, as it would have
}

void install_handlers() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (const int sig : kOutputSignals) {
    struct sigaction old {};
    sigaction(sig, nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;  // nohup: stay immune
    struct sigaction sa {};
    sa.sa_handler = remove_temporaries_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

/// Creates a temporary file from `temp` (ending in XXXXXX) and lists it for the signal handler,
/// with the signals blocked so that no temporary escapes the list; returns its slot.
int create_temporary(std::string& temp, mode_t mode) {
  install_handlers();
  const sigset_t block = output_signals();
  sigset_t old;
  sigprocmask(SIG_BLOCK, &block, &old);
  errno = 0;
  const int fd = mkostemp(temp.data(), O_CLOEXEC);
  const int saved_errno = errno;
  int slot = -1;
  for (int i = 0; fd >= 0 && i < kSlots && temp.size() < PATH_MAX; ++i) {
    if (g_temp_live[i]) continue;
    std::memcpy(g_temp_paths[i], temp.c_str(), temp.size() + 1);
    g_temp_live[i] = 1;
    slot = i;
    break;
  }
  if (fd >= 0) {
    fchmod(fd, mode);
    close(fd);
    if (slot < 0) unlink(temp.c_str());
  }
  sigprocmask(SIG_SETMASK, &old, nullptr);
  errno = fd < 0 ? saved_errno : 0;
  return fd < 0 ? -1 : slot < 0 ? -2 : slot;
}

struct Identity {
  std::string canonical;  // absolute, symlinks of the existing part resolved
  bool exists = false;
  struct stat st {};
};

Identity identify(const std::string& path) {
  Identity id;
  std::error_code ec;
  id.canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  if (ec) id.canonical = path;
  id.exists = stat(path.c_str(), &id.st) == 0;
  return id;
}

bool same_file(const Identity& a, const Identity& b) {
  return a.canonical == b.canonical ||
         (a.exists && b.exists && a.st.st_dev == b.st.st_dev && a.st.st_ino == b.st.st_ino);
}

std::string reason() {
  return errno ? std::strerror(errno) : "unknown error";
}

}  // namespace

bool write_all(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

sigset_t output_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int sig : kOutputSignals) sigaddset(&set, sig);
  return set;
}

void drop_output_signal_handlers() {
  for (const int sig : kOutputSignals) {
    struct sigaction current {};
    sigaction(sig, nullptr, &current);
    if (current.sa_handler != remove_temporaries_and_die) continue;  // ignored (nohup) stays
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, nullptr);
  }
}

OutputFiles::OutputFiles(const CheckArgs& args) {
  for (const std::string& plugin : args.plugins) add_input("--plugin", plugin);
  if (!args.model.hf_config.empty()) add_input("--hf-config", args.model.hf_config);
  add_output("--json", args.json_file);
  add_output("--junit", args.junit_file);
  add_output("--md", args.md_file);
  open();
}

OutputFiles::~OutputFiles() {
  for (Target& t : targets_) {
    if (t.slot < 0) continue;
    unlink(t.temp.c_str());
    g_temp_live[t.slot] = 0;
  }
}

void OutputFiles::add_input(const std::string& option, const std::string& path) {
  if (!path.empty() && path != "-") inputs_.push_back({option, path});
}

int OutputFiles::add_output(const std::string& option, const std::string& path) {
  if (path.empty()) return -1;
  for (const Target& t : targets_) {
    if (path == "-" && t.path == "-")
      throw InputError("options '" + t.option + "' and '" + option +
                       "' both write to '-' (stdout)");
  }
  targets_.push_back({option, path, "", "", false, -1, false});
  return static_cast<int>(targets_.size()) - 1;
}

void OutputFiles::open() {
  std::vector<std::pair<Identity, std::string>> seen;  // file, "the input --vectors 'g.json'"
  for (const Input& in : inputs_)
    seen.emplace_back(identify(in.path), "the input " + in.option + " '" + in.path + "'");
  for (Target& t : targets_) {
    if (t.path == "-") continue;
    const Identity id = identify(t.path);
    for (const auto& [other, what] : seen) {
      if (same_file(id, other))
        throw InputError("option '" + t.option + "' file '" + t.path + "' is the same file as " +
                         what + ": refused, nothing was written");
    }
    seen.emplace_back(id, "the output " + t.option + " '" + t.path + "'");
    if (id.exists && S_ISDIR(id.st.st_mode))
      throw InputError("cannot write " + t.option + " file '" + t.path + "': it is a directory");
    t.final_path = id.canonical;
    t.in_place = id.exists && !S_ISREG(id.st.st_mode);
  }
  const mode_t mask = umask(0);
  umask(mask);
  for (Target& t : targets_) {
    if (t.path == "-" || t.in_place) continue;
    const std::filesystem::path target(t.final_path);
    std::string temp =
        (target.parent_path() / ("." + target.filename().string() + ".posprop-XXXXXX"));
    struct stat st {};
    const bool exists = stat(t.final_path.c_str(), &st) == 0;
    const int slot = create_temporary(temp, exists ? (st.st_mode & 07777) : (0666 & ~mask));
    if (slot == -2)
      throw InputError("too many output files (at most " + std::to_string(kSlots) + ")");
    if (slot < 0)
      throw InputError("cannot write " + t.option + " file '" + t.path + "': " + reason());
    t.temp = temp;
    t.slot = slot;
  }
}

bool OutputFiles::uses_stdout() const {
  for (const Target& t : targets_)
    if (t.path == "-") return true;
  return false;
}

void OutputFiles::write(const std::string& option,
                        const std::function<void(std::ostream&)>& write) {
  for (std::size_t i = 0; i < targets_.size(); ++i)
    if (targets_[i].option == option) this->write(static_cast<int>(i), write);
}

void OutputFiles::write(int handle, const std::function<void(std::ostream&)>& write) {
  if (handle < 0) return;
  Target& t = targets_.at(static_cast<std::size_t>(handle));
  if (t.path == "-") {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw InputError("error writing " + t.option + " to stdout");
    t.written = true;
    return;
  }
  std::ostringstream text;
  write(text);
  const std::string& file = t.in_place ? t.path : t.temp;
  errno = 0;
  const int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC | (t.in_place ? 0 : O_TRUNC));
  bool ok = fd >= 0 && write_all(fd, text.str());
  ok = ok && (t.in_place || fsync(fd) == 0);
  if (fd >= 0 && close(fd) != 0) ok = false;
  if (!ok) throw InputError("error writing " + t.option + " file '" + t.path + "': " + reason());
  t.written = true;
}

void OutputFiles::commit() {
  for (Target& t : targets_) {
    if (t.slot < 0) continue;
    if (!t.written) {  // requested but never produced: leave the previous file alone
      unlink(t.temp.c_str());
    } else if (std::rename(t.temp.c_str(), t.final_path.c_str()) != 0) {
      throw InputError("cannot replace " + t.option + " file '" + t.path + "': " + reason());
    }
    g_temp_live[t.slot] = 0;
    t.slot = -1;
  }
}

void make_directories(const std::string& option, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw InputError("option '" + option + "': cannot create directory '" + dir +
                     "': " + ec.message());
}

}  // namespace posprop::cli
