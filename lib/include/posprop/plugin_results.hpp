// The plugin's recent outputs by exact input, so that the high-precision rungs of a case reuse
// what the plugin returned on the double rung instead of asking the worker process again.
//
// proofs/plugins.md section 1: every rung evaluates the plugin's own double outputs, converted
// exactly; the inputs the plugin gets are the same doubles on every rung, so its outputs are the
// same (a plugin is a function of dim, pos and in). Only the hp / interval rungs read this store:
// the double rung -- which alone decides a plugin's cases -- always calls the plugin, so a plugin
// whose outputs depend on earlier calls (a stale cache) is seen exactly as before.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace posprop {

class PluginResults {
 public:
  /// `capacity`: doubles kept, oldest entries dropped first (one case's calls suffice: the hp
  /// rungs of a case run right after its double rung; 2^20 doubles = 8 MiB).
  explicit PluginResults(std::size_t capacity = std::size_t{1} << 20) : capacity_(capacity) {}

  /// The key of `count` calls of one function at `dim`, one position, inputs in[count * dim]
  /// (in = nullptr: the unit vectors e_0 .. e_{count-1}, the columns of the map).
  static std::string key(bool key_function, int dim, double pos, const double* in,
                         std::size_t count);
  /// Copies the stored outputs into out and returns true, or returns false.
  bool find(const std::string& key, double* out, std::size_t n) const;
  void add(std::string key, const double* out, std::size_t n);

 private:
  std::size_t capacity_, held_ = 0;
  std::unordered_map<std::string, std::vector<double>> map_;
  std::deque<std::string> order_;
};

}  // namespace posprop
