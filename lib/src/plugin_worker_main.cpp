// posprop-plugin-worker: the process a plugin's code runs in (plugin_process.hpp).
//
//   posprop-plugin-worker PARENT_PID LIBRARY
//
// Started by posprop with the socket on fd 3 and the shared memory on fd 4
// (plugin_protocol.hpp), stdin on /dev/null and stdout on posprop's stderr. Loads LIBRARY
// (dlopen runs its constructors), copies its posprop_plugin_v1 description into shared memory,
// replies, then answers apply batches until posprop closes the socket or asks it to quit. Any
// crash, exit or hang of the plugin is this process's, never posprop's.
#include "plugin_protocol.hpp"
#include "plugin_worker_frame.hpp"
#include "posprop/plugin.h"

#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

namespace posprop::plugin_worker {
namespace {

using namespace plugin_ipc;

struct Worker {
  Control* control = nullptr;
  Description* description = nullptr;
  unsigned char* data = nullptr;
  const posprop_plugin_v1* plugin = nullptr;
  std::map<int, std::unique_ptr<CallFrame>> frames;  // one per dim seen (remapping is costly)
};

bool write_all(const void* p, std::size_t n) {
  const auto* c = static_cast<const char*>(p);
  while (n > 0) {
    const ssize_t w = send(kSocketFd, c, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    c += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

/// false at end of file (posprop closed the socket) or on error.
bool read_all(void* p, std::size_t n) {
  auto* c = static_cast<char*>(p);
  while (n > 0) {
    const ssize_t r = recv(kSocketFd, c, n, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    c += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

Control* g_control = nullptr;

void reply(std::uint32_t seq, Status status, std::uint32_t index = 0, int rc = 0,
           Fault fault = Fault::none, std::int64_t fault_index = 0) {
  const Reply r{kMagic, seq, status, index, rc, fault, fault_index};
  if (!write_all(&r, sizeof r)) {  // posprop is gone, or the plugin closed fd 3
    if (g_control) g_control->channel_lost.store(1);
    _exit(0);
  }
}

std::int64_t now_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

CallFrame* frame_for(Worker& w, int dim) {
  auto& slot = w.frames[dim];
  if (!slot) {
    if (w.frames.size() > 64) {  // many dims: start over rather than hold them all
      w.frames.clear();
      return frame_for(w, dim);
    }
    slot = std::make_unique<CallFrame>();
  }
  return slot->resize(dim) ? slot.get() : nullptr;
}

void copy_string(const char* s, StringState& state, char* out) {
  if (!s) {
    state = StringState::null;
    return;
  }
  const std::size_t n = strnlen(s, kMaxString + 1);
  state = n > kMaxString ? StringState::too_long : StringState::ok;
  std::memcpy(out, s, n > kMaxString ? kMaxString : n);
}

/// dlopen, entry point, description: each stage is recorded first, so that posprop can say
/// where the worker died.
Status load(Worker& w, const char* path) {
  Description& d = *w.description;
  w.control->stage.store(static_cast<std::uint32_t>(Stage::dlopen));
  void* lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* e = dlerror();
    std::strncpy(d.error, e ? e : "unknown dlopen error", sizeof d.error - 1);
    return Status::no_library;
  }
  w.control->stage.store(static_cast<std::uint32_t>(Stage::dlsym));
  void* sym = dlsym(lib, POSPROP_PLUGIN_ENTRY_SYMBOL);
  if (!sym) return Status::no_entry;
  posprop_plugin_entry_fn entry = nullptr;
  static_assert(sizeof(entry) == sizeof(sym), "function and object pointers differ in size");
  std::memcpy(&entry, &sym, sizeof sym);
  w.control->stage.store(static_cast<std::uint32_t>(Stage::entry));
  const posprop_plugin_v1* p = entry();
  if (!p) return Status::null_entry;
  w.control->stage.store(static_cast<std::uint32_t>(Stage::describe));
  d.abi_version = p->abi_version;
  if (p->abi_version != POSPROP_PLUGIN_ABI_VERSION) return Status::ok;  // layout unknown
  d.site = p->site;
  d.min_dim = p->min_dim;
  d.max_dim = p->max_dim;
  d.dim_multiple = p->dim_multiple;
  d.has_apply_query = p->apply_query != nullptr;
  d.has_apply_key = p->apply_key != nullptr;
  const char* texts[4] = {p->name, p->description, p->reference, p->reference_params};
  for (int i = 0; i < 4; ++i) copy_string(texts[i], d.state[i], d.text[i]);
  w.plugin = p;
  w.control->stage.store(static_cast<std::uint32_t>(Stage::ready));
  return Status::ok;
}

void apply(Worker& w, const Request& q) {
  const posprop_apply_fn fn = q.function == Function::key && w.plugin->apply_key
                                  ? w.plugin->apply_key
                                  : w.plugin->apply_query;
  CallFrame* frame = nullptr;
  if (q.dim < 1 || q.dim > 65536 || q.count < 1 ||
      data_bytes(q.count, static_cast<std::size_t>(q.dim)) > kDataBytes || !fn ||
      !(frame = frame_for(w, q.dim))) {
    reply(q.seq, Status::bad_request);
    return;
  }
  set_fault_frame(frame);
  const auto* positions = reinterpret_cast<const double*>(w.data);
  const auto* in = reinterpret_cast<const double*>(w.data + data_in_offset(q.count));
  auto* out = reinterpret_cast<double*>(w.data + data_out_offset(q.count, q.dim));
  const std::size_t dim = static_cast<std::size_t>(q.dim);
  w.control->stage.store(static_cast<std::uint32_t>(Stage::apply));
  for (std::uint32_t i = 0; i < q.count; ++i) {
    frame->prepare(in + i * dim);
    w.control->call_started_ns.store(now_ns());
    const int rc = fn(q.dim, positions[i], frame->in(), frame->out());
    if (rc != 0) return reply(q.seq, Status::plugin_refused, i, rc);
    std::int64_t index = 0;
    const Fault f = frame->check(in + i * dim, index);
    if (f != Fault::none) return reply(q.seq, Status::fault, i, 0, f, index);
    std::memcpy(out + i * dim, frame->out(), dim * sizeof(double));
    w.control->calls_done.store(i + 1);
  }
  w.control->stage.store(static_cast<std::uint32_t>(Stage::ready));
  reply(q.seq, Status::ok);
}

int run(pid_t parent, const char* path) {
  // Die with posprop (and do not outlive a posprop that died before prctl took effect).
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) return 0;
  signal(SIGPIPE, SIG_IGN);
  void* m = mmap(nullptr, kMemoryBytes, PROT_READ | PROT_WRITE, MAP_SHARED, kMemoryFd, 0);
  if (m == MAP_FAILED) return 70;
  close(kMemoryFd);  // the mapping stays; a plugin writing to descriptors cannot reach it
  Worker w;
  w.control = g_control = static_cast<Control*>(m);
  w.description = reinterpret_cast<Description*>(static_cast<unsigned char*>(m) + sizeof(Control));
  w.data = static_cast<unsigned char*>(m) + kHeaderBytes;
  install_fault_handler(w.control);  // no frame yet: a crash while loading is reported as such
  reply(0, load(w, path));
  if (!w.plugin) return 0;
  for (Request q{}; read_all(&q, sizeof q);) {
    if (q.magic != kMagic || q.op == Op::quit) break;
    if (q.op == Op::apply) {
      w.control->calls_done.store(0);
      apply(w, q);
    } else {
      reply(q.seq, Status::bad_request);
    }
  }
  return 0;
}

}  // namespace
}  // namespace posprop::plugin_worker

// Under AddressSanitizer (-DPOSPROP_SANITIZE=ON) a plugin's crash or exit must reach posprop
// unchanged: no ASan report for SIGSEGV / SIGBUS (the fault handler above reports them) and no
// leak check at exit (it would turn exit(0) into exit status 23). Unused in other builds.
extern "C" __attribute__((used, visibility("default"))) const char* __asan_default_options() {
  return "detect_leaks=0:handle_segv=0:handle_sigbus=0:allow_user_segv_handler=1";
}

int main(int argc, char** argv) {
  if (argc != 3) return 64;
  const long parent = std::strtol(argv[1], nullptr, 10);
  // _exit: no static destructors or atexit handlers of the plugin run after the loop.
  _exit(posprop::plugin_worker::run(static_cast<pid_t>(parent), argv[2]));
}
