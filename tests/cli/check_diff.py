#!/usr/bin/env python3
"""posprop diff (issue 14 item 6): the ggml-vs-transformers YaRN finding on gpt-oss, the kernels
of llama.cpp against their formulas, the transformers-version conventions, the minimised cases
and the JSON document.

usage: check_diff.py POSPROP
"""
import json
import math
import sys

from cli_common import expect, run

binary = sys.argv[1]


def diff(*args, code):
    p = run(binary, ["diff"] + list(args) + ["--json"])
    expect(p.returncode == code, "diff %s: exit %d expected" % (" ".join(args), code), p)
    return json.loads(p.stdout)


# The finding: transformers (truncate false) vs llama.cpp (correction range floored / ceiled).
doc = diff("gpt-oss-20b", "gpt-oss-20b@ggml", code=1)
expect(doc["format"] == "posprop-diff" and doc["verdict"] == "differ", "verdict differ")
expect(doc["a"]["encoder"] == "rope-yarn-untruncated" and doc["b"]["convention"] == "ggml",
       "sides: %s / %s" % (doc["a"], doc["b"]))
expect(doc["parameter_differences"] == [{"key": "correction_range", "a": "transformers",
                                         "b": "ggml"}],
       "only correction_range differs: %s" % doc["parameter_differences"])
[conf] = doc["configurations"]
expect(conf["head_dim"] == 64 and conf["pairs"] == 32, "gpt-oss head_dim 64")
expect(conf["differing_pairs"] == list(range(9, 18)), "pairs 9-17: %s" % conf["differing_pairs"])
rel = {c["pair"]: c["frequency_relative"] for c in conf["cases"]}
worst = max(rel, key=lambda k: abs(rel[k]))
expect(worst == 17 and abs(rel[17] - 0.7627) < 5e-4, "largest: +76 %% at pair 17: %s" % rel)
expect(abs(conf["attention_factor_a"] - (0.1 * math.log(32) + 1)) < 1e-12,
       "attention factor 0.1 ln 32 + 1: %r" % conf["attention_factor_a"])
expect(conf["attention_factor_a"] == conf["attention_factor_b"], "same attention factor")
for c in conf["cases"]:
    expect(c["agrees_at"] is not None and c["first_position"] == c["agrees_at"] + 1,
           "minimised: differs at p, agrees at p - 1: %s" % c)
    expect(c["worst"]["ratio"] > 1 and c["worst"]["absolute"] > c["worst"]["tolerance"],
           "worst beyond tolerance: %s" % c)
expect(doc["minimal"] == {"head_dim": 64, "pair": 9, "position": 1, "agrees_at": 0},
       "minimal case: pair 9 at position 1: %s" % doc["minimal"])
p = run(binary, ["diff", "gpt-oss-20b", "gpt-oss-20b@ggml"])
expect("DIFFER in 9 of 32 pairs (9-17)" in p.stdout and "+76.2" in p.stdout,
       "text report names the pairs and +76 %", p)

# llama.cpp's kernels agree with llama.cpp's formula, and so differ from transformers likewise.
diff("gpt-oss-20b@ggml", "gpt-oss-20b@ggml-cpu", code=0)
kernel = diff("gpt-oss-20b", "gpt-oss-20b@ggml-cpu", code=1)
expect(kernel["configurations"][0]["differing_pairs"] == list(range(9, 18)),
       "ggml-cpu kernel vs transformers: pairs 9-17")
# theta *= theta_scale (CPU) and powf per pair (CUDA) stay within the fp32 tolerance of the
# formula at every position up to 2^24 (tests/unit/conventions_test.cpp: every family, each
# kernel within the bound of its formula alone).
for a, b, dims in [("rope-neox", "rope-neox@ggml-cpu", ["--dims", "64,256"]),
                   ("rope-neox@ggml-cpu", "rope-neox@ggml-cuda", ["--dims", "128"]),
                   ("llama-3.1-8b", "llama-3.1-8b@ggml-cpu", []),
                   ("deepseek-v3", "deepseek-v3@ggml-cuda", [])]:
    d = diff(a, b, *dims, code=0)
    for c in d["configurations"]:
        expect(c["worst_ratio"] <= 0.5,
               "%s vs %s: a kernel within its formula's own bound (ratio %r <= 1/2)"
               % (a, b, c["worst_ratio"]))

# transformers versions: Qwen2.5's model-card YaRN block, explicit factor vs the ratio rule.
q = diff("qwen2.5-7b-yarn", "qwen2.5-7b-yarn@transformers-ratio", code=1)
qc = q["configurations"][0]
expect(qc["differing_pairs"] == list(range(0, 64)), "every pair differs (attention factor): %s"
       % qc["differing_pairs"])
expect(abs(qc["attention_factor_a"] - 1.1386294361) < 1e-9 and qc["attention_factor_b"] == 1,
       "attention factor 1.1386 vs 1")

# An encoder against itself agrees, at the head_dims swept; a base off by 1e-4 is caught.
same = diff("rope-yarn", "rope-yarn", code=0)
expect([c["head_dim"] for c in same["configurations"]] == [64, 80, 96, 128, 256] and
       all(c["worst_ratio"] == 0 for c in same["configurations"]),
       "head_dims 64, 80, 96, 128, 256 swept, identical maps")
base = diff("rope-neox", "rope-neox", "--set-b", "rope_theta=10001", "--dims", "128", code=1)
expect(base["configurations"][0]["cases"][-1]["pair"] == 63, "base off: the slow pairs differ")
print("ok")
