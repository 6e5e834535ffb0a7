/* Deliberately buggy posprop plugins, one per build (-DBUG=1 to 6), each a bug seen in real
 * RoPE code (../shared/reference/bug-classes.md). `posprop check --plugin` must catch each one
 * with a readable counterexample (tests/gate/CMakeLists.txt).
 *   BUG 1  layout swapped: claims interleaved pairs (2k, 2k+1), rotates half-split (k, k + d/2);
 *   BUG 2  float angles: pos * theta_k rounded to float (as in fp32 pipelines), then cos / sin;
 *   BUG 3  scale ignored: claims linear position interpolation (rope-linear, factor 4) but
 *          forgets to divide the frequencies by the factor;
 *   BUG 4  wide heads: a kernel written for head_dim <= 64 whose path for wider heads keeps the
 *          exponent denominator 64, theta_k = 10000^(-2k/64): right for d <= 64 only (a valid
 *          rotation with other frequencies for d > 64, so only a comparison with the reference
 *          sees it);
 *   BUG 5  cache wraps: the cos / sin cache has 4096 rows and is indexed with pos mod 4096:
 *          right for |pos| < 4096 only;
 *   BUG 6  key path conjugated: a separate apply_key (as kernels with a fused key cache have)
 *          that rotates by -pos: queries are right, keys are wrong.
 * BUG 4 and 5 are invisible to generators that stay at small dims and positions (issue 12).
 */
#include <math.h>
#include <stddef.h>

#include "posprop/plugin.h"

#ifndef BUG
#error "compile with -DBUG=1, 2, 3, 4, 5 or 6"
#endif

static int apply(int32_t dim, double pos, const double* in, double* out) {
  int32_t k;
  if (dim < 2 || dim % 2 != 0) return 1;
#if BUG == 5
  if (fabs(pos) >= 4096.0) pos = fmod(pos, 4096.0);
#endif
  for (k = 0; k < dim / 2; ++k) {
#if BUG == 4
    const double inv_freq = pow(10000.0, -(double)(2 * k) / (double)(dim > 64 ? 64 : dim));
#else
    const double inv_freq = pow(10000.0, -(double)(2 * k) / (double)dim);
#endif
#if BUG == 2
    const double angle = (double)((float)pos * (float)inv_freq);
#elif BUG == 3
    const double angle = pos * inv_freq; /* should be pos * (inv_freq / 4) */
#else
    const double angle = pos * inv_freq;
#endif
    const double c = cos(angle), s = sin(angle);
#if BUG == 1
    const int32_t a = k, b = k + dim / 2;
#else
    const int32_t a = 2 * k, b = 2 * k + 1;
#endif
    out[a] = in[a] * c - in[b] * s;
    out[b] = in[a] * s + in[b] * c;
  }
  return 0;
}

#if BUG == 6
static int apply_key(int32_t dim, double pos, const double* in, double* out) {
  return apply(dim, -pos, in, out); /* should be apply(dim, pos, in, out) */
}
#endif

static const struct posprop_plugin_v1 kPlugin = {
    POSPROP_PLUGIN_ABI_VERSION,
#if BUG == 1
    "layout-swapped",
    "claims interleaved RoPE, rotates half-split pairs",
    POSPROP_SITE_QK_TRANSFORM,
    "rope",
    "layout=interleaved",
#elif BUG == 2
    "float-angles",
    "RoPE with the angle pos * theta rounded to float",
    POSPROP_SITE_QK_TRANSFORM,
    "rope",
    "layout=interleaved",
#elif BUG == 3
    "scale-ignored",
    "claims linear interpolation with factor 4, ignores the factor",
    POSPROP_SITE_QK_TRANSFORM,
    "rope-linear",
    "factor=4;layout=interleaved",
#elif BUG == 4
    "wide-head-freqs",
    "RoPE whose path for head_dim > 64 computes theta_k = 10000^(-2k/64)",
    POSPROP_SITE_QK_TRANSFORM,
    "rope",
    "layout=interleaved",
#elif BUG == 5
    "cache-wraps",
    "RoPE whose cos/sin cache has 4096 rows, indexed with pos mod 4096",
    POSPROP_SITE_QK_TRANSFORM,
    "rope",
    "layout=interleaved",
#else
    "key-conjugated",
    "RoPE whose separate key path rotates by -pos",
    POSPROP_SITE_QK_TRANSFORM,
    "rope",
    "layout=interleaved",
#endif
    2,
    256,
    2,
    apply,
#if BUG == 6
    apply_key};
#else
    NULL};
#endif

const struct posprop_plugin_v1* posprop_plugin_entry(void) {
  return &kPlugin;
}
