#!/usr/bin/env python3
"""Nothing lost, nothing trusted (issue 13 items 1, 3, 4): every data-loss case of the issue and
the hostile-file cases, one scenario per test (tests/reliability/CMakeLists.txt).

usage: data_checks.py NAME --posprop BIN --plugins DIR --work DIR

Outputs: a failed, refused or interrupted run leaves the previous files byte for byte and no
temporary file; an output that is an input (or another output, through a symlink or a hard link)
is refused with exit 2 before anything is written. Inputs: one number syntax (decimal), NaN /
Infinity outputs are failing cases, non-finite references are malformed files, a size limit on
input files, control characters escaped, messages naming the file and the JSON path.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import time
import xml.etree.ElementTree as ET

from reliability_common import arguments, fail

A = None
OLD = "previous contents: must survive\n"


def posprop(*args, expect, stderr_has=None, stdout_has=None, timeout=120):
    env = dict(os.environ)
    env.pop("RC_PARAMS", None)
    start = time.time()
    p = subprocess.run([A.posprop, *map(str, args)], capture_output=True, text=True,
                       errors="replace", env=env, timeout=timeout, cwd=A.work)
    print(f"exit {p.returncode} after {time.time() - start:.1f} s: {' '.join(map(str, args))}")
    if p.returncode != expect:
        fail(f"expected exit code {expect}", p)
    if "internal error" in p.stderr:
        fail("an internal error", p)
    for pattern in stderr_has or []:
        if not re.search(pattern, p.stderr, re.M):
            fail(f"stderr lacks /{pattern}/", p)
    for pattern in stdout_has or []:
        if not re.search(pattern, p.stdout, re.M):
            fail(f"stdout lacks /{pattern}/", p)
    return p


def path(name):
    return os.path.join(A.work, name)


def old_file(name, text=OLD):
    os.makedirs(os.path.dirname(path(name)), exist_ok=True)
    with open(path(name), "w") as f:
        f.write(text)
    return path(name)


def unchanged(name, text=OLD, p=None):
    try:
        now = open(path(name)).read()
    except OSError as e:
        fail(f"{name} is gone: {e}", p)
    if now != text:
        fail(f"{name} was changed ({len(now)} bytes now)", p)


def no_temporaries(p=None):
    for root, _, files in os.walk(A.work):
        for f in files:
            if ".posprop-" in f:
                fail(f"temporary file left behind: {os.path.join(root, f)}", p)


def plugin_copy(name="refuse"):
    """A hostile plugin copied into the work directory (so a bug cannot damage the build's)."""
    target = path(f"lib{name}.so")
    shutil.copy(os.path.join(A.plugins, f"libposprop_hostile_{name}.so"), target)
    return target


def golden(name="golden.json", encoder="rope"):
    posprop("vectors", encoder, "--dim", "8", "--positions", "0,3,7,11", "--no-extra-cases",
            "--out", name, expect=0)
    return json.load(open(path(name)))


def exact_outputs(doc, name="outputs.json"):
    """Outputs of a perfect implementation: the reference values themselves."""
    cases = [{"id": i, "q_out": [float(x) for x in c["q_out"]],
              "k_out": [float(x) for x in c["k_out"]]} for i, c in enumerate(doc["cases"])]
    with open(path(name), "w") as f:
        json.dump({"precision": "fp64", "cases": cases}, f)
    return cases


# --- outputs: the data-loss cases of issue 13 -----------------------------------------------------

def scenario_vectors_bad_input():
    old_file("v.json")
    posprop("vectors", "rope", "--dim", "8", "--positions", "0", "--set", "foo=1", "--out",
            "v.json", expect=2, stderr_has=[r"no parameter 'foo'"])
    unchanged("v.json")
    posprop("vectors", "rope", "--dim", "8", "--positions", "0", "--set", "rope_theta=0x10",
            "--out", "v.json", expect=2,
            stderr_has=[r"parameter 'rope_theta': expected a decimal number, got '0x10'"])
    unchanged("v.json")
    no_temporaries()
    golden("v.json")  # a successful run replaces it
    no_temporaries()


def scenario_report_bad_input():
    for f in ("rep/report.html", "rep/report.md", "rep/figures/rope_scores.svg"):
        old_file(f)
    posprop("report", "--out", "rep", "--encoder", "nope", expect=2)
    for f in ("rep/report.html", "rep/report.md", "rep/figures/rope_scores.svg"):
        unchanged(f)
    posprop("report", "--out", "rep2", "--encoder", "nope", expect=2)
    if os.path.exists(path("rep2")):
        fail("a refused report created its directory")
    no_temporaries()


def scenario_verify_output_is_input():
    doc = golden()
    exact_outputs(doc)
    before = open(path("golden.json")).read()
    for junit in ("golden.json", "./golden.json", "outputs.json"):
        posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "outputs.json",
                "--junit", junit, expect=2, stderr_has=[r"is the same file as the input"])
    os.link(path("golden.json"), path("hard.json"))
    os.symlink("golden.json", path("soft.json"))
    for junit in ("hard.json", "soft.json"):
        posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "outputs.json",
                "--junit", junit, expect=2,
                stderr_has=[r"'--junit' file '.*' is the same file as the input --vectors"])
    unchanged("golden.json", before)
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "outputs.json",
            "--junit", "v.xml", expect=0)
    ET.parse(path("v.xml"))
    no_temporaries()


def scenario_check_output_is_plugin():
    lib = plugin_copy()
    before = open(lib, "rb").read()
    for option in ("--json", "--junit", "--md"):
        p = posprop("check", "--plugin", lib, "--cases", "2", option, lib, expect=2,
                    stderr_has=[rf"option '{option}' file '.*' is the same file as the input "
                                r"--plugin"])
        if open(lib, "rb").read() != before:
            fail("the plugin was changed", p)
    no_temporaries()


def scenario_same_output_twice():
    for a, b in (("x.json", "x.json"), ("x.json", "./x.json"), ("x.json", "sub/../x.json")):
        os.makedirs(path("sub"), exist_ok=True)
        posprop("check", "--encoder", "rope", "--property", "rotation.orthogonal", "--cases", "2",
                "--json", a, "--md", b, expect=2,
                stderr_has=[r"is the same file as the output --json"])
        if os.path.exists(path("x.json")):
            fail("a refused same-path conflict left a file")
        posprop("claims", "--json", a, "--md", b, expect=2,
                stderr_has=[r"is the same file as the output --json"])
        if os.path.exists(path("x.json")):
            fail("claims --json X --md X left a file")
    old_file("x.json")
    posprop("claims", "--json", "x.json", "--md", "x.json", expect=2)
    unchanged("x.json")
    no_temporaries()


def scenario_failed_run_keeps_outputs():
    """Inputs that fail after outputs were requested: nothing replaced, no temporary left."""
    doc = golden()
    cases = exact_outputs(doc)
    cases[0]["q_out"] = cases[0]["q_out"][:-1]  # one value short: a malformed file
    json.dump({"cases": cases}, open(path("short.json"), "w"))
    old_file("v.xml")
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "short.json", "--junit",
            "v.xml", expect=2, stderr_has=[r"short.json: case 0 q_out has 7 values, expected 8"])
    unchanged("v.xml")
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "outputs.json", "--junit",
            "no/such/dir/v.xml", expect=2, stderr_has=[r"cannot write --junit file"])
    no_temporaries()
    # A successful run keeps the mode of the file it replaces.
    os.chmod(path("v.xml"), 0o640)
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "outputs.json", "--junit",
            "v.xml", expect=0)
    if os.stat(path("v.xml")).st_mode & 0o777 != 0o640:
        fail(f"mode of v.xml changed to {oct(os.stat(path('v.xml')).st_mode & 0o777)}")
    ET.parse(path("v.xml"))


def default_signal_actions():
    """In the child: SIGINT and SIGTERM back to their default action. A test run from a
    background job inherits SIGINT ignored, and posprop rightly stays immune to an ignored signal
    (cli/output_files.cpp), which is not what this test is about."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


def interrupted(sig):
    """A run stopped by `sig` while its plugin hangs: previous reports intact, no temporaries."""
    lib = plugin_copy("loop")
    names = ("r.json", "r.xml", "r.md")
    for n in names:
        old_file(n)
    env = dict(os.environ)
    env.pop("RC_PARAMS", None)
    proc = subprocess.Popen([A.posprop, "check", "--plugin", lib, "--property", "ro*",
                             "--cases", "2", "--plugin-timeout", "60", "--json", "r.json",
                             "--junit", "r.xml", "--md", "r.md"],
                            cwd=A.work, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=default_signal_actions)
    deadline = time.time() + 30
    while not any(".posprop-" in f for f in os.listdir(A.work)):
        if time.time() > deadline or proc.poll() is not None:
            proc.kill()
            fail("no temporary output appeared while the run was going")
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(sig)
    try:
        rc = proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        fail(f"posprop did not end on signal {sig}")
    print(f"posprop ended with {rc} after signal {sig}")
    if rc != -sig:
        fail(f"expected to end killed by signal {sig}, got {rc}")
    for n in names:
        unchanged(n)
    no_temporaries()


def scenario_interrupted_sigterm():
    interrupted(signal.SIGTERM)


def scenario_interrupted_sigint():
    interrupted(signal.SIGINT)


# --- numbers ---------------------------------------------------------------------------

def scenario_numbers():
    for args in (("freqs", "rope", "--set", "rope_theta=0x10"),
                 ("bound", "decay", "--base", "0x10"),
                 ("bound", "decay", "--base", "inf"),
                 ("vectors", "rope", "--dim", "8", "--positions", "0", "--set",
                  "rope_theta=1e400", "--out", "-"),
                 ("vectors", "rope", "--dim", "8", "--positions", "0x10", "--out", "-"),
                 ("precision", "--rope-theta", "0x1p4")):
        posprop(*args, expect=2, stderr_has=[r"expected a decimal number|beyond the range of a "
                                             r"double|is not an integer position"])
    old_file("big.json")
    posprop("vectors", "rope-scaled", "--dim", "8", "--positions", "0,3", "--set",
            "attention_factor=1e200", "--out", "big.json", expect=2,
            stderr_has=[r"attention_factor=1e200.*too large for a double: refused"])
    unchanged("big.json")


def scenario_non_finite_outputs():
    doc = golden()
    cases = exact_outputs(doc)
    text = json.dumps({"cases": cases})
    cases[0]["q_out"][3] = float("nan")
    cases[1]["k_out"][0] = float("inf")
    cases[2]["k_out"][5] = float("-inf")
    with open(path("nan.json"), "w") as f:
        json.dump({"cases": cases}, f)  # Python writes NaN, Infinity, -Infinity
    if "NaN" not in open(path("nan.json")).read():
        fail("json.dump did not write NaN")
    p = posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "nan.json", "--junit",
                "nan.xml", expect=1,
                stdout_has=[r"^0 .*FAIL  q_out\[3\] is NaN", r"^1 .*FAIL  k_out\[0\] is Infinity",
                            r"^2 .*FAIL  k_out\[5\] is -Infinity", r"^3 .* ok ",
                            r"^verdict: FAIL"])
    suite = ET.parse(path("nan.xml")).getroot().find("testsuite")
    failed = [t.get("name") for t in suite.findall("testcase") if t.find("failure") is not None]
    for i in range(3):
        if not any(n.startswith(f"case {i} ") for n in failed):
            fail(f"--junit lacks the failure of case {i}: {failed}", p)
    # CSV likewise.
    with open(path("nan.csv"), "w") as f:
        for c in cases:
            for v in ("q", "k"):
                f.write(",".join([str(c["id"]), v] + [repr(x) for x in c[f"{v}_out"]]) + "\n")
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "nan.csv", expect=1,
            stdout_has=[r"^0 .*q_out\[3\] is NaN", r"^verdict: FAIL"])
    # Strings are left alone: "NaN" inside a string is no number token.
    with open(path("str.json"), "w") as f:
        f.write(text.replace('"cases"', '"note": "NaN Infinity", "cases"', 1))
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "str.json", expect=0)


def scenario_bad_references():
    doc = golden()
    exact_outputs(doc)
    for field, value, message in (
            ("q_out", "nan", r"cases\[1\]\.q_out\[2\]: expected a decimal number, got 'nan'"),
            ("q_out", "inf", r"cases\[1\]\.q_out\[2\]: expected a decimal number, got 'inf'"),
            ("q_out", "1e999", r"cases\[1\]\.q_out\[2\]: '1e999' is beyond the range"),
            ("score", "0x1p3", r"cases\[1\]\.score: expected a decimal number, got '0x1p3'"),
            ("k_out", None, r"cases\[1\]: missing field 'k_out'"),
            ("score", None, r"cases\[1\]: missing field 'score'")):
        bad = json.loads(json.dumps(doc))
        if value is None:
            del bad["cases"][1][field]
        elif field == "score":
            bad["cases"][1]["score"] = value
        else:
            bad["cases"][1][field][2] = value
        json.dump(bad, open(path("bad.json"), "w"))
        posprop("verify", "rope", "--vectors", "bad.json", "--outputs", "outputs.json", expect=2,
                stderr_has=[r"^posprop: error: .*bad\.json: " + message])
    bad = json.loads(json.dumps(doc))
    bad["cases"][0]["tolerance"]["fp64"]["q"] = None
    json.dump(bad, open(path("bad.json"), "w"))
    posprop("verify", "rope", "--vectors", "bad.json", "--outputs", "outputs.json", expect=2,
            stderr_has=[r"bad\.json: cases\[0\]\.tolerance\.fp64\.q: expected a number, got null"])
    # A group whose parameters do not match its dim: named, not "encoder expects 1024".
    bad = json.loads(json.dumps(doc))
    bad["groups"][0]["params"]["head_dim"] = "1024"
    json.dump(bad, open(path("bad.json"), "w"))
    posprop("verify", "rope", "--vectors", "bad.json", "--outputs", "outputs.json", expect=2,
            stderr_has=[r"bad\.json: groups\[0\]\.params: head_dim 1024 differs from the group's "
                        r"dim 8"])


# --- limits and hygiene -----------------------------------------------------------------------

def scenario_size_limit():
    golden()
    start = time.time()
    posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "/dev/zero", expect=2,
            timeout=30, stderr_has=[r"--outputs file '/dev/zero' is larger than the input size "
                                    r"limit of 64 MiB"])
    with open(path("huge.json"), "wb") as f:
        f.truncate((64 << 20) + 1)  # sparse: no disk used
    posprop("verify", "rope", "--vectors", "huge.json", "--outputs", "/dev/null", expect=2,
            stderr_has=[r"--vectors file 'huge.json' is larger than the input size limit"])
    print(f"both refused in {time.time() - start:.1f} s")


def scenario_control_characters():
    doc = golden()
    exact_outputs(doc)
    doc["encoder"] = "\x1b[2J\x1b[31mred\rX\x07"
    json.dump(doc, open(path("ctl.json"), "w"))
    p = posprop("verify", "rope", "--vectors", "ctl.json", "--outputs", "outputs.json", expect=2,
                stderr_has=[r"ctl\.json: golden vectors are for encoder "
                            r"'\\x1b\[2J\\x1b\[31mred\\x0dX\\x07'"])
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", p.stderr):
        fail("a raw control character reached the terminal", p)
    with open(path("ctl.csv"), "w") as f:
        f.write("0,q,1\x1b[31m\n")
    p = posprop("verify", "rope", "--vectors", "golden.json", "--outputs", "ctl.csv", expect=2,
                stderr_has=[r"ctl\.csv line 1, value 0: expected a decimal number, got "
                            r"'1\\x1b\[31m'"])
    if "\x1b" in p.stderr:
        fail("a raw ESC reached the terminal", p)
    doc = golden()
    doc["cases"][0]["purpose"] = "requested\x1b[31m"
    json.dump(doc, open(path("ctl.json"), "w"))
    p = posprop("verify", "rope", "--vectors", "ctl.json", "--outputs", "outputs.json", expect=0,
                stdout_has=[r"^0 .* ok +requested\\x1b\[31m$"])
    if "\x1b" in p.stdout:
        fail("a raw ESC from the vectors file reached stdout", p)

    # A catalogue entry is a file too ($POSPROP_MODELS): its description and source are
    # printed by `list --models` only escaped.
    os.makedirs(path("catalogue"))
    model = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "models",
                                        "llama-3.1-8b.json")))
    model["_posprop"]["description"] = "\x1b[2J\x1b]0;owned\x07 evil\r"
    model["_source"] = "source\x1b[31m"
    json.dump(model, open(path("catalogue/evil.json"), "w"))
    os.environ["POSPROP_MODELS"] = path("catalogue")
    p = posprop("list", "--models", expect=0,
                stdout_has=[r"^    \\x1b\[2J\\x1b\]0;owned\\x07 evil\\x0d$",
                            r"^    source: source\\x1b\[31m$"])
    del os.environ["POSPROP_MODELS"]
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", p.stdout):
        fail("a raw control character from a catalogue file reached stdout", p)


def main():
    global A
    A = arguments()
    globals()["scenario_" + A.name]()
    no_temporaries()
    print(f"PASS {A.name}")
    shutil.rmtree(A.work, ignore_errors=True)


if __name__ == "__main__":
    main()
