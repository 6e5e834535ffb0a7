// A plugin in its own worker process (plugin_process.hpp): loading, batches of calls, turning
// every way a worker can stop answering into a message, restarting after a failure.
#include "posprop/plugin_process.hpp"

#include "plugin_worker_link.hpp"
#include "posprop/params.hpp"
#include "posprop/plugin.h"
#include "posprop/plugin_failure.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace posprop {

namespace {

using namespace plugin_ipc;

const char* stage_text(std::uint32_t stage) {
  switch (static_cast<Stage>(stage)) {
    case Stage::start:
      return "starting the worker";
    case Stage::dlopen:
      return "loading the library (dlopen runs its constructors)";
    case Stage::dlsym:
      return "looking up " POSPROP_PLUGIN_ENTRY_SYMBOL;
    case Stage::entry:
      return "calling " POSPROP_PLUGIN_ENTRY_SYMBOL "()";
    case Stage::describe:
      return "reading the description " POSPROP_PLUGIN_ENTRY_SYMBOL "() returned";
    case Stage::ready:
    case Stage::apply:
      break;
  }
  return "running the plugin";
}

std::optional<std::string> text(const Description& d, int i, const std::string& where,
                                const char* field) {
  switch (d.state[i]) {
    case StringState::null:
      return std::nullopt;
    case StringState::too_long:
      throw InputError(where + ": field " + field + " is longer than " +
                       std::to_string(kMaxString) + " characters (or not NUL-terminated)");
    case StringState::ok:
      break;
  }
  return std::string(d.text[i], strnlen(d.text[i], kMaxString));
}

PluginDescription description_of(const Description& d, const std::string& where) {
  PluginDescription out;
  out.abi_version = d.abi_version;
  if (d.abi_version != POSPROP_PLUGIN_ABI_VERSION) return out;
  out.site = d.site;
  out.min_dim = d.min_dim;
  out.max_dim = d.max_dim;
  out.dim_multiple = d.dim_multiple;
  out.has_apply_query = d.has_apply_query != 0;
  out.has_apply_key = d.has_apply_key != 0;
  out.name = text(d, 0, where, "name");
  out.description = text(d, 1, where, "description");
  out.reference = text(d, 2, where, "reference");
  out.reference_params = text(d, 3, where, "reference_params");
  return out;
}

bool same(const PluginDescription& a, const PluginDescription& b) {
  return a.abi_version == b.abi_version && a.site == b.site && a.min_dim == b.min_dim &&
         a.max_dim == b.max_dim && a.dim_multiple == b.dim_multiple &&
         a.has_apply_query == b.has_apply_query && a.has_apply_key == b.has_apply_key &&
         a.name == b.name && a.reference == b.reference && a.reference_params == b.reference_params;
}

}  // namespace

PluginProcess::PluginProcess(std::string path, double timeout_seconds)
    : path_(std::move(path)), timeout_(timeout_seconds) {
  if (!(timeout_ > 0 && timeout_ <= 86400)) {
    throw InputError("the plugin time limit must be > 0 and <= 86400 seconds, got " +
                     to_decimal(timeout_));
  }
  description_ = start_worker();
}

PluginProcess::~PluginProcess() {
  if (worker_) worker_->stop();
}

/// Spawns a worker and waits for its load reply; InputError on any failure.
PluginDescription PluginProcess::start_worker() {
  const std::string where = "plugin '" + path_ + "'";
  // A path without '/' would be searched in the library path: make it relative to the cwd.
  const std::string open_path = path_.find('/') == std::string::npos ? "./" + path_ : path_;
  auto w = std::make_unique<WorkerLink>(open_path);
  const auto limit = static_cast<std::int64_t>(timeout_ * 1e9);
  Reply r{};
  const Ending e = w->wait(0, limit, limit, r);
  if (e != Ending::reply) {
    throw InputError(where + ": " + describe_ending(*w, e, timeout_, "finish loading") + " while " +
                     stage_text(w->control().stage.load()) +
                     " (in posprop's plugin worker process)");
  }
  switch (r.status) {
    case Status::ok:
      break;
    case Status::no_library:
      throw InputError(where + ": cannot load: " +
                       std::string(w->description().error,
                                   strnlen(w->description().error, sizeof(Description::error))));
    case Status::no_entry:
      throw InputError(where + ": no symbol '" POSPROP_PLUGIN_ENTRY_SYMBOL
                               "' (see lib/include/posprop/plugin.h)");
    case Status::null_entry:
      throw InputError(where + ": " POSPROP_PLUGIN_ENTRY_SYMBOL "() returned NULL");
    default:
      throw InputError(where + ": the worker sent an unexpected load reply");
  }
  PluginDescription d = description_of(w->description(), where);
  worker_ = std::move(w);
  return d;
}

void PluginProcess::restart_worker() {
  if (!same(start_worker(), description_)) {
    throw InputError("plugin '" + path_ + "': describes itself differently when loaded again");
  }
  ++restarts_;
}

void PluginProcess::apply(bool key, int dim, const double* positions, const double* in, double* out,
                          std::size_t count) {
  // As many calls per round trip as the shared data area holds.
  const std::size_t d = static_cast<std::size_t>(dim);
  std::size_t per_batch = std::max<std::size_t>(1, count);
  while (per_batch > 1 && data_bytes(per_batch, d) > kDataBytes) per_batch /= 2;
  for (std::size_t i = 0; i < count; i += per_batch) {
    const std::size_t n = std::min(per_batch, count - i);
    apply_batch(key, dim, positions + i, in + i * d, out + i * d, n);
  }
}

}  // namespace posprop
