// Fenced call buffers and the fault handler of posprop-plugin-worker (plugin_worker_frame.hpp).
#include "plugin_worker_frame.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstring>

namespace posprop::plugin_worker {
namespace {

using plugin_ipc::Fault;

constexpr std::size_t kGuardPages = 16;  // 64 KiB with 4 KiB pages: 8192 doubles past the end
constexpr unsigned char kCanary = 0xA5;
// A signalling NaN no arithmetic produces (quiet bit clear, payload 0x4C0FFEE0BAD11).
constexpr std::uint64_t kNotWritten = 0x7FF4C0FFEE0BAD11ull;

/// floor((a - b) / sizeof(double)) for addresses a, b: the element index of a relative to b.
std::int64_t element_index(const void* a, const void* b) {
  const std::int64_t diff = reinterpret_cast<std::intptr_t>(a) - reinterpret_cast<std::intptr_t>(b);
  const std::int64_t n = static_cast<std::int64_t>(sizeof(double));
  return diff >= 0 ? diff / n : -((-diff + n - 1) / n);
}

/// The canary bytes between `start` and `buffer`: the index of the modified one closest to the
/// buffer, or 0 if all are intact.
std::int64_t broken_canary(const unsigned char* start, const double* buffer) {
  const auto* b = reinterpret_cast<const unsigned char*>(buffer);
  for (const unsigned char* p = b; p-- > start;)
    if (*p != kCanary) return element_index(p, buffer);
  return 0;
}

}  // namespace

CallFrame::~CallFrame() {
  unmap();
}

void CallFrame::unmap() {
  if (base_) munmap(base_, bytes_);
  base_ = nullptr;
  in_ = out_ = nullptr;
  dim_ = 0;
}

bool CallFrame::resize(int dim) {
  if (dim == dim_ && base_) return true;
  unmap();
  page_ = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t buffer = static_cast<std::size_t>(dim) * sizeof(double);
  buffer_pages_ = (buffer + page_ - 1) / page_ * page_;
  guard_ = kGuardPages * page_;
  bytes_ = 3 * guard_ + 2 * buffer_pages_;
  void* m = mmap(nullptr, bytes_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return false;
  base_ = static_cast<unsigned char*>(m);
  unsigned char* in_page = base_ + guard_;
  unsigned char* out_page = in_page + buffer_pages_ + guard_;
  if (mprotect(in_page, buffer_pages_, PROT_READ | PROT_WRITE) != 0 ||
      mprotect(out_page, buffer_pages_, PROT_READ | PROT_WRITE) != 0) {
    unmap();
    return false;
  }
  std::memset(in_page, kCanary, buffer_pages_);
  std::memset(out_page, kCanary, buffer_pages_);
  in_ = reinterpret_cast<double*>(in_page + buffer_pages_ - buffer);
  out_ = reinterpret_cast<double*>(out_page + buffer_pages_ - buffer);
  dim_ = dim;
  return true;
}

void CallFrame::prepare(const double* input) {
  std::memcpy(in_, input, static_cast<std::size_t>(dim_) * sizeof(double));
  for (int i = 0; i < dim_; ++i) std::memcpy(out_ + i, &kNotWritten, sizeof(double));
}

Fault CallFrame::check(const double* input, std::int64_t& index) const {
  if ((index = broken_canary(base_ + guard_, in_)) != 0) return Fault::before_in;
  if ((index = broken_canary(base_ + 2 * guard_ + buffer_pages_, out_)) != 0)
    return Fault::before_out;
  for (int i = 0; i < dim_; ++i) {
    index = i;
    if (std::memcmp(in_ + i, input + i, sizeof(double)) != 0) return Fault::input_modified;
    if (std::memcmp(out_ + i, &kNotWritten, sizeof(double)) == 0) return Fault::not_written;
  }
  index = 0;
  return Fault::none;
}

Fault CallFrame::classify(const void* addr, std::int64_t& index) const {
  const auto* a = static_cast<const unsigned char*>(addr);
  if (!base_ || a < base_ || a >= base_ + bytes_) return Fault::none;
  const unsigned char* guard1 = base_ + guard_ + buffer_pages_;
  const unsigned char* guard2 = guard1 + guard_ + buffer_pages_;
  if (a < base_ + guard_) {
    index = element_index(a, in_);
    return Fault::before_in;
  }
  if (a >= guard1 && a < guard1 + guard_) {
    // The guard between the buffers: past the end of in, or before out, whichever is nearer.
    const bool near_in = static_cast<std::size_t>(a - guard1) < guard_ / 2;
    index = element_index(a, near_in ? in_ : out_);
    return near_in ? Fault::after_in : Fault::before_out;
  }
  if (a >= guard2) {
    index = element_index(a, out_);
    return Fault::after_out;
  }
  return Fault::none;  // inside a buffer page: not a fence fault
}

namespace {

plugin_ipc::Control* g_control = nullptr;
const CallFrame* volatile g_frame = nullptr;

/// 1 if the faulting access was a write, 0 a read, 2 unknown (x86-64: page-fault error code).
std::uint32_t access_kind(void* context) {
#if defined(__x86_64__)
  const auto* uc = static_cast<const ucontext_t*>(context);
  return (uc->uc_mcontext.gregs[REG_ERR] & 2) ? 1 : 0;
#else
  (void)context;
  return 2;
#endif
}

void on_fault(int sig, siginfo_t* info, void* context) {
  // Async-signal-safe: lock-free atomic stores, sigaction. A signal sent by kill() / raise()
  // (si_code <= 0) carries no address.
  if (g_control && g_frame && info->si_code > 0) {
    std::int64_t index = 0;
    const Fault f = g_frame->classify(info->si_addr, index);
    if (f != Fault::none) {
      g_control->fault_index.store(index);
      g_control->fault_write.store(access_kind(context));
      g_control->fault.store(static_cast<std::uint32_t>(f));
    }
  }
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, nullptr);
  if (info->si_code <= 0) raise(sig);  // returning re-executes a faulting instruction instead
}

}  // namespace

void set_fault_frame(const CallFrame* frame) {
  g_frame = frame;
}

void install_fault_handler(plugin_ipc::Control* control) {
  g_control = control;
  static char alt_stack[1 << 16];
  stack_t ss{};
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  sigaltstack(&ss, nullptr);
  struct sigaction sa {};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, nullptr);
  sigaction(SIGBUS, &sa, nullptr);
}

}  // namespace posprop::plugin_worker
