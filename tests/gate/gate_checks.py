#!/usr/bin/env python3
"""posprop as a CI gate, end to end (tests/gate/CMakeLists.txt registers one test per scenario).

usage: gate_checks.py SCENARIO --posprop BIN --examples DIR --plugins DIR --work DIR
"""
import argparse
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

A = None  # parsed arguments


def run(*args, env=None, expect=None, stdout_has=(), stderr_has=(), timeout=300):
    full_env = dict(os.environ)
    full_env.pop("RC_PARAMS", None)
    full_env.update(env or {})
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=full_env,
                       timeout=timeout, cwd=A.work)
    shown = " ".join(str(a) for a in args)
    def fail(why):
        sys.exit(f"FAIL: {why}\n$ {shown}\n--- exit {p.returncode}\n--- stdout:\n{p.stdout}"
                 f"\n--- stderr:\n{p.stderr}")
    if expect is not None and p.returncode != expect:
        fail(f"expected exit code {expect}")
    if expect == 2:
        first = p.stderr.splitlines()[0] if p.stderr else ""
        if not first.startswith("posprop: error: "):
            fail("exit 2 must come with one 'posprop: error: ' line first on stderr")
    for pattern in stdout_has:
        if not re.search(pattern, p.stdout, re.M):
            fail(f"stdout lacks /{pattern}/")
    for pattern in stderr_has:
        if not re.search(pattern, p.stderr, re.M):
            fail(f"stderr lacks /{pattern}/")
    return p


def posprop(*args, **kw):
    return run(A.posprop, *args, **kw)


def example(*args, **kw):
    return run(sys.executable, os.path.join(A.examples, "python", "rope_impl.py"), *args, **kw)


def plugin(name):
    return os.path.join(A.plugins, f"lib{name}.so")


def golden(name="golden.json", encoder="rope", *extra):
    posprop("vectors", encoder, "--dim", "64", "--positions", "0:4096:512", "--out", name, *extra,
            expect=0)
    return json.load(open(os.path.join(A.work, name)))


# --- golden vectors and verify with the Python implementation -----------------------------------

def scenario_python():
    golden()
    example("golden.json", "outputs.json", expect=0)
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "outputs.json",
            "--junit", "verify.xml", expect=0,
            stdout_has=[r"^verdict: PASS", r"ok +outputs\.magnitude: pair magnitudes right",
                        r"ok +outputs\.relativity: scores depend only on j - i",
                        r"outputs match the declared parameters \(.*layout = interleaved"])
    suite = ET.parse(os.path.join(A.work, "verify.xml")).getroot().find("testsuite")
    assert suite.get("failures") == "0" and int(suite.get("tests")) > 10, suite.attrib
    example("golden.json", "outputs.csv", expect=0)
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "outputs.csv", expect=0,
            stdout_has=[r"^verdict: PASS"])
    # Other layouts and partial rotation through the same implementation.
    for encoder in ("rope-neox", "rope-partial"):
        golden(f"{encoder}.json", encoder)
        example(f"{encoder}.json", f"{encoder}-out.json", expect=0)
        posprop("verify", encoder, "--vectors", f"{encoder}.json", "--outputs",
                f"{encoder}-out.json", expect=0, stdout_has=[r"^verdict: PASS"])


def scenario_python_bugs():
    golden()
    example("golden.json", "swapped.json", "--bug", "layout", expect=0)
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "swapped.json", expect=1,
            stdout_has=[r"^verdict: FAIL",
                        r"FAIL +outputs\.matches\.layout: outputs match the half_split layout, "
                        r"not interleaved"])
    example("golden.json", "float.json", "--bug", "float-angles", expect=0)
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "float.json", expect=1,
            stdout_has=[r"^verdict: FAIL", r"only fp32-accurate"])
    # The same outputs meet the (much looser) fp32 tolerance.
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "float.json",
            "--precision", "fp32", expect=0, stdout_has=[r"^verdict: PASS"])


def validate(value, schema, root, where="$"):
    """The subset of JSON Schema that examples/golden-vectors.schema.json uses."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].split("/")[-1]]
    if "oneOf" in schema:
        matches = 0
        for option in schema["oneOf"]:
            try:
                validate(value, option, root, where)
                matches += 1
            except AssertionError:
                pass
        assert matches == 1, f"{where}: matches {matches} of oneOf"
        return
    if "const" in schema:
        assert value == schema["const"], f"{where}: {value!r} != {schema['const']!r}"
    kind = schema.get("type")
    types = {"object": dict, "array": list, "string": str, "null": type(None),
             "integer": int, "number": (int, float), "boolean": bool}
    if kind:
        assert isinstance(value, types[kind]) and (kind == "boolean" or not isinstance(value, bool)), \
            f"{where}: not {kind}"
    if "minimum" in schema:
        assert value >= schema["minimum"], where
    if "maximum" in schema:
        assert value <= schema["maximum"], where
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{where}: missing {key}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                validate(value[key], sub, root, f"{where}.{key}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for key, v in value.items():
                if key not in schema.get("properties", {}):
                    validate(v, extra, root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            validate(v, schema["items"], root, f"{where}[{i}]")


def scenario_vectors_format():
    g = golden()
    schema = json.load(open(os.path.join(A.examples, "golden-vectors.schema.json")))
    validate(g, schema, schema)
    assert g["format"] == "posprop-golden-vectors" and g["version"] == 3
    assert g["encoder"] == "rope" and g["digits"] == 40
    purposes = [gr["purpose"] for gr in g["groups"]]
    assert purposes[0] == "requested", purposes
    assert "partial rotary width 0.5" in purposes and "non-power-of-two dim 96" in purposes, purposes
    positions = {c["position"] for c in g["cases"] if c["group"] == 0}
    assert {0, 512, 4096, 65537, 16777216} <= positions, sorted(positions)
    for gr in g["groups"]:
        assert len(gr["q"]) == gr["dim"] == int(gr["params"]["head_dim"])
        for x in gr["q"] + gr["k"]:
            assert (x * 4096).is_integer() and abs(x) <= 4, x  # exact in fp32 and fp64
    for c in g["cases"]:
        for s in c["q_out"]:
            digits = re.sub(r"[^0-9]", "", s.split("e")[0]).lstrip("0")
            assert len(digits) <= 40 and float(s) == float(s), s
        t = c["tolerance"]
        assert t["fp64"]["q"] > 0 and t["fp64"]["score"] > 0
        assert t["fp32"] is None or t["fp32"]["q"] > t["fp64"]["q"]
    # The tolerance grows with the position (angle error ~ |p| u), derived, not a constant.
    main = sorted((c["position"], c["tolerance"]["fp64"]["q"]) for c in g["cases"]
                  if c["group"] == 0)
    assert main[-1][1] > 100 * main[1][1], main
    # Knees of a scaled encoder: L - 1, L, L + 1 around original_max_position_embeddings.
    y = golden("yarn.json", "rope-yarn")
    validate(y, schema, schema)
    L = int(y["groups"][0]["params"]["original_max_position_embeddings"])
    assert {L - 1, L, L + 1} <= {c["position"] for c in y["cases"]}, L
    only = golden("only.json", "rope", "--no-extra-cases")
    assert len(only["groups"]) == 1 and len(only["cases"]) == 9, len(only["cases"])
    # Every case names the bug classes it targets, each defined in notes.
    for c in g["cases"]:
        assert c["flags"] and all(f in g["notes"] for f in c["flags"]), c["flags"]
    assert {"requested", "large-position", "partial-rotary", "layout"} <= set(g["notes"])
    for note in g["notes"].values():
        assert note["what_goes_wrong"] and note["how_it_shows"] and note["real_world"]
    # Score-bias and multi-axis files validate too (issue 14 item 4).
    for encoder, dim in (("alibi", "64"), ("t5-bias-causal", "64"), ("mrope", "128")):
        other = golden(f"{encoder}.json", encoder)
        validate(other, schema, schema)
        assert other["version"] == 3 and all(c["flags"] for c in other["cases"]), encoder
    # The few lines of Python of the README read the file.
    q_out = [float(s) for s in g["cases"][1]["q_out"]]
    assert len(q_out) == 64


def scenario_vectors_bad_input():
    base = ["vectors", "rope", "--dim", "8", "--positions", "0,1", "--out", "x.json"]
    posprop("vectors", "nope", *base[2:], expect=2, stderr_has=[r"unknown encoder 'nope'"])
    posprop("vectors", "rope", "--dim", "7", *base[4:], expect=2,
            stderr_has=[r"'--dim' must be an even integer in \[2, 65536\]"])
    posprop(*base[:4], "--positions", "1:x", "--out", "x.json", expect=2,
            stderr_has=[r"'--positions': 'x' is not an integer position"])
    posprop(*base[:4], "--positions", "5:1", "--out", "x.json", expect=2,
            stderr_has=[r"range '5:1' is empty"])
    posprop(*base[:4], "--positions", "0,1.5", "--out", "x.json", expect=2,
            stderr_has=[r"'1.5' is not an integer position"])
    posprop("vectors", "sinusoidal", *base[2:], expect=2,
            stderr_has=[r"supports qk_transform encoders; 'sinusoidal' is at site 'embedding'"])
    posprop(*base, "--digits", "200", expect=2, stderr_has=[r"'--digits' must be an integer in \[17, 90\]"])
    posprop(*base[:6], expect=2, stderr_has=[r"'--out' is required"])
    posprop(*base, "--set", "head_dim=8", expect=2, stderr_has=[r"--dim, not --set head_dim"])
    posprop(*base, "--set", "rope_theta=-1", expect=2, stderr_has=[r"rope_theta"])
    posprop(*base, "--set", "frobnicate=1", expect=2, stderr_has=[r"frobnicate"])
    posprop("vectors", "rope", "--dim", "8", "--positions", "0,99999999999", "--out", "x.json",
            expect=2, stderr_has=[r"position"])
    posprop(*base[:-1], "/nonexistent-dir/x.json", expect=2,
            stderr_has=[r"cannot write --out file '/nonexistent-dir/x.json'"])


def write(name, text):
    with open(os.path.join(A.work, name), "w") as f:
        f.write(text)


def scenario_verify_malformed():
    golden("g.json", "rope", "--no-extra-cases")
    example("g.json", "good.json", expect=0)
    good = json.load(open(os.path.join(A.work, "good.json")))
    verify = ["verify", "rope", "--vectors", "g.json", "--outputs"]
    write("trunc.json", '{"cases": [\n{"id": 0,\n "q_out": [1, 2')
    posprop(*verify, "trunc.json", expect=2, stderr_has=[r"trunc\.json: malformed JSON: parse error at line 3"])
    bad = json.loads(json.dumps(good))
    bad["cases"][2]["q_out"][5] = "x"
    write("type.json", json.dumps(bad, indent=1))
    posprop(*verify, "type.json", expect=2,
            stderr_has=[r"type\.json: cases\[2\]\.q_out\[5\]: expected a number \(or NaN, "
                        r"Infinity, -Infinity\), got string"])
    bad = json.loads(json.dumps(good))
    del bad["cases"][3]
    write("missing.json", json.dumps(bad))
    posprop(*verify, "missing.json", expect=2, stderr_has=[r"case 3 has no q_out"])
    bad = json.loads(json.dumps(good))
    bad["cases"][1]["k_out"].pop()
    write("short.json", json.dumps(bad))
    posprop(*verify, "short.json", expect=2, stderr_has=[r"case 1 k_out has 63 values, expected 64"])
    write("bad.csv", "case,vector,values\n0,q,1,2\n0,z,1\n")
    posprop(*verify, "bad.csv", expect=2, stderr_has=[r"bad\.csv line 3, field vector: expected q or k"])
    # (NaN outputs are failing cases, not malformed files: tests/reliability/data_checks.py)
    write("hex.csv", "0,q,1,0x1p3\n")
    posprop(*verify, "hex.csv", expect=2,
            stderr_has=[r"hex\.csv line 1, value 1: expected a decimal number, got '0x1p3'"])
    posprop("verify", "rope-neox", "--vectors", "g.json", "--outputs", "good.json", expect=2,
            stderr_has=[r"golden vectors are for encoder 'rope', not 'rope-neox'"])
    g = open(os.path.join(A.work, "g.json")).read()
    write("g2.json", g.replace('"digits":40', '"digits":"forty"'))
    posprop("verify", "rope", "--vectors", "g2.json", "--outputs", "good.json", expect=2,
            stderr_has=[r"g2\.json: digits: expected a number, got string"])
    gv = json.loads(g)
    gv["cases"][1]["q_out"][3] = 0.5
    write("g3.json", json.dumps(gv))
    posprop("verify", "rope", "--vectors", "g3.json", "--outputs", "good.json", expect=2,
            stderr_has=[r"g3\.json: cases\[1\]\.q_out\[3\]: expected a decimal string, got number"])
    gv = json.loads(g)
    del gv["cases"][1]["tolerance"]
    write("g4.json", json.dumps(gv))
    posprop("verify", "rope", "--vectors", "g4.json", "--outputs", "good.json", expect=2,
            stderr_has=[r"g4\.json: cases\[1\]: missing field 'tolerance'"])
    write("dup.json", '{"cases": [], "cases": []}')
    posprop(*verify, "dup.json", expect=2,
            stderr_has=[r"dup\.json: malformed JSON: duplicate member 'cases'"])
    write("deep.json", "[" * 100000 + "]" * 100000)  # no stack overflow: a nesting limit
    posprop(*verify, "deep.json", expect=2,
            stderr_has=[r"deep\.json: malformed JSON: nested deeper than 256 levels"])
    posprop(*verify, "nonexistent.json", expect=2, stderr_has=[r"--outputs file 'nonexistent\.json'"])
    posprop(*verify, "good.json", "--precision", "fp16", expect=2,
            stderr_has=[r"'--precision' expects fp32 or fp64"])


# --- plugins ----------------------------------------------------------------------------------

def scenario_plugin_correct():
    start = time.time()
    p = posprop("check", "--plugin", plugin("posprop_example_rope"), "--cases", "30", expect=0,
                stdout_has=[r"^plugin:example-rope ", r"plugin\.matches_reference",
                            r"-- all as expected$"])
    assert re.search(r"\b0 FAILS, 0 MISSED, 0 ERROR\b", p.stdout), p.stdout
    print(f"correct plugin: whole matrix in {time.time() - start:.1f} s")


def caught(name, cells, *cases):
    """The buggy plugin fails the listed cells; the reproduce line is RapidCheck's (a random
    case) or the bare command (a boundary input, deterministic). No `cases`: the default count."""
    p = posprop("check", "--plugin", plugin(name), *(("--cases",) + cases if cases else ()),
                expect=1,
                stdout_has=[r"NOT as expected", r"reproduce: (RC_PARAMS=\"reproduce=[A-Za-z0-9_-]+\" )?"
                            r"posprop check --plugin \S+ --encoder '?plugin:"])
    for cell in cells:
        if not re.search(r"^\[FAILS\] " + re.escape(cell) + r": expected hold, verdict fail",
                         p.stdout, re.M):
            sys.exit(f"FAIL: {cell} not reported as FAILS for {name}\n{p.stdout}")
    print(p.stdout)


def scenario_plugin_layout():
    caught("posprop_bug_layout", ["plugin.matches_reference on plugin:layout-swapped"], "30")


def scenario_plugin_float_angles():
    caught("posprop_bug_float_angles", ["plugin.matches_reference on plugin:float-angles"], "30")


def scenario_plugin_scale_ignored():
    caught("posprop_bug_scale_ignored", ["plugin.matches_reference on plugin:scale-ignored"], "30")


def scenario_plugin_wide_head():
    # Wrong only for d > 64: the boundary inputs reach the declared largest dim and d = 128.
    caught("posprop_bug_wide_head", ["plugin.matches_reference on plugin:wide-head-freqs"])


def scenario_plugin_cache_wraps():
    # Wrong only for |p| >= 4096: the boundary inputs reach 4097, 2^20 and 2^24.
    caught("posprop_bug_cache_wraps", ["plugin.matches_reference on plugin:cache-wraps",
                                       "rotation.group on plugin:cache-wraps"])


def scenario_plugin_key_conjugated():
    # Queries right, keys rotated by -pos: the comparison with the reference must call the
    # plugin's own key path (not its query path twice).
    caught("posprop_bug_key_conjugated", ["plugin.matches_reference on plugin:key-conjugated"])


def scenario_plugin_d128():
    # A plugin that supports exactly d = 128: every cell runs at d = 128 (no smaller dim to fall
    # back on), at the default case count, and passes; `posprop check` prints the time taken.
    start = time.time()
    p = posprop("check", "--plugin", plugin("posprop_example_rope_d128"), "--json", "d128.json",
                expect=0, stdout_has=[r"-- all as expected$"])
    cells = json.load(open(os.path.join(A.work, "d128.json")))["cells"]
    for cell in cells:
        assert cell["coverage"]["dims"] == [128], (cell["property"], cell["coverage"])
    print(p.stdout)
    print(f"plugin with d = 128 only: whole matrix in {time.time() - start:.1f} s")


def scenario_plugin_missed():
    # Plain RoPE claiming rope-yarn with factor 1 and attention factor 1: it matches its reference
    # exactly, but rope-yarn's expected failures (a norm != 1) cannot be shown: MISSED, exit 1,
    # at every seed and case count; the cell says what was searched and how to search more.
    for cases in ("10", "100"):
        p = posprop("check", "--plugin", plugin("posprop_test_wrong_expectations"),
                    "--cases", cases, "--json", "missed.json", expect=1,
                    stdout_has=[r"^plugin:rope-claims-yarn .*MISSED", r"NOT as expected",
                                r"no certified structural counterexample in \d+ random case\(s\) "
                                r"\(seed \d+\) and \d+ boundary case\(s\).*; searched: .*dims "
                                r".*; search more with --cases \d+ or another --seed"])
        cells = json.load(open(os.path.join(A.work, "missed.json")))["cells"]
        missed = [c for c in cells if c["status"] == "MISSED"]
        assert {c["property"] for c in missed} >= {"rotation.orthogonal", "rotation.group"}, missed
        for c in missed:
            assert c["reproduce"].startswith("posprop check --plugin "), c
            assert "search more" in c["message"], c
            assert c["coverage"]["boundary_cases"] == c["coverage"]["boundary_total"] > 0, c
        assert all(c["status"] != "FAILS" for c in cells), cells
    print(p.stdout)


def scenario_plugin_bad_input():
    posprop("check", "--plugin", "/nonexistent/libx.so", expect=2, stderr_has=[r"cannot load"])
    posprop("check", "--plugin", plugin("posprop_test_no_entry"), expect=2,
            stderr_has=[r"no symbol 'posprop_plugin_entry'"])
    posprop("check", "--plugin", plugin("posprop_test_bad_version"), expect=2,
            stderr_has=[r"field abi_version is 99, this posprop reads version 1"])
    posprop("check", "--plugin", plugin("posprop_example_rope"), "--encoder", "nope", expect=2,
            stderr_has=[r"matches no encoder \(known: plugin:example-rope\)"])


# --- progress and report ----------------------------------------------------------------------

def with_pty(args, env):
    """Runs args with stderr on a pseudo-terminal; returns what the terminal received."""
    import pty
    master, slave = pty.openpty()
    full_env = dict(os.environ)
    full_env.pop("RC_PARAMS", None)
    full_env.pop("CI", None)
    full_env.update(env)
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=slave, env=full_env, cwd=A.work)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(master)
    return p.returncode, out.decode(errors="replace")


def scenario_progress():
    args = [A.posprop, "check", "--encoder", "rope", "--property", "rotation.*", "--cases", "5"]
    code, tty = with_pty(args, {})
    assert code == 0, tty
    assert re.search(r"\[1/[0-9]+\] +[0-9]+% \[#*\.*\] 0:0[0-9] elapsed", tty), tty
    assert "left" in tty and "\x1b[K" in tty, tty
    code, ci = with_pty(args, {"CI": "true"})
    assert code == 0 and "elapsed" not in ci, ci
    p = posprop(*args[1:], expect=0)
    assert "\r" not in p.stderr and "\x1b" not in p.stderr and "\x1b" not in p.stdout, p.stderr


def make_report(out, cases, *extra):
    start = time.time()
    posprop("report", "--out", out, "--cases", cases, "--encoder", "rope", "--property",
            "rotation.*", *extra, expect=0,
            stdout_has=[r"-- all as expected$", r"wrote .*report\.html"])
    print(f"report in {time.time() - start:.1f} s")
    return open(os.path.join(A.work, out, "report.html")).read()


def scenario_report():
    html = make_report("report", "20", "--no-claims")
    for needle in ['id="verdict-matrix"', "<svg", "<style>", "Counterexamples", "rotation.group"]:
        assert needle in html, needle
    assert 'id="claims-ledger"' not in html
    # Self-contained: no external resources.
    assert not re.search(r'(src|href)="(https?:)?//', html) and "<link" not in html
    assert "<script" not in html and "@import" not in html
    md = open(os.path.join(A.work, "report", "report.md")).read()
    assert "| encoder |" in md and "](figures/" in md
    svgs = os.listdir(os.path.join(A.work, "report", "figures"))
    assert len(svgs) >= 3, svgs
    posprop("report", "--cases", "3", expect=2, stderr_has=[r"'--out' is required"])
    posprop("report", "--out", "/proc/nope", expect=2, stderr_has=[r"cannot create directory"])


def scenario_render():
    # The ledger's expected failures are found by the boundary inputs at any case count
    # (meta/boundary_decides); proof/claims runs the ledger at the default 100 cases.
    html = make_report("render", "10")
    assert 'id="claims-ledger"' in html
    md = open(os.path.join(A.work, "render", "report.md")).read()
    assert "## Claims ledger" in md
    script = os.path.join(os.path.dirname(A.examples), "scripts", "render-report")
    p = subprocess.run([sys.executable, script, os.path.join(A.work, "render"),
                        "--screenshot", os.path.join(A.work, "render", "report.png")],
                       capture_output=True, text=True, timeout=300)
    print(p.stdout + p.stderr)
    sys.exit(p.returncode)


def main():
    global A
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("--posprop", required=True)
    ap.add_argument("--examples", required=True)
    ap.add_argument("--plugins", required=True)
    ap.add_argument("--work", required=True)
    A = ap.parse_args()
    shutil.rmtree(A.work, ignore_errors=True)
    os.makedirs(A.work)
    globals()["scenario_" + A.scenario.replace("-", "_")]()
    print(f"{A.scenario}: ok")


if __name__ == "__main__":
    main()
