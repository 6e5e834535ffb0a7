#!/usr/bin/env python3
"""Independent score-bias implementations (numpy), written from the reference code -- not from
posprop -- for the score-bias vectors of `posprop vectors alibi|t5-bias|t5-bias-causal`:

  python3 independent_bias.py VECTORS OUTPUTS [--dtype float32|float64] [--form FORM] [--bug BUG]

ALiBi: slopes by ofirpress/attention_with_linear_biases get_slopes (start * ratio**i in the dtype),
bias -m |i - j| (--form distance) or the reference's causal per-key form +m j (--form per-key: a
row constant away from -m (i - j), which softmax ignores; rows with keys after the query then
fail, as they should). T5: transformers modeling_t5.py _relative_position_bucket with the
logarithm in float32 (torch's default dtype), bias = table[bucket] in the dtype.

BUG (ALiBi): sign (+m |i - j|), pow2-slopes (2^(-8(h+1)/n) for any n), shard (heads h and
h + n/2 get the same slope), fp16-bias (the bias table in float16).
BUG (T5): direction (relative position i - j), no-clamp (min() to the last bucket missing),
other-mode (bidirectional <-> causal).
"""
import argparse
import json
import math

import numpy as np


def get_slopes(n, dt):
    def power_of_2(n):
        start = dt(2.0) ** -(dt(2.0) ** -(math.log2(n) - 3))
        return [start * start ** dt(i) for i in range(n)]
    if math.log2(n).is_integer():
        return power_of_2(n)
    c = 2 ** math.floor(math.log2(n))
    return power_of_2(c) + get_slopes(2 * c, dt)[0::2][: n - c]


def alibi(case, group, dt, form, bug):
    n = int(group["params"]["num_heads"])
    slopes = get_slopes(n, dt)
    if bug == "pow2-slopes":
        slopes = [dt(2.0) ** (dt(-8.0) * dt(h + 1) / dt(n)) for h in range(n)]
    if bug == "shard":
        slopes = [slopes[h % (n // 2)] for h in range(n)]
    i = case["position"]
    bias = []
    for m in slopes:
        for j in case["key_positions"]:
            if form == "per-key":
                b = dt(m) * dt(j)
            else:
                b = -(dt(m) * dt(abs(i - j)))
            if bug == "sign":
                b = -b
            if bug == "fp16-bias":
                b = np.float16(b)
            bias.append(float(b))
    return {"slopes": [float(m) for m in slopes], "bias": bias}


def t5_bucket(rel, bidirectional, num_buckets, max_distance):
    """transformers T5Attention._relative_position_bucket for one relative position."""
    bucket = 0
    if bidirectional:
        num_buckets //= 2
        bucket += num_buckets if rel > 0 else 0
        rel = abs(rel)
    else:
        rel = -min(rel, 0)
    max_exact = num_buckets // 2
    if rel < max_exact:
        return bucket + rel
    large = max_exact + int(np.log(np.float32(rel) / np.float32(max_exact))
                            / np.float32(math.log(max_distance / max_exact))
                            * np.float32(num_buckets - max_exact))
    return bucket + large if BUG == "no-clamp" else bucket + min(large, num_buckets - 1)


BUG = None


def t5(case, group, encoder, dt, bug):
    bidirectional = encoder == "t5-bias"
    if bug == "other-mode":
        bidirectional = not bidirectional
    p = group["params"]
    table = [dt(float(x)) for x in group["table"]]
    buckets, bias = [], []
    for j in case["key_positions"]:
        rel = int(j) - int(case["position"])
        if bug == "direction":
            rel = -rel
        b = t5_bucket(rel, bidirectional, int(p["num_buckets"]), int(p["max_distance"]))
        buckets.append(b)
        bias.append(float(table[min(b, len(table) - 1)]))
    return {"bucket": buckets, "bias": bias}


def main(argv=None):
    global BUG
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vectors")
    ap.add_argument("outputs")
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    ap.add_argument("--form", choices=["distance", "per-key"], default="distance")
    ap.add_argument("--bug", choices=["sign", "pow2-slopes", "shard", "fp16-bias", "direction",
                                      "no-clamp", "other-mode"])
    args = ap.parse_args(argv)
    BUG = args.bug
    dt = np.float32 if args.dtype == "float32" else np.float64
    digits = 9 if dt is np.float32 else 17
    golden = json.load(open(args.vectors))
    cases = []
    for case in golden["cases"]:
        group = golden["groups"][case["group"]]
        if golden["encoder"] == "alibi":
            out = alibi(case, group, dt, args.form, args.bug)
        else:
            out = t5(case, group, golden["encoder"], dt, args.bug)
        out = {k: [float(f"{v:.{digits}g}") for v in vs] for k, vs in out.items()}
        cases.append({"id": case["id"], **out})
    json.dump({"precision": args.dtype.replace("float", "fp"), "cases": cases},
              open(args.outputs, "w"))


if __name__ == "__main__":
    main()
