#!/usr/bin/env python3
"""An outside RoPE implementation (pure Python, fp64) checked by posprop's golden vectors.

    posprop vectors rope --dim 64 --positions 0:4096:512 --out golden.json
    python3 rope_impl.py golden.json outputs.json          # or outputs.csv
    posprop verify rope --vectors golden.json --outputs outputs.json

Implements RoPE as transformers does (modeling_rope_utils.py _compute_default_rope_parameters,
modeling_llama.py rotate_half): inv_freq_k = base^(-2k/r) with r = int(head_dim *
partial_rotary_factor), pairs (2k, 2k+1) for layout "interleaved" and (k, k + r/2) for
"half_split", coordinates >= r copied. --bug layout|float-angles injects a bug that verify catches.
"""
import argparse
import json
import math
import struct


def to_float32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def rope(x, pos, params, bug=None):
    d = int(params["head_dim"])
    r = int(d * float(params.get("partial_rotary_factor", "1")))
    base = float(params["rope_theta"])
    half_split = params.get("layout", "interleaved") == "half_split"
    if bug == "layout":
        half_split = not half_split
    y = list(x)
    for k in range(r // 2):
        inv_freq = base ** (-(2 * k) / r)
        angle = pos * inv_freq
        if bug == "float-angles":
            angle = to_float32(to_float32(pos) * to_float32(inv_freq))
        c, s = math.cos(angle), math.sin(angle)
        a, b = (k, k + r // 2) if half_split else (2 * k, 2 * k + 1)
        y[a] = x[a] * c - x[b] * s
        y[b] = x[a] * s + x[b] * c
    return y


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vectors")
    ap.add_argument("outputs", help="*.json or *.csv")
    ap.add_argument("--bug", choices=["layout", "float-angles"])
    args = ap.parse_args()

    golden = json.load(open(args.vectors))
    groups = golden["groups"]
    results = []
    for case in golden["cases"]:
        g = groups[case["group"]]
        pos = case["position"]
        results.append((case["id"], rope(g["q"], pos, g["params"], args.bug),
                        rope(g["k"], pos, g["params"], args.bug)))

    with open(args.outputs, "w") as out:
        if args.outputs.endswith(".csv"):
            out.write("case,vector,values...\n")
            for cid, q, k in results:
                out.write(f"{cid},q," + ",".join(repr(v) for v in q) + "\n")
                out.write(f"{cid},k," + ",".join(repr(v) for v in k) + "\n")
        else:
            json.dump({"precision": "fp64",
                       "cases": [{"id": cid, "q_out": q, "k_out": k} for cid, q, k in results]},
                      out)


if __name__ == "__main__":
    main()
