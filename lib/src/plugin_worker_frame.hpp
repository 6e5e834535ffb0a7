// The buffers a plugin call gets inside the worker, fenced so that a plugin writing (or reading)
// outside them is caught instead of silently corrupting memory:
//
//   [guard][canary | in[0..dim)][guard][canary | out[0..dim)][guard]
//
// Each buffer ends exactly where a PROT_NONE guard region (kGuardPages pages) begins, so the
// first access past its end faults; the bytes between the page start and the buffer hold a
// canary pattern checked after the call (and a guard region precedes them). `out` is filled with
// a signalling-NaN pattern before the call, so an element the plugin did not write is seen.
// Used only by posprop-plugin-worker (plugin_worker_main.cpp).
#pragma once

#include "plugin_protocol.hpp"

#include <cstddef>
#include <cstdint>

namespace posprop::plugin_worker {

class CallFrame {
 public:
  CallFrame() = default;
  ~CallFrame();
  CallFrame(const CallFrame&) = delete;
  CallFrame& operator=(const CallFrame&) = delete;

  /// Maps fresh fenced buffers for `dim` doubles (no-op if already that size). False if the
  /// mapping failed.
  bool resize(int dim);
  double* in() const { return in_; }
  double* out() const { return out_; }

  /// Copies `input` into in() and fills out() with the not-written pattern.
  void prepare(const double* input);
  /// After a call that returned: the first broken contract (canary before in or out, in[]
  /// modified, out[] element not written) and its element index, or Fault::none.
  plugin_ipc::Fault check(const double* input, std::int64_t& index) const;
  /// Which fence holds `addr` (a faulting address), with the element index relative to the
  /// buffer it belongs to; Fault::none if it is in no guard region of this frame.
  plugin_ipc::Fault classify(const void* addr, std::int64_t& index) const;

 private:
  void unmap();

  unsigned char* base_ = nullptr;
  std::size_t bytes_ = 0, page_ = 0, buffer_pages_ = 0, guard_ = 0;
  int dim_ = 0;
  double* in_ = nullptr;
  double* out_ = nullptr;
};

/// Installs the SIGSEGV / SIGBUS handler (on an alternate stack): a fault inside a guard region
/// of the frame in use (set_fault_frame) is written to control->fault / fault_index /
/// fault_write, then the signal is re-raised with its default action (the worker dies by it and
/// posprop reads the report).
void install_fault_handler(plugin_ipc::Control* control);
void set_fault_frame(const CallFrame* frame);

}  // namespace posprop::plugin_worker
