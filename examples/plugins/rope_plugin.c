/* A correct posprop plugin: RoPE with interleaved pairs (GPT-J / RoFormer eq. 34), computed in
 * double. Build: cc -shared -fPIC -O2 -I lib/include rope_plugin.c -o librope_plugin.so -lm
 * Check:  posprop check --plugin ./librope_plugin.so
 *
 * For pair k = 0 .. d/2 - 1: theta_k = 10000^(-2k/d), angle = pos * theta_k and
 *   (out[2k], out[2k+1]) = (x cos - y sin, x sin + y cos) with (x, y) = (in[2k], in[2k+1]).
 */
#include <math.h>
#include <stddef.h>

#include "posprop/plugin.h"

/* The head dims this build supports (the test suite also builds it for exactly d = 128). */
#ifndef ROPE_PLUGIN_MIN_DIM
#define ROPE_PLUGIN_MIN_DIM 2
#endif
#ifndef ROPE_PLUGIN_MAX_DIM
#define ROPE_PLUGIN_MAX_DIM 256
#endif
#ifndef ROPE_PLUGIN_NAME
#define ROPE_PLUGIN_NAME "example-rope"
#endif
/* The posprop encoder (and parameters) this plugin claims to implement. The tests also build it
 * with ROPE_PLUGIN_CLAIMS_YARN: YaRN with factor 1 and attention factor 1, which it matches
 * exactly but whose expected failures (a norm != 1) it cannot show (tests/gate: MISSED cells). */
#ifdef ROPE_PLUGIN_CLAIMS_YARN
#define ROPE_PLUGIN_REFERENCE "rope-yarn"
#define ROPE_PLUGIN_REFERENCE_PARAMS \
  "rope_theta=10000;layout=interleaved;factor=1;attention_factor=1"
#else
#define ROPE_PLUGIN_REFERENCE "rope"
#define ROPE_PLUGIN_REFERENCE_PARAMS "rope_theta=10000;layout=interleaved;partial_rotary_factor=1"
#endif

static int rope_apply(int32_t dim, double pos, const double* in, double* out) {
  int32_t k;
  if (dim < 2 || dim % 2 != 0) return 1;
  for (k = 0; k < dim / 2; ++k) {
    const double inv_freq = pow(10000.0, -(double)(2 * k) / (double)dim);
    const double angle = pos * inv_freq;
    const double c = cos(angle), s = sin(angle);
    const double x = in[2 * k], y = in[2 * k + 1];
    out[2 * k] = x * c - y * s;
    out[2 * k + 1] = x * s + y * c;
  }
  return 0;
}

static const struct posprop_plugin_v1 kPlugin = {
    POSPROP_PLUGIN_ABI_VERSION,
    ROPE_PLUGIN_NAME,
    "RoPE, interleaved pairs, base 10000, in double (examples/plugins/rope_plugin.c)",
    POSPROP_SITE_QK_TRANSFORM,
    ROPE_PLUGIN_REFERENCE,
    ROPE_PLUGIN_REFERENCE_PARAMS,
    ROPE_PLUGIN_MIN_DIM,
    ROPE_PLUGIN_MAX_DIM,
    2, /* dim_multiple */
    rope_apply,
    NULL /* keys are rotated like queries */
};

const struct posprop_plugin_v1* posprop_plugin_entry(void) {
  return &kPlugin;
}
