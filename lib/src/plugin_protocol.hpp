// The wire format between posprop and its plugin worker (posprop-plugin-worker, one process per
// loaded plugin; README "C and C++ implementations: the plugin ABI", isolation model).
//
// Two channels, both created by posprop before it spawns the worker:
// - a stream socketpair (fd 3 in the worker): fixed-size Request / Reply records, strictly
//   alternating (one reply per request, the load reply first);
// - a shared memory file (memfd, fd 4 in the worker, closed once mapped): a Control block (the start time of the
//   current plugin call, for the time limit; the stage of loading; a fault report written by the
//   worker's SIGSEGV handler), the plugin's Description after loading, and the data area of a
//   batch (positions, inputs, outputs).
// posprop treats everything the worker writes as untrusted: a plugin can write anywhere in the
// worker's memory, so every count and index read back is range-checked.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace posprop::plugin_ipc {

constexpr std::uint32_t kMagic = 0x31575050;  // "PPW1"
constexpr int kSocketFd = 3;                  // in the worker
constexpr int kMemoryFd = 4;
constexpr std::size_t kMaxString = 4096;       // longest accepted description string
constexpr std::size_t kHeaderBytes = 1 << 16;  // Control + Description, page aligned
constexpr std::size_t kDataBytes = 32u << 20;  // positions, inputs and outputs of one batch
constexpr std::size_t kMemoryBytes = kHeaderBytes + kDataBytes;

/// What the worker is doing (a death is reported with the stage it happened in).
enum class Stage : std::uint32_t { start, dlopen, dlsym, entry, describe, ready, apply };

/// A memory access of the plugin outside the buffers it was given, or a broken contract seen
/// after the call returned.
enum class Fault : std::uint32_t {
  none,
  before_in,       // guard page or canary before in[0]
  after_in,        // guard page after in[dim - 1]
  before_out,      // guard page or canary before out[0]
  after_out,       // guard page after out[dim - 1]
  input_modified,  // in[] changed (it is const)
  not_written,     // out[index] still holds the worker's fill pattern
};

struct Control {
  std::atomic<std::int64_t> call_started_ns;  // CLOCK_MONOTONIC start of the running call, 0 idle
  std::atomic<std::uint32_t> calls_done;      // completed calls of the current batch
  std::atomic<std::uint32_t> stage;           // Stage
  std::atomic<std::uint32_t> fault;           // Fault, set by the signal handler
  std::atomic<std::uint32_t> fault_write;     // 1 write, 0 read, 2 unknown
  std::atomic<std::int64_t> fault_index;      // element index relative to the buffer's [0]
  std::atomic<std::uint32_t> channel_lost;    // 1: the worker exited because fd 3 broke
};

enum class StringState : std::uint32_t { null, ok, too_long };

/// The plugin's posprop_plugin_v1, copied out of the plugin by the worker (function pointers
/// reduced to "is set").
struct Description {
  std::uint32_t abi_version;
  std::int32_t site, min_dim, max_dim, dim_multiple;
  std::uint32_t has_apply_query, has_apply_key;
  StringState state[4];  // name, description, reference, reference_params
  char text[4][kMaxString + 1];
  char error[1024];  // dlerror() text when loading failed
};

static_assert(sizeof(Control) + sizeof(Description) <= kHeaderBytes, "header too small");
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "shared atomics need lock-free");

enum class Op : std::uint32_t { apply = 1, quit = 2 };
enum class Function : std::uint32_t { query = 0, key = 1 };

/// posprop -> worker. apply: `count` calls of `function` at dimension `dim`; positions[count]
/// at data offset 0, inputs[count][dim] at data_in_offset(count), outputs at data_out_offset.
struct Request {
  std::uint32_t magic, seq;
  Op op;
  Function function;
  std::int32_t dim;
  std::uint32_t count;
};

enum class Status : std::uint32_t {
  ok,
  no_library,      // load: dlopen failed (Description.error)
  no_entry,        // load: posprop_plugin_entry not found
  null_entry,      // load: posprop_plugin_entry() returned NULL
  plugin_refused,  // apply: the plugin returned nonzero for call `index` (rc)
  fault,           // apply: a contract violation found after call `index` (fault, fault_index)
  bad_request,     // the worker could not read the request
};

/// worker -> posprop: the load reply (seq 0) or the reply to request `seq`.
struct Reply {
  std::uint32_t magic, seq;
  Status status;
  std::uint32_t index;  // the call of the batch the status is about
  std::int32_t rc;
  Fault fault;
  std::int64_t fault_index;
};

inline std::size_t data_in_offset(std::size_t count) {
  return (count * sizeof(double) + 63) / 64 * 64;
}
inline std::size_t data_out_offset(std::size_t count, std::size_t dim) {
  return data_in_offset(count) + count * dim * sizeof(double);
}
/// Bytes of the data area a batch needs.
inline std::size_t data_bytes(std::size_t count, std::size_t dim) {
  return data_out_offset(count, dim) + count * dim * sizeof(double);
}

}  // namespace posprop::plugin_ipc
