// Loading an outside encoder (posprop/plugin.h) and adding it to the encoders known at run time.
#pragma once

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

/// dlopens `path`, validates its posprop_plugin_v1 description and adds its encoder
/// ("plugin:<name>", family "plugin", double_only) with the reference encoder's expectations.
/// Throws InputError naming the file and the field on any problem.
const EncoderEntry& load_plugin(const std::string& path);

}  // namespace posprop
