// An encoder implemented by an outside shared library (posprop/plugin.h, `posprop check
// --plugin`). The plugin computes in double; this class feeds it exact doubles and converts its
// outputs exactly into T, so every rung of the ladder sees the plugin's own double results
// (proofs/plugins.md). The matrix A(p) is assembled column by column from apply on unit vectors.
#pragma once

#include "posprop/encoder.hpp"
#include "posprop/plugin.h"

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace posprop {

/// A loaded plugin: its description (static storage of the library, which stays loaded).
struct PluginHandle {
  std::string path;
  const posprop_plugin_v1* desc = nullptr;
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
  std::vector<double> in(static_cast<std::size_t>(d)), out(static_cast<std::size_t>(d), 0.0);
  for (Index i = 0; i < d; ++i) in[static_cast<std::size_t>(i)] = plugin_input(x(i));
  const posprop_apply_fn fn =
      key && plugin_->desc->apply_key ? plugin_->desc->apply_key : plugin_->desc->apply_query;
  const int rc = fn(static_cast<int32_t>(d), pos, in.data(), out.data());
  const std::string who = "plugin '" + std::string(plugin_->desc->name) + "' (" + plugin_->path +
                          ") " + (key ? "apply_key" : "apply_query");
  if (rc != 0) {
    throw std::runtime_error(who + " returned " + std::to_string(rc) + " for dim " +
                             std::to_string(d) + ", position " + to_decimal(pos));
  }
  Vec<T> y(d);
  for (Index i = 0; i < d; ++i) {
    const double v = out[static_cast<std::size_t>(i)];
    if (!std::isfinite(v)) {
      throw std::runtime_error(who + " returned a non-finite value at index " + std::to_string(i) +
                               " for position " + to_decimal(pos));
    }
    y(i) = T(v);
  }
  return y;
}

template <class T>
Mat<T> PluginEncoder<T>::columns(double pos, bool key) const {
  const Index d = this->dim();
  Mat<T> a(d, d);
  for (Index j = 0; j < d; ++j) {
    Vec<T> e = Vec<T>::Zero(d);
    e(j) = T(1);
    a.col(j) = call(e, pos, key);
  }
  return a;
}

POSPROP_EXTERN_LADDER(PluginEncoder);

}  // namespace posprop
