/* A plugin of a future ABI version: `posprop check --plugin` must exit 2 naming abi_version. */
#include <stddef.h>

#include "posprop/plugin.h"

static const struct posprop_plugin_v1 kPlugin = {
    99, "future", "", POSPROP_SITE_QK_TRANSFORM, "rope", "", 2, 64, 2, NULL, NULL};

const struct posprop_plugin_v1* posprop_plugin_entry(void) {
  return &kPlugin;
}
