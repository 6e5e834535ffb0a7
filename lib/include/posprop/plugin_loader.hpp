// Loading an outside encoder (posprop/plugin.h) and adding it to the encoders known at run time.
#pragma once

#include "posprop/plugin_process.hpp"
#include "posprop/registry.hpp"

#include <deque>
#include <string>

namespace posprop {

/// Encoders added at run time (plugins), in load order. A deque: references stay valid for the
/// whole process (cells and the instance caches hold pointers to entries).
const std::deque<EncoderEntry>& runtime_encoders();
const EncoderEntry& add_runtime_encoder(EncoderEntry entry);

/// What a plugin entry claims to implement: a shipped encoder and its parameters.
struct PluginReference {
  const EncoderEntry* reference = nullptr;
  Params params;  // without head_dim
  std::string path;
};
/// nullptr unless `entry` was added by load_plugin.
const PluginReference* plugin_reference(const EncoderEntry& entry);

/// Loads `path` in a worker process (plugin_process.hpp; every later call has the time limit
/// `timeout_seconds`), validates its posprop_plugin_v1 description and adds its encoder
/// ("plugin:<name>", family "plugin", double_only) with the reference encoder's expectations.
/// Throws InputError naming the file and the field on any problem, including a worker that
/// dies or hangs while loading.
const EncoderEntry& load_plugin(const std::string& path,
                                double timeout_seconds = kDefaultPluginTimeout);

}  // namespace posprop
