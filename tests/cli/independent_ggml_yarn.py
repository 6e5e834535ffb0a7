#!/usr/bin/env python3
"""An independent implementation of YaRN's correction range as llama.cpp and transformers compute
it -- written from the sources, not from posprop (stdlib only) -- checked against `posprop diff`:

  llama.cpp ggml/src/ggml.c:
    float ggml_rope_yarn_corr_dim(int n_dims, int n_ctx_orig, float n_rot, float base) {
        return n_dims * logf(n_ctx_orig / (n_rot * 2 * (float)M_PI)) / (2 * logf(base)); }
    start = floorf(corr_dim(beta_fast)); end = ceilf(corr_dim(beta_slow));
    dims[0] = MAX(0, start); dims[1] = MIN(n_dims - 1, end);        (no truncate switch)
  llama.cpp ggml/src/ggml-cpu/ops.cpp rope_yarn_ramp:
    y = (i0 / 2 - low) / MAX(0.001f, high - low); return 1 - MIN(1, MAX(0, y));
  transformers modeling_rope_utils.py _compute_yarn_parameters:
    find_correction_range(...): low, high = find_correction_dim(beta_fast), (beta_slow);
    if truncate: low = math.floor(low); high = math.ceil(high); return max(low, 0), min(high, dim-1)
    linear_ramp_factor: if min == max: max += 0.001; clamp((arange(dim) - min) / (max - min), 0, 1)
    inv_freq = inv_freq_interpolation * (1 - extrapolation_factor)
               + inv_freq_extrapolation * extrapolation_factor,  extrapolation_factor = 1 - ramp

For each geometry the pairs where the two ramps differ are predicted here; `posprop diff
rope-yarn-untruncated rope-yarn-ggml` (transformers with truncate false vs llama.cpp) must report
exactly those pairs as differing beyond the fp32 tolerance, with the same relative frequency
difference. On gpt-oss's geometry that is pairs 9-17, +76 % at pair 17.

usage: independent_ggml_yarn.py POSPROP
"""
import json
import math
import struct
import subprocess
import sys


def f32(x):
    """x rounded to float32 (C's double -> float conversion)."""
    return struct.unpack("f", struct.pack("f", x))[0]


def ggml_corr_dims(n_dims, n_ctx_orig, base, beta_fast, beta_slow):
    def corr_dim(n_rot):
        arg = f32(n_ctx_orig / f32(f32(n_rot * 2) * f32(math.pi)))
        return f32(f32(n_dims * f32(math.log(arg))) / f32(2 * f32(math.log(f32(base)))))
    start = math.floor(corr_dim(f32(beta_fast)))
    end = math.ceil(corr_dim(f32(beta_slow)))
    return max(0.0, start), min(float(n_dims - 1), end)


def hf_corr_range(dim, base, max_pos, beta_fast, beta_slow, truncate):
    def corr_dim(rot):
        return (dim * math.log(max_pos / (rot * 2 * math.pi))) / (2 * math.log(base))
    low, high = corr_dim(beta_fast), corr_dim(beta_slow)
    if truncate:
        low, high = math.floor(low), math.ceil(high)
    return max(low, 0), min(high, dim - 1)


def ramp(low, high, k):
    if low == high:
        high += 0.001
    return min(1.0, max(0.0, (k - low) / (high - low)))


def inv_freq(dim, base, factor, low, high):
    out = []
    for k in range(dim // 2):
        default = base ** (-2 * k / dim)
        r = ramp(low, high, k)  # 1 - extrapolation_factor
        out.append(default / factor * r + default * (1 - r))
    return out


def check(binary, dim, base, factor, orig, failures):
    hf = hf_corr_range(dim, base, orig, 32, 1, truncate=False)
    gg = ggml_corr_dims(dim, orig, base, 32, 1)
    w_hf, w_gg = inv_freq(dim, base, factor, *hf), inv_freq(dim, base, factor, *gg)
    rel = {k: w_gg[k] / w_hf[k] - 1 for k in range(dim // 2) if abs(w_gg[k] / w_hf[k] - 1) > 1e-12}
    sets = ["head_dim=%d" % dim, "rope_theta=%g" % base, "factor=%g" % factor,
            "original_max_position_embeddings=%d" % orig]
    args = ["diff", "rope-yarn-untruncated", "rope-yarn-ggml", "--json"]
    for s in sets:
        args += ["--set", s]
    proc = subprocess.run([binary] + args, capture_output=True, text=True, timeout=300)
    name = "d=%d base=%g factor=%g L=%d" % (dim, base, factor, orig)
    expected_exit = 1 if rel else 0
    if proc.returncode != expected_exit:
        failures.append("%s: exit %d, expected %d\n%s" % (name, proc.returncode, expected_exit,
                                                          proc.stderr))
        return None
    doc = json.loads(proc.stdout)
    [conf] = doc["configurations"]
    if conf["differing_pairs"] != sorted(rel):
        failures.append("%s: posprop reports pairs %s, the independent ramps differ at %s (ggml "
                        "range %s, transformers %s)" % (name, conf["differing_pairs"], sorted(rel),
                                                        gg, hf))
    for case in conf["cases"]:
        mine = rel.get(case["pair"])
        if mine is None or abs(case["frequency_relative"] - mine) > 1e-9 * max(1, abs(mine)):
            failures.append("%s: pair %d: frequency_relative %r, independent %r" %
                            (name, case["pair"], case["frequency_relative"], mine))
    return rel


def main():
    binary = sys.argv[1]
    failures = []
    # gpt-oss (models/gpt-oss-20b.json): head_dim 64, base 150000, factor 32, L 4096.
    rel = check(binary, 64, 150000, 32, 4096, failures)
    if rel is not None:
        worst = max(rel, key=lambda k: abs(rel[k]))
        if sorted(rel) != list(range(9, 18)) or worst != 17 or abs(rel[17] - 0.7627) > 5e-4:
            failures.append("gpt-oss: independent ramps differ at %s, worst %d (%r)"
                            % (sorted(rel), worst, rel.get(worst)))
    for dim, base, factor, orig in [(128, 10000, 4, 4096), (128, 500000, 8, 8192),
                                    (64, 10000, 40, 4096), (96, 1000000, 16, 32768),
                                    (128, 10000, 10, 2048)]:
        check(binary, dim, base, factor, orig, failures)
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("posprop diff agrees with the independent correction ranges on 6 geometries "
          "(gpt-oss: pairs 9-17, +%.2f %% at pair 17)" % (100 * rel[17]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
