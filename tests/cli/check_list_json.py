#!/usr/bin/env python3
"""`posprop list --json` is JSON with every encoder and property and the documented keys."""
import json
import sys

from cli_common import expect, run

binary = sys.argv[1]
p = run(binary, ["list", "--json"])
expect(p.returncode == 0, "list --json failed", p)
doc = json.loads(p.stdout)
expect(set(doc) == {"encoders", "properties"}, "top-level keys", p)

encoder_keys = {"name": str, "family": str, "site": str, "description": str, "source": str,
                "parameters": list, "expected_failures": list}
names = set()
for e in doc["encoders"]:
    for key, kind in encoder_keys.items():
        expect(isinstance(e.get(key), kind), "encoder %r: %s must be %s" % (e, key, kind.__name__))
    expect(e["site"] in {"embedding", "qk_transform", "qk_additive", "score_bias"}, "site")
    for param in e["parameters"]:
        expect(set(param) == {"key", "default", "doc"}, "parameter keys %r" % param)
        expect(all(isinstance(v, str) for v in param.values()), "parameter values are strings")
    names.add(e["name"])
expect({"sinusoidal", "rope", "rope-neox"} <= names, "shipped encoders listed: %s" % names)

ids = set()
for prop in doc["properties"]:
    expect(set(prop) == {"id", "area", "statement", "proof", "applies_to"}, "property keys")
    expect(prop["id"].startswith(prop["area"] + "."), "id is area.name: %s" % prop["id"])
    expect(set(prop["applies_to"]) <= names, "applies_to names encoders")
    ids.add(prop["id"])
expect({"rotation.orthogonal", "score.translation_equivariant"} <= ids, "properties listed")

for e in doc["encoders"]:
    expect(set(e["expected_failures"]) <= ids, "expected failures are property ids")
sinusoidal = next(e for e in doc["encoders"] if e["name"] == "sinusoidal")
expect("score.translation_equivariant" in sinusoidal["expected_failures"], "sinusoidal xfail")
print("ok: %d encoders, %d properties" % (len(names), len(ids)))
