// plugin.matches_reference: what catches a plugin that is a perfectly good rotation but not the
// encoder it claims (wrong layout, scaling ignored, wrong base): the invariants all hold for
// those, only a comparison with the reference formula fails. The reference is posprop's own
// encoder (itself checked against its published formula by spec.reference).
// Proof and tolerance: proofs/plugins.md section 3.
#include "plugin_entry.hpp"

#include "posprop/plugin_loader.hpp"
#include "support/cases.hpp"
#include "support/generated_property.hpp"

#include <map>
#include <mutex>

namespace posprop::cli {
namespace {

/// posprop's reference encoder for a plugin entry at `dim`, built once per (entry, dim).
template <class T>
const Encoder<T>& reference_instance(const EncoderEntry& entry, int dim) {
  static std::mutex mutex;
  static std::map<std::pair<std::uint64_t, int>, std::unique_ptr<Encoder<T>>> cache;
  const std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[{entry.identity.value(), dim}];
  if (!slot) {
    const PluginReference* ref = plugin_reference(entry);
    Params p = ref->params;
    p.set("head_dim", std::to_string(dim));
    slot = ref->reference->make<T>(p);
  }
  return *slot;
}

struct PluginMatchesReference {
  static PropertyInfo info() {
    return {"plugin.matches_reference", "plugin",
            "The plugin's A_q(p) x and A_k(p) x equal those of the posprop encoder it names as its "
            "reference, within the error bound of a correct double implementation.",
            "proofs/plugins.md"};
  }
  static bool applies_to(const EncoderEntry& e) { return plugin_reference(e) != nullptr; }
  using Input = MapCase;  // a = position, x = query, y = key
  static rc::Gen<Input> gen(const EncoderEntry& e) { return map_case(e, false, 256); }
  static std::vector<Input> boundary(const EncoderEntry& e) {
    return map_boundaries(e, false, 256);
  }

  template <class T>
  static Measurement measure(const EncoderEntry& entry, const Input& c) {
    const Encoder<T>& plugin = instance<T>(entry, c.dim);
    const Encoder<T>& ref = reference_instance<T>(entry, c.dim);
    const Vec<T> x = gen::to_vector<T>(c.x), y = gen::to_vector<T>(c.y);
    const double dq =
        to_double(Vec<T>(plugin.apply_query(x, c.a) - ref.apply_query(x, c.a)).norm());
    const double dk = to_double(Vec<T>(plugin.apply_key(y, c.a) - ref.apply_key(y, c.a)).norm());
    // plugins.md (3.1): plugin within apply_error(u_53), reference within apply_error(u_T);
    // the difference and its norm in T add a relative gamma_{d/2+2}(u_T) and 2^-52.
    const ErrorProfile prof = ref.error_profile();
    const double u = unit_roundoff<T>(), d = c.dim;
    const double per_unit = (tol::apply_error(prof, d, c.a, unit_roundoff<double>()) +
                             tol::apply_error(prof, d, c.a, u)) *
                            (1.0 + tol::gamma(0.5 * d + 3.0, u)) * (1.0 + 0x1p-51);
    const double nx = tol::norm_upper(to_double(gen::to_vector<double>(c.x).norm()), d, 0x1p-53);
    const double ny = tol::norm_upper(to_double(gen::to_vector<double>(c.y).norm()), d, 0x1p-53);
    return worst({dq, per_unit * nx}, {dk, per_unit * ny});
  }
};

}  // namespace

const Property& plugin_reference_property() {
  static const GeneratedProperty<PluginMatchesReference> property;
  return property;
}

}  // namespace posprop::cli
