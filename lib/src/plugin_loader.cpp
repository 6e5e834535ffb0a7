// Loading plugins (posprop/plugin.h) and the run-time encoder list.
#include "posprop/plugin_loader.hpp"

#include "posprop/bounds/pair_bounds.hpp"

#include "posprop/encoders/plugin.hpp"
#include "posprop/plugin.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>

namespace posprop {
namespace {

std::deque<EncoderEntry>& runtime_list() {
  static std::deque<EncoderEntry> list;
  return list;
}

std::map<const EncoderEntry*, PluginReference>& references() {
  static std::map<const EncoderEntry*, PluginReference> map;
  return map;
}

bool valid_name(const char* s) {
  if (!s || !*s) return false;
  std::size_t n = 0;
  for (; s[n]; ++n) {
    const char c = s[n];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') || n >= 64) return false;
  }
  return true;
}

Params parse_reference_params(const std::string& text, const std::string& where) {
  Params p;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    const std::string item = text.substr(start, end - start);
    if (!item.empty()) {
      try {
        p.set_from_string(item);
      } catch (const InputError& e) {
        throw InputError(where + ": field reference_params: " + e.what());
      }
    }
    start = end + 1;
  }
  return p;
}

}  // namespace

const std::deque<EncoderEntry>& runtime_encoders() {
  return runtime_list();
}

const EncoderEntry& add_runtime_encoder(EncoderEntry entry) {
  for (const EncoderEntry& e : encoders())
    if (e.name == entry.name) throw InputError("encoder '" + entry.name + "' already exists");
  for (const EncoderEntry& e : runtime_list())
    if (e.name == entry.name) throw InputError("encoder '" + entry.name + "' is loaded twice");
  runtime_list().push_back(std::move(entry));
  return runtime_list().back();
}

const PluginReference* plugin_reference(const EncoderEntry& entry) {
  const auto it = references().find(&entry);
  return it == references().end() ? nullptr : &it->second;
}

namespace {

/// The bound a correct DOUBLE implementation of the reference encoder meets: posprop's own
/// profile, except for pair-rotating maps, whose pair profile becomes the model of a correct
/// implementation in fp64 (proofs/pair_bounds.md section 3): the plugin's recipe is unknown,
/// any admitted one must pass; posprop's own measured profile would be unsound for it.
ErrorProfile plugin_error_profile(const Encoder<double>& reference,
                                  const std::unique_ptr<Encoder<Hp100>>& exact) {
  ErrorProfile profile = reference.error_profile();
  const std::optional<RotaryStructure> s = exact->rotary_structure();
  if (profile.pairs && s) {
    profile.pairs = bounds::implementation_profile(*s, precision::FormatId::fp64);
  } else {
    profile.pairs.reset();
  }
  return profile;
}

}  // namespace

const EncoderEntry& load_plugin(const std::string& path, double timeout_seconds) {
  const std::string where = "plugin '" + path + "'";
  // The library is loaded, and later called, only in a worker process (plugin_process.hpp).
  auto process = std::make_unique<PluginProcess>(path, timeout_seconds);
  const PluginDescription& desc = process->description();
  const PluginDescription* d = &desc;
  if (d->abi_version != POSPROP_PLUGIN_ABI_VERSION) {
    throw InputError(where + ": field abi_version is " + std::to_string(d->abi_version) +
                     ", this posprop reads version " + std::to_string(POSPROP_PLUGIN_ABI_VERSION));
  }
  if (!d->name || !valid_name(d->name->c_str())) {
    throw InputError(where + ": field name must be 1-64 characters [a-z0-9-]");
  }
  if (d->site != POSPROP_SITE_QK_TRANSFORM) {
    throw InputError(where + ": field site is " + std::to_string(d->site) +
                     "; version 1 supports POSPROP_SITE_QK_TRANSFORM (1) only");
  }
  if (!d->reference) throw InputError(where + ": field reference is NULL");
  const EncoderEntry* reference = nullptr;
  try {
    reference = &find_encoder(*d->reference);
  } catch (const InputError& e) {
    throw InputError(where + ": field reference: " + e.what());
  }
  if (reference->site != Site::qk_transform) {
    throw InputError(where + ": field reference '" + reference->name +
                     "' is not a qk_transform encoder");
  }
  const Params ref_params = parse_reference_params(d->reference_params.value_or(""), where);
  if (ref_params.has("head_dim")) {
    throw InputError(where + ": field reference_params must not set head_dim");
  }
  if (d->dim_multiple < 1 || d->min_dim < 2 || d->max_dim < d->min_dim || d->max_dim > 65536) {
    throw InputError(where +
                     ": fields min_dim / max_dim / dim_multiple must satisfy 2 <= min_dim "
                     "<= max_dim <= 65536 and dim_multiple >= 1");
  }
  if (!d->has_apply_query) throw InputError(where + ": field apply_query is NULL");

  auto handle = std::make_shared<PluginHandle>();
  handle->path = path;
  handle->process = std::move(process);
  const int multiple = std::lcm(std::lcm(d->dim_multiple, reference->dim_multiple), 2);
  std::vector<int> dims;
  for (int n = d->min_dim; n <= d->max_dim && n <= reference->max_dim; ++n)
    if (n % multiple == 0) dims.push_back(n);
  if (dims.empty()) {
    throw InputError(where +
                     ": no head_dim satisfies both the plugin's constraints and the "
                     "reference encoder's (multiple of " +
                     std::to_string(multiple) + ", <= " + std::to_string(reference->max_dim) + ")");
  }
  // The reference encoder must accept its parameters at some supported dimension.
  const auto reference_at = [reference, ref_params](Index dim) {
    Params p = ref_params;
    p.set("head_dim", std::to_string(dim));
    return reference->make<double>(p);
  };
  const int default_dim = std::find(dims.begin(), dims.end(), 64) != dims.end() ? 64 : dims.front();
  try {
    reference_at(default_dim);
  } catch (const InputError& e) {
    throw InputError(where + ": field reference_params: " + e.what());
  }
  // A handful of dimensions, small first (the generators pick among them).
  std::vector<int> chosen;
  for (int n : dims) {
    if (chosen.size() >= 12) break;
    if (chosen.empty() || n >= 2 * chosen.back() || n == default_dim ||
        (n % 4 != 0 && chosen.size() < 6)) {
      chosen.push_back(n);
    }
  }

  EncoderEntry e;
  e.name = "plugin:" + *d->name;
  e.family = "plugin";
  e.site = Site::qk_transform;
  e.description = d->description.value_or("");
  e.source = path + " (claims " + reference->name + ")";
  e.params = {{"head_dim", std::to_string(default_dim), "dimension the plugin acts on"}};
  e.expected_failures = reference->expected_failures;
  e.max_position = reference->max_position;
  e.double_only = true;
  e.dim_multiple = multiple;
  e.max_dim = std::min(d->max_dim, reference->max_dim);
  e.dims = chosen;
  const std::string plugin_name = e.name;
  const auto hp_at = [reference, ref_params](Index dim) {
    Params p = ref_params;
    p.set("head_dim", std::to_string(dim));
    return reference->make<Hp100>(p);
  };
  set_factories(e, [handle, reference_at, hp_at, dims, plugin_name](auto tag, const Params& p) {
    using T = typename decltype(tag)::type;
    const long long dim = p.get_int("head_dim", 2, 65536);
    if (std::find(dims.begin(), dims.end(), static_cast<int>(dim)) == dims.end()) {
      throw InputError(plugin_name + " does not support head_dim " + std::to_string(dim));
    }
    const auto ref = reference_at(static_cast<Index>(dim));
    return std::unique_ptr<Encoder<T>>(new PluginEncoder<T>(handle, static_cast<Index>(dim),
                                                            plugin_error_profile(*ref, hp_at(dim)),
                                                            ref->layout(), ref->rotary_dim()));
  });
  const EncoderEntry& added = add_runtime_encoder(std::move(e));
  references()[&added] = PluginReference{reference, ref_params, path};
  return added;
}

}  // namespace posprop
