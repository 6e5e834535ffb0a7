#!/usr/bin/env python3
"""`posprop verify` as a tool in other people's CI (issue 14 item 5), end to end:

  json        verify --json: per-case verdicts with flags, the checks and the diagnosis; with
              `--json -` the JSON alone is on stdout
  params      the encoder and parameters come from the vectors file; an ENCODER, --set or
              --model given must agree, else exit 2 naming the key
  cases       vectors --cases / verify --cases select classes of cases (flags)
  biases      score-bias vectors (ALiBi, T5 bidirectional and causal) and vector positions
              (M-RoPE, 2-D axial): independent implementations pass, bugs fail and are named
  diagnosis   buggy implementations (tests/gate/independent_rope.py run on a vectors file edited
              to carry the bug) fail, and the diagnosis names the explanation that fits:
              seq_len ignored (fixed at L, or at factor x L as vLLM did), the other layout,
              partial rotary ignored, bf16 frequencies or positions, the attention factor twice

usage: verify_ci.py SCENARIO --posprop BIN --work DIR
"""
import argparse
import json
import os
import re
import subprocess
import sys

import implementations

A = None


def run(args, expect, out_has=(), err_has=()):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=A.work)
    shown = " ".join(str(a) for a in args)
    if p.returncode != expect:
        sys.exit(f"FAIL: expected exit {expect}, got {p.returncode}\n$ {shown}\n{p.stdout}\n{p.stderr}")
    for pattern in out_has:
        if not re.search(pattern, p.stdout, re.M):
            sys.exit(f"FAIL: stdout lacks /{pattern}/\n$ {shown}\n{p.stdout}")
    for pattern in err_has:
        if not re.search(pattern, p.stderr, re.M):
            sys.exit(f"FAIL: stderr lacks /{pattern}/\n$ {shown}\n{p.stderr}")
    return p


def posprop(*args, expect=0, out_has=(), err_has=()):
    return run([A.posprop, *args], expect, out_has, err_has)


def path(name):
    return os.path.join(A.work, name)


def load(name):
    return json.load(open(path(name)))


def save(doc, name):
    json.dump(doc, open(path(name), "w"))
    return name


def implement(vectors, outputs, *extra):
    """The independent numpy implementation (fp32, transformers' recipe) on `vectors`."""
    implementations.rope(path(vectors), path(outputs), *extra)
    return outputs


def edited(vectors, name, edit):
    """A copy of the vectors file with `edit(doc)` applied: running a correct implementation on
    it reproduces the bug the edit stands for (a parameter ignored, positions rounded)."""
    doc = load(vectors)
    edit(doc)
    return save(doc, name)


def verify_json(vectors, outputs, *extra, expect=1):
    p = posprop("verify", "--vectors", vectors, "--outputs", outputs, "--precision", "fp32",
                "--json", "-", *extra, expect=expect)
    return json.loads(p.stdout)


def scenario_json():
    posprop("vectors", "rope-yarn", "--dim", "64", "--positions", "0,1,100,5000", "--out", "y.json")
    implement("y.json", "good.json")
    posprop("verify", "--vectors", "y.json", "--outputs", "good.json", "--precision", "fp32",
            "--json", "r.json", "--junit", "r.xml", out_has=[r"^verdict: PASS"])
    r = load("r.json")
    assert r["format"] == "posprop-verify-report" and r["verdict"] == "pass", r["verdict"]
    assert r["encoder"] == "rope-yarn" and r["precision"] == "fp32"
    assert r["summary"]["failed"] == 0 and r["summary"]["judged"] == len(load("y.json")["cases"])
    assert all(c["verdict"] == "pass" and c["flags"] for c in r["cases"]), r["cases"][0]
    assert r["diagnosis"]["declared_fits"] and r["diagnosis"]["matches"] == []
    assert {c["name"] for c in r["checks"]} >= {"outputs.magnitude", "outputs.relativity"}
    implement("y.json", "twice.json", "--bug", "mscale-twice")
    p = posprop("verify", "--vectors", "y.json", "--outputs", "twice.json", "--precision", "fp32",
                "--json", "-", expect=1, err_has=[r"^verdict: FAIL"])
    r = json.loads(p.stdout)  # stdout holds the JSON alone; the text report went to stderr
    assert r["verdict"] == "fail" and r["summary"]["failed"] > 0
    failed = [c for c in r["cases"] if c["verdict"] == "fail"]
    assert all(c["error"]["q"] > c["tolerance"]["q"] or not c["pairs_ok"] for c in failed)
    assert [m["candidate"] for m in r["diagnosis"]["matches"]] == ["attention_factor=c^2"], r["diagnosis"]
    magnitude = [c for c in r["checks"] if c["name"] == "outputs.magnitude"][0]
    assert magnitude["verdict"] == "fail" and not magnitude["diagnosis_only"]


def scenario_params():
    posprop("vectors", "rope-yarn", "--dim", "32", "--positions", "0,7", "--set", "factor=8",
            "--no-extra-cases", "--out", "v.json")
    implement("v.json", "o.json", "--dtype", "float64")
    posprop("verify", "--vectors", "v.json", "--outputs", "o.json", out_has=[r"^verdict: PASS"])
    posprop("verify", "rope-yarn", "--vectors", "v.json", "--outputs", "o.json")
    posprop("verify", "--set", "factor=8.0", "--set", "rope_theta=1e4", "--vectors", "v.json",
            "--outputs", "o.json")
    posprop("verify", "rope", "--vectors", "v.json", "--outputs", "o.json", expect=2,
            err_has=[r"v\.json: golden vectors are for encoder 'rope-yarn', not 'rope'"])
    posprop("verify", "--set", "factor=4", "--vectors", "v.json", "--outputs", "o.json", expect=2,
            err_has=[r"v\.json: parameter factor = 8 \(groups\[0\]\.params\), but --set gives 4"])
    posprop("verify", "--set", "beta_slow=2", "--vectors", "v.json", "--outputs", "o.json",
            expect=2, err_has=[r"parameter beta_slow = 1 .* but --set gives 2"])
    posprop("verify", "--set", "head_dim=32", "--vectors", "v.json", "--outputs", "o.json",
            expect=2, err_has=[r"no --set head_dim"])
    doc = load("v.json")
    doc["encoder"] = "rope-frobnicated"
    save(doc, "bad.json")
    posprop("verify", "--vectors", "bad.json", "--outputs", "o.json", expect=2,
            err_has=[r"bad\.json: encoder: unknown encoder 'rope-frobnicated'"])


def scenario_cases():
    posprop("vectors", "rope-llama3", "--dim", "64", "--positions", "0,1,2", "--cases",
            "knee,large-position", "--out", "k.json")
    doc = load("k.json")
    assert len(doc["groups"]) == 1, [g["purpose"] for g in doc["groups"]]
    assert {8191, 8192, 8193, 65537} <= {c["position"] for c in doc["cases"]}
    posprop("vectors", "rope-llama3", "--dim", "64", "--positions", "0,1", "--cases",
            "all,-knee,-non-power-of-two-dim", "--out", "p.json")
    doc = load("p.json")
    assert [g["purpose"] for g in doc["groups"]] == [
        "requested", "partial rotary width 0.5", "partial rotary width 0.25"], doc["groups"]
    assert not any("knee" in c["flags"] for c in doc["cases"])
    posprop("vectors", "rope", "--dim", "8", "--positions", "0", "--cases", "kneee", "--out",
            "x.json", expect=2, err_has=[r"unknown case class 'kneee'"])
    posprop("vectors", "rope", "--dim", "8", "--positions", "0", "--cases", "knee",
            "--no-extra-cases", "--out", "x.json", expect=2, err_has=[r"not both"])
    # verify --cases: only the cases carrying a selected flag (and their score keys) are judged,
    # so the outputs may omit the others.
    posprop("vectors", "rope-llama3", "--dim", "64", "--positions", "0,1,2", "--out", "a.json")
    implement("a.json", "all.json")
    outs = load("all.json")
    knees = {c["id"] for c in load("a.json")["cases"] if "knee" in c["flags"]}
    keys = {c["id"] for c in load("a.json")["cases"] if c["position"] == 0}
    outs["cases"] = [c for c in outs["cases"] if c["id"] in knees | keys]
    save(outs, "knees.json")
    r = verify_json("a.json", "knees.json", "--cases", "knee", expect=0)
    judged = {c["id"] for c in r["cases"]}
    assert knees <= judged <= knees | keys, (judged, knees)
    assert r["summary"]["not_judged"] == len(load("a.json")["cases"]) - len(judged)
    posprop("verify", "--vectors", "a.json", "--outputs", "knees.json", expect=2,
            err_has=[r"knees\.json: case \d+ has no q_out \(every case"])
    posprop("verify", "--vectors", "a.json", "--outputs", "knees.json", "--cases", "axis-order",
            expect=2, err_has=[r"--cases axis-order selects no case of a\.json"])
    old = load("a.json")
    old["version"] = 2
    for c in old["cases"]:
        del c["flags"]
    save(old, "v2.json")
    posprop("verify", "--vectors", "v2.json", "--outputs", "all.json", "--precision", "fp32")
    posprop("verify", "--vectors", "v2.json", "--outputs", "all.json", "--cases", "knee",
            expect=2, err_has=[r"--cases needs a version 3 vectors file"])


def matches(r):
    return [m["candidate"] for m in r["diagnosis"]["matches"]]


def expect_diagnosis(vectors, outputs, wanted, *extra):
    r = verify_json(vectors, outputs, *extra)
    assert r["verdict"] == "fail", f"{outputs}: a buggy implementation must fail"
    got = matches(r)
    assert wanted in got, f"{outputs}: diagnosis {got}, expected {wanted}"
    print(f"{outputs}: fails, diagnosis {got}")
    return got


def scenario_diagnosis():
    # Dynamic NTK, requested seq_len 16384; the file adds cache-length groups at L = 2048,
    # L + 1 and factor x L = 8192.
    posprop("vectors", "rope-dynamic-ntk", "--dim", "64", "--positions", "0,1,100,3000",
            "--set", "seq_len=16384", "--out", "d.json")
    lengths = sorted({int(g["params"]["seq_len"]) for g in load("d.json")["groups"]})
    assert lengths == [2048, 2049, 8192, 16384], lengths

    def fixed_seq_len(value):
        def edit(doc):
            for g in doc["groups"]:
                g["params"]["seq_len"] = value
        return edit

    # seq_len ignored, computed at L (no dynamic scaling): no longer "factor = 4 is ignored".
    implement(edited("d.json", "d_L.json", fixed_seq_len("2048")), "seq_L.json")
    got = expect_diagnosis("d.json", "seq_L.json", "seq_len=2048")
    assert "factor=1" not in got, got
    # vLLM's dynamic NTK before vllm-project/vllm#41236: seq_len fixed at factor x L.
    implement(edited("d.json", "d_v.json", fixed_seq_len("8192")), "seq_vllm.json")
    expect_diagnosis("d.json", "seq_vllm.json", "seq_len=8192")
    # The other layout, partial rotary ignored, bf16 frequencies, bf16 positions.
    posprop("vectors", "rope-neox", "--dim", "64", "--positions", "0,1,300,5000", "--out", "n.json")

    def set_all(key, value):
        def edit(doc):
            for g in doc["groups"]:
                g["params"][key] = value
        return edit

    implement(edited("n.json", "n_il.json", set_all("layout", "interleaved")), "layout.json")
    expect_diagnosis("n.json", "layout.json", "layout=interleaved")
    implement(edited("n.json", "n_full.json", set_all("partial_rotary_factor", "1")), "full.json")
    expect_diagnosis("n.json", "full.json", "partial_rotary_factor=1", "--cases",
                     "partial-rotary")
    implement("n.json", "bf16f.json", "--bug", "bf16-inv-freq")
    expect_diagnosis("n.json", "bf16f.json", "inv_freq=bf16")

    def bf16_positions(doc):
        for c in doc["cases"]:
            p = c["position"]
            if p > 256:  # round to 8 significant bits, ties to even
                e = 2 ** (p.bit_length() - 8)
                q, r = divmod(p, e)
                c["position"] = (q + (r * 2 > e or (r * 2 == e and q % 2))) * e

    implement(edited("n.json", "n_bp.json", bf16_positions), "bf16p.json")
    expect_diagnosis("n.json", "bf16p.json", "position=bf16")


def implement_bias(vectors, outputs, *extra):
    implementations.bias(path(vectors), path(outputs), *extra)
    return outputs


def scenario_biases():
    """Score biases and multi-axis positions (issue 14 item 4): correct independent
    implementations pass, each bug fails and the diagnosis names it."""
    posprop("vectors", "alibi", "--dim", "64", "--positions", "0,5,100,1000", "--out", "a.json")
    doc = load("a.json")
    assert doc["site"] == "score_bias" and doc["case_outputs"] == ["slopes", "bias"]
    assert {g["params"]["num_heads"] for g in doc["groups"]} == {"8", "12"}
    implement_bias("a.json", "a-good.json")
    posprop("verify", "--vectors", "a.json", "--outputs", "a-good.json", out_has=[r"^verdict: PASS"])
    # The reference's causal per-key form +m j is a row constant away: it passes the causal rows
    # and fails the rows with keys on both sides.
    implement_bias("a.json", "a-perkey.json", "--form", "per-key")
    posprop("verify", "--vectors", "a.json", "--outputs", "a-perkey.json", "--cases",
            "all,-bidirectional", out_has=[r"^verdict: PASS"])
    r = verify_json("a.json", implement_bias("a.json", "a-pk.json", "--form", "per-key"))
    assert {c["id"] for c in r["cases"] if c["verdict"] == "fail"} == {
        c["id"] for c in doc["cases"] if "bidirectional" in c["flags"]}
    for bug, wanted in (("sign", "bias=+m|i-j|"), ("pow2-slopes", "slopes=2^(-8(h+1)/n)"),
                        ("shard", "slopes=shard"), ("fp16-bias", "bias=fp16")):
        expect_diagnosis("a.json", implement_bias("a.json", f"a-{bug}.json", "--bug", bug), wanted)
    for encoder, bugs in (("t5-bias", (("direction", "rel=i-j"), ("no-clamp", "no_clamp"))),
                          ("t5-bias-causal", (("other-mode", "mode=bidirectional"),))):
        posprop("vectors", encoder, "--dim", "64", "--positions", "0,100,1000", "--out", "t.json")
        # transformers' buckets, logarithms in float32: exact at every boundary of the file
        implement_bias("t.json", "t-good.json")
        posprop("verify", "--vectors", "t.json", "--outputs", "t-good.json",
                out_has=[r"^verdict: PASS"])
        for bug, wanted in bugs:
            expect_diagnosis("t.json", implement_bias("t.json", f"t-{bug}.json", "--bug", bug),
                             wanted)
    for encoder, swapped in (("mrope", "axes=swap(h,w)"), ("rope-2d-axial", "axes=swap(x,y)")):
        posprop("vectors", encoder, "--dim", "64", "--positions", "0,7,100", "--out", "m.json")
        assert any(isinstance(c["position"], list) and len(set(c["position"])) > 1
                   for c in load("m.json")["cases"])
        posprop("verify", "--vectors", "m.json", "--outputs", implement("m.json", "m-good.json"),
                "--precision", "fp32", out_has=[r"^verdict: PASS"])
        expect_diagnosis("m.json", implement("m.json", "m-sw.json", "--bug", "axes-swapped"),
                         swapped)
        if encoder == "mrope":
            expect_diagnosis("m.json", implement("m.json", "m-text.json", "--bug", "text-only"),
                             "axes=first")


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", choices=["json", "params", "cases", "diagnosis", "biases"])
    ap.add_argument("--posprop", required=True)
    ap.add_argument("--work", required=True)
    A = ap.parse_args()
    os.makedirs(A.work, exist_ok=True)
    if not implementations.available():
        print("numpy (Debian python3-numpy) not found: skipped")
        sys.exit(77)
    globals()["scenario_" + A.scenario]()
    print(f"{A.scenario}: ok")


if __name__ == "__main__":
    main()
