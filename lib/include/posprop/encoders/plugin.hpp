// An encoder implemented by an outside shared library (posprop/plugin.h, `posprop check
// --plugin`). The plugin computes in double; this class feeds it exact doubles and converts its
// outputs exactly into T, so every rung of the ladder sees the plugin's own double results
// (proofs/plugins.md). The matrix A(p) is assembled column by column from apply on unit vectors
// (one round trip to the worker for all d columns). The plugin runs in its own worker process
// (plugin_process.hpp): a call that crashes, exits, hangs or overruns its buffers throws
// PluginCallError; a NaN or infinite output throws PluginNonFinite (plugin_failure.hpp).
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/plugin_process.hpp"
#include "posprop/plugin_results.hpp"

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace posprop {

/// A loaded plugin: the worker process it runs in, and its recent double-rung outputs.
struct PluginHandle {
  std::string path;
  std::unique_ptr<PluginProcess> process;
  mutable PluginResults results;
};

/// The double an exact T holds (for intervals: the lower end; inputs are degenerate intervals).
template <class T>
double plugin_input(const T& x) {
  return static_cast<double>(x);
}
inline double plugin_input(const Interval& x) {
  return mpfr_get_d(boost::multiprecision::lower(x).backend().data(), MPFR_RNDN);
}

template <class T>
class PluginEncoder : public Encoder<T> {
 public:
  /// `profile`, `layout`, `rotary_dim`: those of the reference encoder at this dimension.
  PluginEncoder(std::shared_ptr<const PluginHandle> plugin, Index dim, ErrorProfile profile,
                Layout layout, Index rotary_dim)
      : Encoder<T>(dim),
        plugin_(std::move(plugin)),
        profile_(profile),
        layout_(layout),
        rotary_dim_(rotary_dim) {}

  Site site() const override { return Site::qk_transform; }
  Layout layout() const override { return layout_; }
  Index rotary_dim() const override { return rotary_dim_; }
  ErrorProfile error_profile() const override { return profile_; }

  Vec<T> apply_query(const Vec<T>& x, double pos) const override { return call(x, pos, false); }
  Vec<T> apply_key(const Vec<T>& x, double pos) const override { return call(x, pos, true); }
  Mat<T> query_map(double pos) const override { return columns(pos, false); }
  Mat<T> key_map(double pos) const override { return columns(pos, true); }

 private:
  Vec<T> call(const Vec<T>& x, double pos, bool key) const;
  /// `count` calls at one position (in = nullptr: on the unit vectors); the hp and interval
  /// rungs reuse the double rung's outputs for the same inputs (plugin_results.hpp).
  void run(bool key, double pos, const double* in, double* out, std::size_t count) const;
  Mat<T> columns(double pos, bool key) const;

  std::shared_ptr<const PluginHandle> plugin_;
  ErrorProfile profile_;
  Layout layout_;
  Index rotary_dim_;
};

template <class T>
Vec<T> PluginEncoder<T>::call(const Vec<T>& x, double pos, bool key) const {
  this->check_vector(x, key ? "key" : "query");
  this->check_position(pos);
  const Index d = this->dim();
  const int n = static_cast<int>(d);
  std::vector<double> in(static_cast<std::size_t>(d)), out(static_cast<std::size_t>(d));
  for (Index i = 0; i < d; ++i) in[static_cast<std::size_t>(i)] = plugin_input(x(i));
  run(key, pos, in.data(), out.data(), 1);
  plugin_->process->require_finite(key, n, pos, out.data(), "");
  Vec<T> y(d);
  for (Index i = 0; i < d; ++i) y(i) = T(out[static_cast<std::size_t>(i)]);
  return y;
}

template <class T>
Mat<T> PluginEncoder<T>::columns(double pos, bool key) const {
  this->check_position(pos);
  const Index d = this->dim();
  const int n = static_cast<int>(d);
  const std::size_t u = static_cast<std::size_t>(d);
  std::vector<double> out(u * u);
  run(key, pos, nullptr, out.data(), u);
  Mat<T> a(d, d);
  for (Index j = 0; j < d; ++j) {
    const double* column = out.data() + static_cast<std::size_t>(j) * u;
    plugin_->process->require_finite(key, n, pos, column, "e_" + std::to_string(j));
    for (Index i = 0; i < d; ++i) a(i, j) = T(column[i]);
  }
  return a;
}

template <class T>
void PluginEncoder<T>::run(bool key, double pos, const double* in, double* out,
                           std::size_t count) const {
  const int n = static_cast<int>(this->dim());
  const std::size_t u = static_cast<std::size_t>(n);
  std::string k = PluginResults::key(key, n, pos, in, count);
  if (!std::is_same_v<T, double> && plugin_->results.find(k, out, count * u)) return;
  std::vector<double> positions(count, pos), units;
  if (!in) {
    units.assign(count * u, 0.0);
    for (std::size_t j = 0; j < count; ++j) units[j * u + j] = 1.0;  // e_j
    in = units.data();
  }
  plugin_->process->apply(key, n, positions.data(), in, out, count);
  plugin_->results.add(std::move(k), out, count * u);
}

POSPROP_EXTERN_LADDER(PluginEncoder);

}  // namespace posprop
