#!/usr/bin/env python3
"""The stdlib-only checker (examples/conformance/check_vectors.py) and `posprop verify` agree case
by case, on good and on broken outputs (issue 14 item 3):

  agreement   conformance files of several shapes (scaled RoPE with an attention factor, partial
              rotary, LongRoPE, Llama 3, xPos, M-RoPE and 2-D axial with vector positions, ALiBi,
              T5 bidirectional and causal) x outputs: correct fp32 and fp64
              implementations, the exact references, the long-context bugs of
              tests/gate/independent_rope.py and independent_bias.py, the other layout, a NaN,
              and perturbations at 0.999 and 1.001 times a case's tolerance (2-norm, one pair, a
              copied coordinate, an ALiBi slope, a T5 bias);
              every per-case verdict, the magnitude / norms checks and the overall verdict must
              be equal, and every broken output must fail.
  conformance every conformance file: its exact outputs pass both tools (soak: the whole set;
              default tier: a sample).

usage: checker_agreement.py SCENARIO --posprop BIN --conformance DIR --checker FILE --work DIR [--soak]
"""
import argparse
import decimal
import json
import math
import os
import subprocess
import sys

import implementations

A = None


def run(args, expect=None):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=A.work)
    if expect is not None and p.returncode not in expect:
        sys.exit(f"FAIL: exit {p.returncode}\n$ {' '.join(map(str, args))}\n{p.stdout}\n{p.stderr}")
    return p


def path(name):
    return os.path.join(A.work, name)


def exact_outputs(doc, name, edit=None):
    """The reference values rounded to doubles, optionally edited: edit(doc, outputs)."""
    cases = [{"id": c["id"], "q_out": [float(x) for x in c["q_out"]],
              "k_out": [float(x) for x in c["k_out"]]} for c in doc["cases"]]
    out = {"precision": "fp64", "cases": cases}
    if edit:
        edit(doc, out)
    json.dump(out, open(path(name), "w"))
    return name


def both(vectors, outputs, precision):
    """Both tools' reports on the same inputs."""
    v = run([A.posprop, "verify", "--vectors", vectors, "--outputs", outputs, "--precision",
             precision, "--json", "-"], expect=(0, 1))
    c = run([sys.executable, A.checker, vectors, outputs, "--precision", precision, "--json", "-"],
            expect=(0, 1))
    return json.loads(v.stdout), json.loads(c.stdout), v.returncode, c.returncode


def agree(vectors, outputs, precision, must_fail):
    v, c, v_rc, c_rc = both(vectors, outputs, precision)
    shown = f"{os.path.basename(vectors)} / {outputs} ({precision})"
    vc = {r["id"]: r["verdict"] for r in v["cases"]}
    cc = {r["id"]: r["verdict"] for r in c["cases"]}
    if vc != cc:
        diff = {i: (vc.get(i), cc.get(i)) for i in set(vc) | set(cc) if vc.get(i) != cc.get(i)}
        sys.exit(f"FAIL: {shown}: per-case verdicts differ (verify, checker): {diff}")
    vchecks = {k["name"]: k["verdict"] for k in v["checks"] if not k["diagnosis_only"]}
    for k in c["checks"]:
        if vchecks.get(k["name"]) != k["verdict"]:
            sys.exit(f"FAIL: {shown}: check {k['name']}: verify {vchecks.get(k['name'])}, "
                     f"checker {k['verdict']}")
    if (v["verdict"], v_rc) != (c["verdict"], c_rc):
        sys.exit(f"FAIL: {shown}: verdict verify {v['verdict']} ({v_rc}), checker "
                 f"{c['verdict']} ({c_rc}); verify's checks {vchecks}")
    if must_fail is not None and (v["verdict"] == "fail") != must_fail:
        sys.exit(f"FAIL: {shown}: expected {'a failure' if must_fail else 'a pass'}, got "
                 f"{v['verdict']}")
    failed = sum(x == "fail" for x in vc.values())
    print(f"{shown}: both {v['verdict']}, {failed}/{len(vc)} cases fail")


# --- perturbations at the tolerance --------------------------------------------------------------

def nudge(scale, where, precision="fp64"):
    """Adds `scale` x a tolerance to one output coordinate of the case at the largest position,
    where the tolerances are far above one ulp of the outputs: where = "norm" (coordinate 0 of
    q_out against tolerance.q), "pair" (the pair with the largest q_pairs bound), "copied" (a
    copied coordinate against pass_through). The realized error must land on the intended side."""
    def edit(doc, out):
        c = max((c for c in doc["cases"] if c["tolerance"][precision]),
                key=lambda c: (c["tolerance"][precision]["q"], -c["id"]))
        g, t = doc["groups"][c["group"]], c["tolerance"][precision]
        if where == "norm":
            idx, amount = 0, t["q"]
        elif where == "pair":
            k = max(range(len(t["q_pairs"])), key=lambda k: t["q_pairs"][k])
            idx, amount = g["pairs"][k][0], t["q_pairs"][k]
        else:
            rotated = {i for p in g["pairs"] for i in p}
            idx = [i for i in range(g["dim"]) if i not in rotated and g["q"][i] != 0][0]
            amount = t["pass_through"] * abs(g["q"][idx])
        q = out["cases"][c["id"]]["q_out"]
        q[idx] = float(c["q_out"][idx]) + scale * amount
        realized = abs(decimal.Decimal(q[idx]) - decimal.Decimal(c["q_out"][idx]))
        if (realized > decimal.Decimal(amount)) != (scale > 1):
            sys.exit(f"FAIL: the nudge at {where} did not land on the intended side")
    return edit


def nan_in_one(doc, out):
    out["cases"][min(3, len(out["cases"]) - 1)]["k_out"][1] = math.nan


def swap_layout(doc, out):
    """Pairs (2k, 2k+1) written as if they were (k, k + d/2): the other layout's coordinates."""
    for c in out["cases"]:
        for name in ("q_out", "k_out"):
            v = c[name]
            half = len(v) // 2
            c[name] = [v[2 * i] for i in range(half)] + [v[2 * i + 1] for i in range(half)]


# --- scenarios ------------------------------------------------------------------------------------

def numpy_available():
    return implementations.available()


def independent(vectors, name, *extra):
    implementations.rope(path(vectors), path(name), *extra)
    return name


def scenario_agreement():
    conf = A.conformance
    rope_like = {
        "models/gpt-oss-20b.json": ["mscale-twice", "bf16-low-band"],  # attention factor, YaRN
        "models/pythia-160m.json": ["bf16-tail", "cache-clamp"],       # partial rotary
        "models/phi-3.5-mini.json": ["bf16-inv-freq"],                 # LongRoPE
        "models/llama-3.1-8b.json": ["bf16-inv-freq", "cache-clamp"],  # Llama 3
    }
    others = ["encoders/xpos.json", "models/qwen2-vl-7b.json"]  # generic bound; norms (M-RoPE)
    if not A.soak:  # the default tier: one file of each kind of check, one bug each
        rope_like = {"models/pythia-160m.json": ["bf16-tail", "cache-clamp"]}
        others = ["models/qwen2-vl-7b.json"]
    for rel, bugs in rope_like.items():
        vec = os.path.join(conf, rel)
        doc = json.load(open(vec))
        base = os.path.basename(rel)[:-5]
        if numpy_available():
            agree(vec, independent(vec, f"{base}-fp32.json"), "fp32", False)
            if A.soak:
                agree(vec, independent(vec, f"{base}-fp64.json", "--dtype", "float64"), "fp64",
                      False)
            for bug in bugs:
                agree(vec, independent(vec, f"{base}-{bug}.json", "--bug", bug), "fp32", True)
        if A.soak:
            agree(vec, exact_outputs(doc, f"{base}-exact.json"), "fp64", False)
            agree(vec, exact_outputs(doc, f"{base}-nan.json", nan_in_one), "fp64", True)
            agree(vec, exact_outputs(doc, f"{base}-layout.json", swap_layout), "fp64", True)
        # Copied coordinates: the fp64 bound (6e-41 |x|) is below one ulp, so at fp32.
        for where, precision in (("norm", "fp64"), ("pair", "fp64"), ("copied", "fp32")):
            if where == "copied" and base != "pythia-160m":
                continue
            agree(vec, exact_outputs(doc, f"{base}-{where}-in.json",
                                     nudge(0.999, where, precision)), precision, None)
            agree(vec, exact_outputs(doc, f"{base}-{where}-out.json",
                                     nudge(1.001, where, precision)), precision, True)
    for rel in others:
        vec = os.path.join(conf, rel)
        doc = json.load(open(vec))
        base = os.path.basename(rel)[:-5]
        agree(vec, exact_outputs(doc, f"{base}-nan.json", nan_in_one), "fp64", True)
        agree(vec, exact_outputs(doc, f"{base}-norm-in.json", nudge(0.999, "norm")), "fp64", None)
        agree(vec, exact_outputs(doc, f"{base}-norm-out.json", nudge(1.001, "norm")), "fp64", True)
    multiaxis_agreement()
    score_bias_agreement()


def malformed_inputs():
    """The checker refuses malformed files with exit 2 and the file / JSON path named, as verify."""
    vec = os.path.join(A.conformance, "models/pythia-160m.json")
    doc = json.load(open(vec))
    good = exact_outputs(doc, "good.json")
    out = json.load(open(path(good)))

    def refused(vectors, outputs, message, *extra):
        p = run([sys.executable, A.checker, vectors, outputs, *extra], expect=(2,))
        if message not in p.stderr:
            sys.exit(f"FAIL: checker stderr lacks {message!r}:\n{p.stderr}")

    del out["cases"][2]
    json.dump(out, open(path("missing.json"), "w"))
    refused(vec, path("missing.json"), "missing.json: case 2 has no q_out")
    out = json.load(open(path(good)))
    out["cases"][1]["k_out"].pop()
    json.dump(out, open(path("short.json"), "w"))
    refused(vec, path("short.json"), "case 1 k_out has 63 values, expected 64")
    bad = json.loads(json.dumps(doc))
    bad["cases"][1]["q_out"][3] = 0.5
    json.dump(bad, open(path("bad.json"), "w"))
    refused(path("bad.json"), path(good), "cases[1].q_out[3]: expected a decimal string, got float")
    refused(vec, path(good), "--cases kneee selects no case", "--cases", "kneee")


def exact_bias_outputs(doc, name, edit=None):
    """Score-bias references rounded to doubles (buckets as integers), optionally edited."""
    cases = []
    for c in doc["cases"]:
        out = {"id": c["id"], "bias": [float(x) for x in c["bias"]]}
        if "slopes" in c:
            out["slopes"] = [float(x) for x in c["slopes"]]
        if "bucket" in c:
            out["bucket"] = list(c["bucket"])
        cases.append(out)
    out = {"precision": "fp64", "cases": cases}
    if edit:
        edit(doc, out)
    json.dump(out, open(path(name), "w"))
    return name


def nudge_bias(scale, what):
    """Moves one entry by `scale` x its fp32 tolerance (a slope, or a T5 bias), at the case with
    the largest tolerance; the realized error must land on the intended side."""
    def edit(doc, out):
        name = "slopes" if what == "slope" else "bias"
        c = max(doc["cases"], key=lambda c: (max(c["tolerance"]["fp32"][name]), -c["id"]))
        t = c["tolerance"]["fp32"][name]
        j = max(range(len(t)), key=lambda j: t[j])
        values = out["cases"][c["id"]][name]
        values[j] = float(c[name][j]) + scale * t[j]
        realized = abs(decimal.Decimal(values[j]) - decimal.Decimal(c[name][j]))
        if (realized > decimal.Decimal(t[j])) != (scale > 1):
            sys.exit(f"FAIL: the nudge of {what} did not land on the intended side")
    return edit


def independent_bias(vectors, name, *extra):
    implementations.bias(path(vectors), path(name), *extra)
    return name


def score_bias_agreement():
    files = {"encoders/alibi.json": ["--form per-key"],
             "encoders/t5-bias-causal.json": ["--bug other-mode"]}
    if A.soak:
        files["encoders/alibi.json"] += ["--bug pow2-slopes", "--bug shard", "--bug fp16-bias"]
        files["encoders/t5-bias.json"] = ["--bug direction", "--bug no-clamp", "--bug other-mode"]
    for rel, bugs in files.items():
        vec = os.path.join(A.conformance, rel)
        doc = json.load(open(vec))
        base = os.path.basename(rel)[:-5]
        if A.soak:
            agree(vec, exact_bias_outputs(doc, f"{base}-exact.json"), "fp64", False)
        slope = "slope" if "slopes" in doc["cases"][0] else "bias"
        agree(vec, exact_bias_outputs(doc, f"{base}-in.json", nudge_bias(0.999, slope)), "fp32",
              False)
        agree(vec, exact_bias_outputs(doc, f"{base}-out.json", nudge_bias(1.001, slope)), "fp32",
              True)
        if not numpy_available():
            continue
        agree(vec, independent_bias(vec, f"{base}-fp32.json"), "fp32", False)
        for bug in bugs:
            out = independent_bias(vec, f"{base}{bug.replace(' ', '')}.json", *bug.split())
            agree(vec, out, "fp32", bug != "--form per-key" or None)


def multiaxis_agreement():
    if not numpy_available():
        return
    for rel in ["encoders/mrope.json", "encoders/rope-2d-axial.json"][: 2 if A.soak else 1]:
        vec = os.path.join(A.conformance, rel)
        base = os.path.basename(rel)[:-5]
        agree(vec, independent(vec, f"{base}-fp32.json"), "fp32", False)
        for bug in ("axes-swapped", "text-only")[: 2 if A.soak else 1]:
            agree(vec, independent(vec, f"{base}-{bug}.json", "--bug", bug), "fp32", True)


def scenario_conformance():
    malformed_inputs()
    manifest = json.load(open(os.path.join(A.conformance, "manifest.json")))
    files = [e["file"] for e in manifest["files"]]
    if not A.soak:
        files = files[::11]
    for rel in files:
        vec = os.path.join(A.conformance, rel)
        doc = json.load(open(vec))
        exact = exact_bias_outputs if doc["site"] == "score_bias" else exact_outputs
        agree(vec, exact(doc, os.path.basename(rel)), "fp64", False)


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", choices=["agreement", "conformance"])
    ap.add_argument("--posprop", required=True)
    ap.add_argument("--conformance", required=True)
    ap.add_argument("--checker", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--soak", action="store_true")
    A = ap.parse_args()
    os.makedirs(A.work, exist_ok=True)
    globals()["scenario_" + A.scenario]()
    print(f"{A.scenario}: ok")


if __name__ == "__main__":
    main()
