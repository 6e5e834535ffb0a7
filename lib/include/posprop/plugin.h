/* posprop plugin ABI, version 1: how a shared library exposes its positional encoding to
 * `posprop check --plugin lib.so`, so that the whole property matrix runs against outside code.
 *
 * Plain C (C89/C99 and C++ compilers), no posprop headers or libraries needed. A plugin defines
 *
 *     const struct posprop_plugin_v1 *posprop_plugin_entry(void);
 *
 * returning a pointer to a static, immutable description. posprop loads the library in a
 * worker process of its own (posprop-plugin-worker, never in posprop's process) with
 * dlopen(RTLD_NOW | RTLD_LOCAL), calls posprop_plugin_entry once per worker (a new worker after a
 * failed call), checks abi_version first and every other field after (a bad field is an input
 * error naming the field, exit code 2). Crashing, exiting or hanging while loading is exit code
 * 2; while computing, an error cell (README, "Isolation").
 *
 * Contract:
 * - site: only POSPROP_SITE_QK_TRANSFORM in version 1: the encoder maps a query q at position p
 *   to A_q(p) q and a key k at position p to A_k(p) k.
 * - reference / reference_params: the posprop encoder this plugin claims to implement (a name of
 *   `posprop list`, e.g. "rope") and its parameters as "key=value;key=value" ("" = defaults;
 *   head_dim is set by posprop). The plugin's row of the matrix inherits that encoder's
 *   expectations (which properties must hold, which must fail) and its derived error bounds, and
 *   a `plugin.matches_reference` cell compares the plugin with posprop's own encoder.
 * - dims: head dimensions the plugin supports are the even d with min_dim <= d <= max_dim and
 *   d % dim_multiple == 0. posprop calls only with such d.
 * - apply_query / apply_key: out = A(pos) in for a vector of `dim` doubles (in and out never
 *   alias; `pos` is an integer-valued double). Return 0 on success, nonzero if the input is not
 *   supported (posprop then reports an error cell, never a verdict). apply_key may be NULL when
 *   keys are transformed like queries. Calls come from one thread at a time. A call must write
 *   every out[i], only out[0 .. dim), and not modify in (each is checked: an error cell), return
 *   finite values (NaN or an infinity fails the case) and return within the time limit
 *   (--plugin-timeout, default 10 s).
 * - Computation is in double; the verdict rule (proofs/plugins.md) holds a plugin to the error
 *   bound of a correct double implementation of the reference encoder on every rung.
 */
#ifndef POSPROP_PLUGIN_H
#define POSPROP_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define POSPROP_PLUGIN_ABI_VERSION 1
#define POSPROP_PLUGIN_ENTRY_SYMBOL "posprop_plugin_entry"

enum posprop_plugin_site { POSPROP_SITE_QK_TRANSFORM = 1 };

typedef int (*posprop_apply_fn)(int32_t dim, double pos, const double* in, double* out);

struct posprop_plugin_v1 {
  uint32_t abi_version;         /* POSPROP_PLUGIN_ABI_VERSION */
  const char* name;             /* lower-case [a-z0-9-], shown as "plugin:<name>" */
  const char* description;      /* one line */
  int32_t site;                 /* enum posprop_plugin_site */
  const char* reference;        /* posprop encoder name it implements, e.g. "rope" */
  const char* reference_params; /* "key=value;key=value" for the reference, "" for defaults */
  int32_t min_dim, max_dim, dim_multiple;
  posprop_apply_fn apply_query;
  posprop_apply_fn apply_key; /* NULL: same as apply_query */
};

typedef const struct posprop_plugin_v1* (*posprop_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* POSPROP_PLUGIN_H */
