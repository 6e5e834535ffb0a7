// How a plugin call that went wrong reaches the property engine (posprop check --plugin).
//
// PluginCallError: the call did not return a result -- the worker process running the plugin
// was killed by a signal, exited, exceeded the time limit, accessed memory outside its buffers,
// broke the worker protocol, or the plugin returned nonzero. The cell becomes ERROR (no verdict,
// no shrinking: generated_property.hpp stops calling the plugin for that cell).
// PluginNonFinite: the call returned NaN or an infinity: a failing case (the outputs of a
// correct implementation are finite), reported with the generated input.
#pragma once

#include <stdexcept>
#include <string>

namespace posprop {

class PluginCallError : public std::runtime_error {
 public:
  /// `plugin`: the library path; `function`: "apply_query" / "apply_key"; `cause`: what
  /// happened, e.g. "killed by SIGSEGV", "did not return within 10 s (killed)".
  PluginCallError(std::string plugin, std::string function, int dim, double position,
                  std::string cause);

  /// "plugin 'libfoo.so' killed by SIGSEGV in apply_query (property rotation.group, dim 128,
  /// position 4096)".
  std::string describe(const std::string& property) const;

 private:
  std::string plugin_, function_, cause_, where_;
};

class PluginNonFinite : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace posprop
