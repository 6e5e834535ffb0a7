// Spawning and talking to posprop-plugin-worker (plugin_worker_link.hpp).
#include "plugin_worker_link.hpp"

#include "posprop/params.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <new>

extern char** environ;

namespace posprop::plugin_ipc {
namespace {

bool executable(const std::string& path) {
  return !path.empty() && access(path.c_str(), X_OK) == 0;
}

/// $POSPROP_PLUGIN_WORKER, else next to the running executable, else where the build put it.
std::string worker_executable() {
  if (const char* env = std::getenv("POSPROP_PLUGIN_WORKER"); env && *env) {
    if (!executable(env)) {
      throw InputError(std::string("POSPROP_PLUGIN_WORKER='") + env + "' is not executable");
    }
    return env;
  }
  char self[PATH_MAX + 1] = {};
  const ssize_t n = readlink("/proc/self/exe", self, PATH_MAX);
  if (n > 0) {
    std::string dir(self, static_cast<std::size_t>(n));
    dir.resize(dir.rfind('/') + 1);
    if (executable(dir + "posprop-plugin-worker")) return dir + "posprop-plugin-worker";
  }
  if (executable(POSPROP_PLUGIN_WORKER_PATH)) return POSPROP_PLUGIN_WORKER_PATH;
  throw InputError(
      "cannot find posprop-plugin-worker (the process plugins run in) next to this program or "
      "at " POSPROP_PLUGIN_WORKER_PATH "; set POSPROP_PLUGIN_WORKER to its path");
}

/// The signals the worker must see with their default action whatever posprop did with them.
sigset_t default_signals() {
  sigset_t s;
  sigemptyset(&s);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2})
    sigaddset(&s, sig);
  return s;
}

pid_t spawn(const std::string& exe, const std::string& library, int child_sock, int child_mem) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, 2, 1);  // plugin output never reaches posprop's stdout
  posix_spawn_file_actions_adddup2(&fa, child_sock, kSocketFd);
  posix_spawn_file_actions_adddup2(&fa, child_mem, kMemoryFd);
  posix_spawn_file_actions_addclosefrom_np(&fa, kMemoryFd + 1);  // posprop's output files too
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  const sigset_t defaults = default_signals();
  posix_spawnattr_setsigdefault(&attr, &defaults);
  std::string parent = std::to_string(getpid());
  char* argv[] = {const_cast<char*>(exe.c_str()), parent.data(), const_cast<char*>(library.c_str()),
                  nullptr};
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, exe.c_str(), &fa, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw InputError("cannot start " + exe + ": " + std::strerror(rc));
  return pid;
}

}  // namespace

std::int64_t monotonic_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

WorkerLink::WorkerLink(const std::string& library) {
  const std::string exe = worker_executable();
  memfd_ = memfd_create("posprop-plugin", MFD_CLOEXEC);
  if (memfd_ < 0 || ftruncate(memfd_, static_cast<off_t>(kMemoryBytes)) != 0) {
    throw InputError(std::string("cannot create the plugin worker's shared memory: ") +
                     std::strerror(errno));
  }
  void* m = mmap(nullptr, kMemoryBytes, PROT_READ | PROT_WRITE, MAP_SHARED, memfd_, 0);
  if (m == MAP_FAILED) {
    throw InputError(std::string("cannot map the plugin worker's memory: ") + strerror(errno));
  }
  memory_ = static_cast<unsigned char*>(m);
  new (memory_) Control();
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    throw InputError(std::string("cannot create the plugin worker's socket: ") + strerror(errno));
  }
  sock_ = sv[0];
  // The worker's ends above 4, so that no dup2 of the spawn clobbers a source.
  const int child_sock = fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
  const int child_mem = fcntl(memfd_, F_DUPFD_CLOEXEC, 10);
  close(sv[1]);
  try {
    pid_ = spawn(exe, library, child_sock, child_mem);
  } catch (...) {
    close(child_sock);
    close(child_mem);
    throw;
  }
  close(child_sock);
  close(child_mem);
}

WorkerLink::~WorkerLink() {
  finish();
  if (sock_ >= 0) close(sock_);
  if (memfd_ >= 0) close(memfd_);
  if (memory_) munmap(memory_, kMemoryBytes);
}

void WorkerLink::stop() {
  if (pid_ > 0 && !has_ended()) {
    const Request quit{kMagic, 0, Op::quit, Function::query, 0, 0};
    send(quit);
  }
  finish();
}

bool WorkerLink::has_ended() const {
  if (pid_ <= 0) return true;
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid_;
}

void WorkerLink::finish() {
  if (pid_ <= 0) return;
  // The group id stays reserved while the (possibly zombie) leader is unreaped.
  kill(-pid_, SIGKILL);
  kill(pid_, SIGKILL);
  while (waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

bool WorkerLink::send(const Request& request) {
  const auto* p = reinterpret_cast<const char*>(&request);
  std::size_t n = sizeof request;
  while (n > 0) {
    const ssize_t w = ::send(sock_, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

Ending WorkerLink::after_hangup(std::int64_t grace_ns) {
  // A plugin that called exit() closes the socket a moment before it can be reaped.
  const std::int64_t until = monotonic_ns() + grace_ns;
  while (monotonic_ns() < until) {
    if (has_ended()) {
      finish();
      return Ending::died;
    }
    const timespec ms{0, 1000000};
    nanosleep(&ms, nullptr);
  }
  finish();
  return Ending::hung_up;
}

void WorkerLink::set_receive_slice(std::int64_t ns) {
  if (ns == slice_ns_) return;
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ns / 1000000000);
  tv.tv_usec = static_cast<suseconds_t>(ns % 1000000000 / 1000);
  setsockopt(sock_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  slice_ns_ = ns;
}

Ending WorkerLink::wait(std::uint32_t seq, std::int64_t limit_ns, std::int64_t cap_ns,
                        Reply& reply) {
  const std::int64_t sent = monotonic_ns();
  // recv sleeps at most a slice, then the deadline and the worker's end are checked: a worker
  // whose socket is still held open by a process the plugin forked gives no end-of-file.
  set_receive_slice(std::clamp<std::int64_t>(limit_ns / 4, 1000000, 100000000));
  char buf[sizeof(Reply)];
  std::size_t got = 0;
  for (;;) {
    const ssize_t r = recv(sock_, buf + got, sizeof buf - got, 0);
    if (r > 0) {
      got += static_cast<std::size_t>(r);
      if (got < sizeof buf) continue;
      std::memcpy(&reply, buf, sizeof reply);
      if (reply.magic == kMagic && reply.seq == seq) return Ending::reply;
      finish();
      return Ending::garbage;
    }
    if (r == 0) return after_hangup(std::min<std::int64_t>(limit_ns, 2000000000));
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return after_hangup(0);
    // Read the clock before the call's start: a call that began before `now` is then seen.
    const std::int64_t now = monotonic_ns();
    // The start comes from the worker's memory, which the plugin can overwrite: bounded by the
    // whole wait's cap, computed without overflow.
    const std::int64_t anchor = std::max(sent, control().call_started_ns.load());
    const std::int64_t cap_end = sent + cap_ns;
    if (now >= (anchor > cap_end - limit_ns ? cap_end : anchor + limit_ns)) {
      finish();
      return Ending::timed_out;
    }
    if (has_ended()) {
      finish();
      return Ending::died;
    }
  }
}

std::string WorkerLink::death() const {
  if (WIFSIGNALED(status_)) {
    const int sig = WTERMSIG(status_);
    const char* abbrev = sigabbrev_np(sig);
    return std::string("killed by ") +
           (abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig));
  }
  if (WIFEXITED(status_)) return "exited with status " + std::to_string(WEXITSTATUS(status_));
  return "ended (wait status " + std::to_string(status_) + ")";
}

std::string describe_ending(const WorkerLink& worker, Ending ending, double timeout_seconds,
                            const char* doing) {
  switch (ending) {
    case Ending::died:
      if (worker.control().channel_lost.load() == 1) {
        return "closed or broke its connection to posprop (fd 3); the worker " + worker.death();
      }
      return worker.death();
    case Ending::timed_out: {
      const std::string s = to_decimal(timeout_seconds);
      return std::string("did not ") + doing + " within " + s +
             (s == "1" ? " second" : " seconds") + " (killed; --plugin-timeout)";
    }
    case Ending::hung_up:
      return "closed its connection to posprop (fd 3) and kept running (killed)";
    case Ending::garbage:
      return "wrote bytes that are not a worker reply to its connection to posprop (fd 3) (killed)";
    case Ending::reply:
      break;
  }
  return "stopped answering";
}

}  // namespace posprop::plugin_ipc
