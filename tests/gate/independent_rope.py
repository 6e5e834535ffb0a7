#!/usr/bin/env python3
"""Independent fp32 / fp64 RoPE implementations (numpy), written from transformers'
modeling_rope_utils.py and llama.cpp's ggml-cpu/ops.cpp -- not from posprop -- for the golden
vectors of `posprop vectors`, with the long-context bugs of issue 11 as switches:

  python3 independent_rope.py VECTORS OUTPUTS [--dtype float32|float64]
                              [--recipe transformers|ggml-cpu] [--bug BUG]

BUG:
  cache-clamp      cos/sin cache built for 65536 positions, positions beyond use the last row
  bf16-inv-freq    inverse frequencies held in bf16 (the buffer cast with a bf16 model)
  mscale-twice     YaRN attention factor multiplied into cos/sin and once more into the outputs
  ggml-yarn-round  llama.cpp's YaRN: the correction range floored/ceiled even when truncate=false
  axes-swapped     multi-axis positions: the last two axes swapped (M-RoPE h <-> w, 2-D x <-> y)
  text-only        multi-axis positions: every axis given the first one (text positions)

Multi-axis encoders (vector positions): mrope (transformers modeling_qwen2_vl.py: half-split,
inv_freq over head_dim, pair k turns with the axis of the section holding k) and rope-2d-axial
(naver-ai/rope-vit compute_axial_cis: interleaved, theta^(-4k/d), the first d/4 pairs with x).
"""
import argparse
import json
import math

import numpy as np


def bf16(x):
    """Round float32 values to bfloat16 (nearest, ties to even) and back to float32."""
    bits = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return rounded.astype(np.uint32).view(np.float32)


def correction_dim(rotations, dim, base, max_pos):
    return (dim * math.log(max_pos / (rotations * 2 * math.pi))) / (2 * math.log(base))


def get_mscale(scale, mscale=1.0):
    return 1.0 if scale <= 1 else 0.1 * mscale * math.log(scale) + 1.0


def inv_freq_and_attention(p, dt, recipe, bug):
    """transformers' rope init functions (rope_type from the posprop parameters)."""
    d = int(int(p["head_dim"]) * float(p.get("partial_rotary_factor", "1")))
    base = float(p["rope_theta"])
    kind = p.get("rope_type", "default")
    factor = float(p.get("factor", "1"))
    L = float(p.get("original_max_position_embeddings", "1"))
    if kind == "ntk":
        base = base * factor ** (d / (d - 2))
    if kind == "dynamic":
        seq = max(float(p["seq_len"]), L)
        base = base * ((factor * seq / L) - (factor - 1)) ** (d / (d - 2))
    exponent = np.arange(0, d, 2, dtype=np.int64).astype(dt) / dt(d)
    if recipe == "ggml-cpu":  # theta_scale = powf(base, -2/n_dims); theta *= theta_scale
        ts = np.power(dt(base), dt(-2.0) / dt(d))
        inv = np.empty(d // 2, dtype=dt)
        theta = dt(1)
        for k in range(d // 2):
            inv[k] = theta
            theta = dt(theta * ts)
        pos_freqs = dt(1) / inv
    else:
        pos_freqs = np.power(dt(base), exponent)
        inv = dt(1) / pos_freqs
    att = 1.0
    if kind == "linear":
        inv = inv / dt(factor)
    elif kind == "yarn":
        truncate = p.get("truncate", "true") == "true" or bug == "ggml-yarn-round"
        low = correction_dim(float(p["beta_fast"]), d, base, L)
        high = correction_dim(float(p["beta_slow"]), d, base, L)
        if truncate:
            low, high = math.floor(low), math.ceil(high)
        low, high = max(low, 0), min(high, d - 1)
        if low == high:
            high += 0.001
        ramp = np.clip((np.arange(d // 2, dtype=dt) - dt(low)) / dt(high - low), 0, 1)
        extrap_factor = dt(1) - ramp
        interp = dt(1) / (dt(factor) * pos_freqs)
        inv = interp * (dt(1) - extrap_factor) + inv * extrap_factor
        m, m_all = float(p.get("mscale", "0")), float(p.get("mscale_all_dim", "0"))
        if p.get("attention_factor", "auto") != "auto":
            att = float(p["attention_factor"])
        elif m and m_all:
            att = get_mscale(factor, m) / get_mscale(factor, m_all)
        else:
            att = get_mscale(factor)
    elif kind == "longrope":
        use_long = float(p["seq_len"]) > L
        ext = np.array([float(v) for v in p["long_factor" if use_long else "short_factor"].split(",")],
                       dtype=dt)
        inv = dt(1) / (ext * pos_freqs)
        if p.get("attention_factor", "auto") != "auto":
            att = float(p["attention_factor"])
        elif factor > 1:
            att = math.sqrt(1 + math.log(factor) / math.log(L))
    elif kind == "llama3":
        lf, hf = float(p["low_freq_factor"]), float(p["high_freq_factor"])
        low_wl, high_wl = L / lf, L / hf
        wavelen = dt(2 * math.pi) / inv
        llama = np.where(wavelen > dt(low_wl), inv / dt(factor), inv)
        smooth = (dt(L) / wavelen - dt(lf)) / dt(hf - lf)
        smoothed = (dt(1) - smooth) * llama / dt(factor) + smooth * llama
        medium = ~(wavelen < dt(high_wl)) & ~(wavelen > dt(low_wl))
        inv = np.where(medium, smoothed, llama)
    if bug == "bf16-inv-freq":
        inv = bf16(inv)
    if bug == "bf16-low-band":
        # Only the lowest-frequency quarter of the pairs held in bf16 (a separate buffer for the
        # long-wavelength band): the 2-norm bound, set by the fastest pairs, cannot see it.
        low = len(inv) * 3 // 4
        inv[low:] = bf16(inv[low:])
    return inv.astype(dt), att


def apply(x, pos, p, dt, recipe, bug):
    d = int(p["head_dim"])
    r = int(d * float(p.get("partial_rotary_factor", "1")))
    inv, att = inv_freq_and_attention(p, dt, recipe, bug)
    if bug == "cache-clamp":
        pos = min(pos, 65535)
    angle = inv * dt(pos)  # freqs = inv_freq @ position_ids
    cos, sin = np.cos(angle) * dt(att), np.sin(angle) * dt(att)
    x = np.asarray(x, dtype=dt)
    y = x.copy()
    if p.get("layout", "half_split") == "half_split":
        a, b = np.arange(r // 2), np.arange(r // 2) + r // 2
    else:
        a, b = np.arange(0, r, 2), np.arange(1, r, 2)
    y[a] = x[a] * cos - x[b] * sin
    y[b] = x[b] * cos + x[a] * sin
    if bug == "mscale-twice":
        y[:r] = y[:r] * dt(att)
    if bug == "bf16-tail":
        y[r:] = bf16(x[r:])  # the pass-through part written through a bf16 buffer
    return y


def multiaxis_angles(encoder, p, pos, dt):
    """Per pair: (inverse frequency, the axis whose position it turns with)."""
    d = int(p["head_dim"])
    base = float(p["rope_theta"])
    if encoder == "mrope":
        section = p["mrope_section"]
        section = ([d // 8, 3 * d // 16, 3 * d // 16] if section == "auto"
                   else [int(x) for x in section.split(",")])
        inv = dt(1) / np.power(dt(base), np.arange(0, d, 2, dtype=np.int64).astype(dt) / dt(d))
        axis = np.repeat(np.arange(len(section)), section)
    else:  # rope-2d-axial
        quarter = np.arange(0, d, 4, dtype=np.int64)[: d // 4].astype(dt)
        inv = np.tile(dt(1) / np.power(dt(base), quarter / dt(d)), 2)
        axis = np.repeat([0, 1], d // 4)
    return inv, axis


def apply_multiaxis(encoder, x, pos, p, dt, bug):
    pos = list(pos)
    if bug == "axes-swapped":
        pos[-1], pos[-2] = pos[-2], pos[-1]
    if bug == "text-only":
        pos = [pos[0]] * len(pos)
    inv, axis = multiaxis_angles(encoder, p, pos, dt)
    angle = inv * np.array([dt(pos[a]) for a in axis], dtype=dt)
    cos, sin = np.cos(angle), np.sin(angle)
    x = np.asarray(x, dtype=dt)
    y = x.copy()
    d = len(x)
    if encoder == "mrope":
        a, b = np.arange(d // 2), np.arange(d // 2) + d // 2
    else:
        a, b = np.arange(0, d, 2), np.arange(1, d, 2)
    y[a] = x[a] * cos - x[b] * sin
    y[b] = x[b] * cos + x[a] * sin
    return y


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vectors")
    ap.add_argument("outputs")
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--recipe", choices=["transformers", "ggml-cpu"], default="transformers")
    ap.add_argument("--bug", choices=["cache-clamp", "bf16-inv-freq", "bf16-low-band",
                                      "bf16-tail", "mscale-twice", "ggml-yarn-round",
                                      "axes-swapped", "text-only"])
    ap.add_argument("--keys-only", action="store_true",
                    help="the bug sits in the key path only (a separate key-cache kernel)")
    args = ap.parse_args(argv)
    dt = np.float32 if args.dtype == "float32" else np.float64
    digits = 9 if dt is np.float32 else 17
    golden = json.load(open(args.vectors))
    cases = []
    for case in golden["cases"]:
        g = golden["groups"][case["group"]]
        if isinstance(case["position"], list):
            enc = golden["encoder"]
            q = apply_multiaxis(enc, g["q"], case["position"], g["params"], dt, args.bug)
            k = apply_multiaxis(enc, g["k"], case["position"], g["params"], dt, args.bug)
            cases.append({"id": case["id"],
                          "q_out": [float(f"{v:.{digits}g}") for v in q.tolist()],
                          "k_out": [float(f"{v:.{digits}g}") for v in k.tolist()]})
            continue
        pos = int(case["position"])
        q = apply(g["q"], pos, g["params"], dt, args.recipe, args.bug)
        k = apply(g["k"], pos, g["params"], dt, args.recipe, args.bug)
        if args.keys_only:
            q = apply(g["q"], pos, g["params"], dt, args.recipe, None)
        cases.append({"id": case["id"],
                      "q_out": [float(f"{v:.{digits}g}") for v in q.tolist()],
                      "k_out": [float(f"{v:.{digits}g}") for v in k.tolist()]})
    json.dump({"precision": "fp32" if dt is np.float32 else "fp64", "cases": cases},
              open(args.outputs, "w"))


if __name__ == "__main__":
    main()
