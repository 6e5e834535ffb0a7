#!/usr/bin/env python3
"""The model catalogue (models/): every model derives; `vectors --model X` and `vectors
--hf-config models/X.json` (with the entry's layer type and overrides) write identical files;
the derived numbers match the model cards and transformers' formulas
(src/transformers/modeling_rope_utils.py); the scaling rule changes Qwen2.5's model-card YaRN
exactly as issue 14 states (pairs 24-63, attention factor 1.1386 -> 1)."""
import json
import math
import os
import sys
import tempfile

from cli_common import expect, run

binary = sys.argv[1]
models_dir = sys.argv[2]

p = run(binary, ["list", "--models", "--json"])
expect(p.returncode == 0, "list --models --json", p)
models = {m["name"]: m for m in json.loads(p.stdout)["models"]}
expect(len(models) >= 15, "at least 15 catalogue models, got %d" % len(models), p)
for m in models.values():
    expect(m["source"].startswith("RoPE-relevant keys of https://huggingface.co/"),
           "%s: _source names the config.json" % m["name"])

expected_encoders = {
    "llama-3.1-8b": "rope-llama3", "llama-3.2-1b": "rope-llama3", "qwen2.5-7b": "rope-neox",
    "qwen2.5-7b-yarn": "rope-yarn", "qwen2-vl-7b": "mrope", "deepseek-v3": "rope-yarn",
    "phi-3.5-mini": "rope-longrope", "phi-3.5-mini-long": "rope-longrope",
    "gemma-2-9b": "rope-neox", "gemma-3-27b-local": "rope-neox",
    "gemma-3-27b-global": "rope-linear", "mistral-7b": "rope-neox",
    "pythia-160m": "rope-partial", "gpt-j-6b": "rope-partial",
    "gpt-oss-20b": "rope-yarn-untruncated"}
for name, encoder in expected_encoders.items():
    expect(name in models, "catalogue has %s" % name)
    expect(models[name]["encoder"] == encoder,
           "%s derives %s, not %s" % (name, encoder, models[name]["encoder"]))


def freqs(*args):
    p = run(binary, ["freqs", "--json", "--digits", "30"] + list(args))
    expect(p.returncode == 0, "freqs %s" % " ".join(args), p)
    expect("ignored (do not affect the encoding)" in p.stderr, "derivation on stderr", p)
    return json.loads(p.stdout)


# Model-card numbers and transformers' formulas.
ds = freqs("--model", "deepseek-v3")
expect(ds["params"]["head_dim"] == "64" and ds["params"]["layout"] == "interleaved",
       "DeepSeek-V3: RoPE on the 64-wide part, interleaved")
expect(float(ds["attention_factor"]) == 1.0, "DeepSeek-V3: mscale = mscale_all_dim -> c = 1")
oss = freqs("--model", "gpt-oss-20b")
expect(abs(float(oss["attention_factor"]) - (0.1 * math.log(32) + 1)) < 1e-15,
       "gpt-oss: c = 0.1 ln 32 + 1")
phi = freqs("--model", "phi-3.5-mini")
expect(abs(float(phi["attention_factor"]) - math.sqrt(1 + math.log(32) / math.log(4096))) < 1e-15,
       "Phi-3.5: c = sqrt(1 + ln 32 / ln 4096)")
phi_long = freqs("--model", "phi-3.5-mini-long")
expect(math.isclose(float(phi_long["inv_freq"][47]) * 64.83999633789062, 10000 ** (-94 / 96),
                    rel_tol=1e-14),
       "Phi-3.5 long: pair 47 divided by long_factor[47]")
llama = freqs("--model", "llama-3.1-8b")
expect(float(llama["inv_freq"][0]) == 1.0 and
       math.isclose(float(llama["inv_freq"][63]), 500000 ** (-126 / 128) / 8, rel_tol=1e-14),
       "Llama 3.1: pair 0 kept, pair 63 divided by 8")
pythia = freqs("--model", "pythia-160m")
expect(len(pythia["inv_freq"]) == 8, "Pythia: 16 of 64 dims rotate (8 pairs)")

# The scaling rule on Qwen2.5's model-card YaRN block.
explicit = freqs("--model", "qwen2.5-7b-yarn")
ratio = freqs("--model", "qwen2.5-7b-yarn", "--scaling-rule", "ratio")
changed = [i for i in range(64) if explicit["inv_freq"][i] != ratio["inv_freq"][i]]
expect(changed == list(range(24, 64)), "explicit vs ratio differ in pairs 24-63: %s" % changed)
expect(explicit["attention_factor"].startswith("1.13862943611198906188344642429"),
       "explicit: c = 0.1 ln 4 + 1")
expect(float(ratio["attention_factor"]) == 1.0, "ratio: factor 1, c = 1")
p = run(binary, ["freqs", "--model", "qwen2.5-7b-yarn", "--scaling-rule", "ratio"])
expect("scaling rule: ratio" in p.stderr, "the rule used is printed", p)

# llama.cpp's YaRN (rope-yarn-ggml: correction range floored / ceiled whatever truncate says) on
# gpt-oss's geometry differs from transformers' (truncate false) in pairs 9-17, by up to 76 %.
geometry = ["--set", "head_dim=64", "--set", "rope_theta=150000", "--set", "factor=32", "--set",
            "original_max_position_embeddings=4096"]
ggml = json.loads(run(binary, ["freqs", "rope-yarn-ggml", "--json"] + geometry).stdout)
hf = json.loads(run(binary, ["freqs", "rope-yarn-untruncated", "--json"] + geometry).stdout)
rel = {i: float(ggml["inv_freq"][i]) / float(hf["inv_freq"][i]) - 1 for i in range(32)
       if ggml["inv_freq"][i] != hf["inv_freq"][i]}
expect(sorted(rel) == list(range(9, 18)), "ggml vs transformers: pairs 9-17 differ: %s" % rel)
expect(max(rel, key=lambda i: abs(rel[i])) == 17 and abs(rel[17] - 0.7627) < 1e-4,
       "ggml vs transformers: largest difference 76 %% at pair 17: %s" % rel)

# vectors --model and --hf-config give identical files.
with tempfile.TemporaryDirectory() as tmp:
    for name in models:
        doc = json.load(open(os.path.join(models_dir, name + ".json")))
        extra = []
        meta = doc.get("_posprop", {})
        if "layer_type" in meta:
            extra += ["--layer-type", meta["layer_type"]]
        for k, v in meta.get("set", {}).items():
            extra += ["--set", "%s=%s" % (k, v)]
        a, b = os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")
        common = ["--positions", "0,1,7,4097", "--no-extra-cases", "--digits", "20"]
        pa = run(binary, ["vectors", "--model", name, "--out", a] + common)
        expect(pa.returncode == 0, "vectors --model %s" % name, pa)
        pb = run(binary, ["vectors", "--hf-config", os.path.join(models_dir, name + ".json"),
                          "--out", b] + common + extra)
        expect(pb.returncode == 0, "vectors --hf-config %s" % name, pb)
        expect(open(a).read() == open(b).read(), "%s: --model and --hf-config files differ" % name)
        # `vectors --model NAME` at the default positions, with the bug-hunting cases, is
        # cli/conformance_drift's command for every catalogue model (compared byte for byte).
    # verify --model: the exact outputs pass; vectors of other parameters are refused (exit 2).
    vec, outs = os.path.join(tmp, "v.json"), os.path.join(tmp, "o.json")
    p = run(binary, ["vectors", "--model", "llama-3.2-1b", "--positions", "0,5,9000",
                     "--no-extra-cases", "--out", vec])
    expect(p.returncode == 0, "vectors --model llama-3.2-1b", p)
    g = json.load(open(vec))
    json.dump({"precision": "fp64", "cases": [
        {"id": c["id"], "q_out": [float(x) for x in c["q_out"]],
         "k_out": [float(x) for x in c["k_out"]]} for c in g["cases"]]}, open(outs, "w"))
    p = run(binary, ["verify", "--model", "llama-3.2-1b", "--vectors", vec, "--outputs", outs])
    expect(p.returncode == 0, "verify --model: exact outputs pass", p)
    p = run(binary, ["verify", "--model", "llama-3.2-1b", "--set", "factor=16", "--vectors", vec,
                     "--outputs", outs])
    expect(p.returncode == 2 and "parameter factor = 32 (groups[0].params), but the config derives 16" in p.stderr,
           "verify --model with other parameters: exit 2 naming the parameter", p)
    p = run(binary, ["verify", "--model", "mistral-7b", "--vectors", vec, "--outputs", outs])
    expect(p.returncode == 2 and "golden vectors are for encoder 'rope-llama3'" in p.stderr,
           "verify --model of another encoder: exit 2", p)
print("ok: %d catalogue models" % len(models))
