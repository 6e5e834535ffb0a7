// `posprop check --plugin`: the property that only plugins have, plugin.matches_reference.
#pragma once

#include "support/property.hpp"

namespace posprop::cli {

/// plugin.matches_reference: the plugin's apply equals posprop's own reference encoder (not in
/// the global property list: it applies only to plugins; proofs/plugins.md section 3).
const Property& plugin_reference_property();

}  // namespace posprop::cli
