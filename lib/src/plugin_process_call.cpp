// One batch of plugin calls through the worker (PluginProcess::apply_batch) and the words for
// each way it can go wrong.
#include "plugin_worker_link.hpp"
#include "posprop/params.hpp"
#include "posprop/plugin_failure.hpp"
#include "posprop/plugin_process.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace posprop {
namespace {

using namespace plugin_ipc;

std::string element(const char* buffer, std::int64_t index) {
  return std::string(buffer) + "[" + std::to_string(index) + "]";
}

/// A fence fault (guard page hit, canary, contract seen after the call) in words.
std::string fault_text(Fault f, std::int64_t index, std::uint32_t write, int dim) {
  const std::string verb = write == 1 ? "wrote " : write == 0 ? "read " : "accessed ";
  const std::string n = std::to_string(dim);
  switch (f) {
    case Fault::before_in:
      return verb + element("in", index) + ", before the start of its input buffer";
    case Fault::after_in:
      return verb + element("in", index) + ", past the end of its " + n + "-element input buffer";
    case Fault::before_out:
      return verb + element("out", index) + ", before the start of its output buffer";
    case Fault::after_out:
      return verb + element("out", index) + ", past the end of its " + n + "-element output buffer";
    case Fault::input_modified:
      return "modified its input " + element("in", index) + " (in is const)";
    case Fault::not_written:
      return "returned 0 without writing " + element("out", index);
    case Fault::none:
      break;
  }
  return "broke the call contract";
}

std::int64_t limit_ns(double seconds) {
  return static_cast<std::int64_t>(seconds * 1e9);
}

}  // namespace

PluginCallError::PluginCallError(std::string plugin, std::string function, int dim, double position,
                                 std::string cause)
    : std::runtime_error("plugin '" + plugin + "' " + cause + " in " + function + " (dim " +
                         std::to_string(dim) + ", position " + to_decimal(position) + ")"),
      plugin_(std::move(plugin)),
      function_(std::move(function)),
      cause_(std::move(cause)),
      where_("dim " + std::to_string(dim) + ", position " + to_decimal(position)) {}

std::string PluginCallError::describe(const std::string& property) const {
  return "plugin '" + plugin_ + "' " + cause_ + " in " + function_ + " (property " + property +
         ", " + where_ + ")";
}

const char* PluginProcess::function_name(bool key) const {
  return key && description_.has_apply_key ? "apply_key" : "apply_query";
}

void PluginProcess::require_finite(bool key, int dim, double position, const double* out,
                                   const std::string& input) const {
  for (int i = 0; i < dim; ++i) {
    if (std::isfinite(out[i])) continue;
    throw PluginNonFinite("plugin '" + path_ + "' " + function_name(key) + " returned " +
                          to_decimal(out[i]) + " in out[" + std::to_string(i) + "] (dim " +
                          std::to_string(dim) + ", position " + to_decimal(position) +
                          (input.empty() ? "" : ", input " + input) + ")");
  }
}

void PluginProcess::apply_batch(bool key, int dim, const double* positions, const double* in,
                                double* out, std::size_t count) {
  const char* function = function_name(key);
  const std::size_t d = static_cast<std::size_t>(dim);
  if (!worker_) {
    try {
      restart_worker();
    } catch (const InputError& e) {
      throw PluginCallError(path_, function, dim, positions[0],
                            std::string("could not be restarted after a failure: ") + e.what());
    }
  }
  WorkerLink& w = *worker_;
  unsigned char* data = w.data();
  std::memcpy(data, positions, count * sizeof(double));
  std::memcpy(data + data_in_offset(count), in, count * d * sizeof(double));
  w.control().calls_done.store(0);
  w.control().fault.store(0);
  const Request q{kMagic,    ++seq_,
                  Op::apply, key ? Function::key : Function::query,
                  dim,       static_cast<std::uint32_t>(count)};
  Reply r{};
  w.send(q);  // a failed send shows as the worker's end in wait()
  const std::int64_t limit = limit_ns(timeout_);
  // The whole batch: each call may take the limit (count <= 2^16, limit <= 86400 s: no overflow).
  const Ending e = w.wait(q.seq, limit, limit * static_cast<std::int64_t>(count + 1), r);
  const std::size_t done = std::min<std::size_t>(w.control().calls_done.load(), count - 1);
  if (e == Ending::reply && r.status == Status::ok) {
    std::memcpy(out, data + data_out_offset(count, d), count * d * sizeof(double));
    return;
  }
  std::string cause;
  std::size_t at = done;
  if (e != Ending::reply) {
    const auto fault = static_cast<Fault>(w.control().fault.load());
    cause = describe_ending(w, e, timeout_, "return");
    if (e == Ending::died && fault != Fault::none) {
      cause =
          fault_text(fault, w.control().fault_index.load(), w.control().fault_write.load(), dim) +
          " (guard page; " + cause + ")";
    }
  } else if (r.status == Status::plugin_refused && r.index < count) {
    at = r.index;
    cause = "returned " + std::to_string(r.rc) + " (input not supported)";
  } else if (r.status == Status::fault && r.index < count) {
    at = r.index;
    cause = fault_text(r.fault, r.fault_index, 1, dim);
  } else {
    cause = "sent an unexpected reply (status " +
            std::to_string(static_cast<std::uint32_t>(r.status)) + ")";
  }
  // A worker whose plugin refused an input is intact; any other failure may have corrupted it.
  if (!(e == Ending::reply && r.status == Status::plugin_refused)) worker_.reset();
  throw PluginCallError(path_, function, dim, positions[at], cause);
}

}  // namespace posprop
