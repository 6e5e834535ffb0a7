#!/usr/bin/env python3
"""`posprop freqs --json` is one JSON object, every number a string, reproducing the public test
vectors (transformers tests/utils/test_modeling_rope_utils.py, test_yarn_rope_numerically and
test_llama3_rope_numerically) and agreeing with Python's decimal module at 60 digits."""
import json
import sys
from decimal import Decimal, getcontext

from cli_common import expect, run

binary = sys.argv[1]
getcontext().prec = 80

yarn = ["freqs", "rope-yarn", "--set", "head_dim=128", "--set", "factor=10", "--set",
        "original_max_position_embeddings=2048", "--digits", "60", "--json"]
p = run(binary, yarn)
expect(p.returncode == 0, "freqs --json failed", p)
doc = json.loads(p.stdout)
expect(doc["encoder"] == "rope-yarn", "encoder name", p)
expect(doc["params"]["factor"] == "10" and doc["params"]["truncate"] == "true", "params echoed", p)
for key in ("inv_freq", "attention_factor", "low", "high", "ramp", "default_inv_freq"):
    expect(key in doc, "missing key %s" % key, p)
expect(all(isinstance(v, str) for v in doc["inv_freq"]), "inv_freq items are strings", p)
expect(len(doc["inv_freq"]) == 64 and len(doc["ramp"]) == 64, "64 pairs", p)
expect(doc["low"] == "16" and doc["high"] == "41", "YaRN low/high = 16/41: %s/%s" %
       (doc["low"], doc["high"]), p)

# attention_factor = 0.1 ln 10 + 1 to 60 digits.
want = Decimal("0.1") * Decimal(10).ln() + 1
got = Decimal(doc["attention_factor"])
expect(abs(got - want) <= Decimal("1e-59"), "attention_factor %s vs %s" % (got, want), p)

# inv_freq[17] = (1e4^(-34/128)) (ramp/10 + 1 - ramp), ramp = 1/25; printed 8.3479e-02 by HF.
theta17 = (-(Decimal(34) / Decimal(128)) * Decimal(10000).ln()).exp()
ramp = Decimal(1) / Decimal(25)
want17 = theta17 / 10 * ramp + theta17 * (1 - ramp)
expect(abs(Decimal(doc["inv_freq"][17]) - want17) <= Decimal("1e-60"), "inv_freq[17]", p)
expect(f"{float(doc['inv_freq'][17]):.4e}" == "8.3479e-02", "HF snapshot 8.3479e-02", p)

llama = ["freqs", "rope-llama3", "--set", "head_dim=128", "--set", "rope_theta=10000", "--set",
         "factor=10", "--set", "original_max_position_embeddings=2048", "--json"]
p = run(binary, llama)
expect(p.returncode == 0, "llama3 freqs --json failed", p)
doc = json.loads(p.stdout)
bands = doc["band"]
expect(bands[30] == "high" and bands[31] == "medium" and bands[40] == "medium" and
       bands[41] == "low", "Llama 3 bands 31..40 medium: %s" % bands[28:43], p)
snapshot = {31: "1.0730e-02", 35: "2.8248e-03", 40: "3.4539e-04"}
for i, s in snapshot.items():
    expect(f"{float(doc['inv_freq'][i]):.4e}" == s, "llama3 inv_freq[%d]" % i, p)
print("ok")
