// The process a plugin runs in (README "C and C++ implementations: the plugin ABI", isolation).
//
// posprop never loads plugin code into its own process: a PluginProcess spawns
// posprop-plugin-worker (lib/src/plugin_worker_main.cpp), which dlopens the library, reads its
// description and answers batches of apply calls through a socketpair and shared memory
// (lib/src/plugin_protocol.hpp). Every call has a time limit. When the worker dies (signal, exit,
// time limit, buffer overrun, protocol violation) the call throws PluginCallError and the next
// call starts a fresh worker.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace posprop {

namespace plugin_ipc {
class WorkerLink;
}

/// Default limit on one plugin call (and on loading), in seconds (`--plugin-timeout`).
constexpr double kDefaultPluginTimeout = 10.0;

/// The plugin's posprop_plugin_v1 as the worker read it (strings copied; nullopt for NULL).
struct PluginDescription {
  std::uint32_t abi_version = 0;
  std::int32_t site = 0, min_dim = 0, max_dim = 0, dim_multiple = 0;
  bool has_apply_query = false, has_apply_key = false;
  std::optional<std::string> name, description, reference, reference_params;
};

class PluginProcess {
 public:
  /// Spawns a worker that loads `path` and reads its description. Throws InputError (exit
  /// code 2) naming the path and what happened if the library cannot be loaded, has no entry
  /// point, or the worker dies or exceeds `timeout_seconds` while loading.
  PluginProcess(std::string path, double timeout_seconds);
  ~PluginProcess();
  PluginProcess(const PluginProcess&) = delete;
  PluginProcess& operator=(const PluginProcess&) = delete;

  const PluginDescription& description() const { return description_; }
  const std::string& path() const { return path_; }
  double timeout_seconds() const { return timeout_; }
  /// Workers started after the first one (one per failed call).
  int restarts() const { return restarts_; }

  /// out[i * dim + j] = (A(positions[i]) in[i * dim ..])_j for i < count, A the plugin's
  /// apply_key if `key` (apply_query if the plugin has no apply_key) or apply_query. Throws
  /// PluginCallError if the worker does not answer normally; outputs are not checked for
  /// finiteness.
  void apply(bool key, int dim, const double* positions, const double* in, double* out,
             std::size_t count);

  /// Throws PluginNonFinite if out[0 .. dim) (the outputs of one call) holds a NaN or an
  /// infinity, naming the function, the element, the dim, the position and `input` (a short
  /// description of the input vector, "" for none).
  void require_finite(bool key, int dim, double position, const double* out,
                      const std::string& input) const;
  /// "apply_key" if `key` and the plugin has apply_key, else "apply_query".
  const char* function_name(bool key) const;

 private:
  PluginDescription start_worker();
  void restart_worker();
  void apply_batch(bool key, int dim, const double* positions, const double* in, double* out,
                   std::size_t count);

  std::string path_;
  double timeout_;
  PluginDescription description_;
  std::unique_ptr<plugin_ipc::WorkerLink> worker_;
  std::uint32_t seq_ = 0;
  int restarts_ = 0;
};

}  // namespace posprop
