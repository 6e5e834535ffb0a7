// posprop's side of one running posprop-plugin-worker: spawning it, the two channels of
// plugin_protocol.hpp, waiting for a reply under the time limit, and ending it. Internal to
// PluginProcess (plugin_process.cpp).
#pragma once

#include "plugin_protocol.hpp"

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace posprop::plugin_ipc {

/// Why a wait for a reply ended.
enum class Ending {
  reply,      // a well-formed reply arrived
  died,       // the worker exited or was killed by a signal (status())
  timed_out,  // the running call exceeded the time limit: posprop killed the worker
  hung_up,    // the worker closed its socket but kept running: posprop killed it
  garbage,    // bytes that are not the expected reply: posprop killed the worker
};

class WorkerLink {
 public:
  /// Spawns posprop-plugin-worker in its own process group to load `library` (a path dlopen
  /// takes literally). Throws InputError if the worker cannot be found or started.
  explicit WorkerLink(const std::string& library);
  /// Kills the worker's process group (the worker and anything the plugin forked) and reaps it.
  ~WorkerLink();
  WorkerLink(const WorkerLink&) = delete;
  WorkerLink& operator=(const WorkerLink&) = delete;

  Control& control() const { return *reinterpret_cast<Control*>(memory_); }
  const Description& description() const {
    return *reinterpret_cast<const Description*>(memory_ + sizeof(Control));
  }
  unsigned char* data() const { return memory_ + kHeaderBytes; }

  /// False if the worker can no longer be written to (it died; wait() says how).
  bool send(const Request& request);
  /// Waits for the reply `seq` into `reply`. The running plugin call (Control::call_started_ns)
  /// may take `limit_ns`; the whole wait at most `cap_ns`.
  Ending wait(std::uint32_t seq, std::int64_t limit_ns, std::int64_t cap_ns, Reply& reply);
  /// After Ending::died: "killed by SIGSEGV", "exited with status 0".
  std::string death() const;
  /// Asks the worker to quit, then ends it as the destructor does.
  void stop();

 private:
  void set_receive_slice(std::int64_t ns);
  bool has_ended() const;
  void finish();
  Ending after_hangup(std::int64_t grace_ns);

  pid_t pid_ = -1;
  int sock_ = -1, memfd_ = -1;
  unsigned char* memory_ = nullptr;
  int status_ = 0;
  std::int64_t slice_ns_ = 0;  // SO_RCVTIMEO in force
};

std::int64_t monotonic_ns();

/// How a worker that did not reply ended, in words: "killed by SIGSEGV", "exited with status 0",
/// "did not <doing> within 10 seconds (killed; --plugin-timeout)", ...
std::string describe_ending(const WorkerLink& worker, Ending ending, double timeout_seconds,
                            const char* doing);

}  // namespace posprop::plugin_ipc
