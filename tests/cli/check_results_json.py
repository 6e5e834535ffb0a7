#!/usr/bin/env python3
"""`posprop check --json FILE` and `--json -` write the documented shape (DESIGN.md section 5).

usage: check_results_json.py POSPROP
"""
import json
import math
import os
import re
import sys
import tempfile

from cli_common import expect, run

binary = sys.argv[1]
number = (int, float)
cell_keys = {"encoder": str, "property": str, "expected": str, "verdict": str,
             "as_expected": bool, "cases": int, "max_residual_double": number,
             "max_residual_hp": number, "reproduce": str}
cx_keys = {"input": str, "residual_double": number, "tolerance_double": number,
           "residual_hp50": number, "residual_hp100": number, "tolerance_hp100": number,
           "structural": bool, "ladder_stable": bool, "residual_lower_bound": number,
           "certified": bool}


def has_type(value, kind):
    """bool is an int in Python: keep JSON true/false apart from numbers."""
    if kind is bool:
        return isinstance(value, bool)
    return isinstance(value, kind) and not isinstance(value, bool)


def check_shape(doc, cases, precision):
    expect(doc["seed"] == 20261128 and doc["cases"] == cases, "seed / cases: %r" % doc)
    expect(doc["precision"] == precision, "precision")
    expect(isinstance(doc["cells"], list) and doc["cells"], "cells is a non-empty list")
    for cell in doc["cells"]:
        for key, kind in cell_keys.items():
            expect(has_type(cell.get(key), kind),
                   "cell %s/%s: %s has the wrong type" % (cell["property"], cell["encoder"], key))
        expect(cell["expected"] in ("hold", "fail"), "expected")
        expect(cell["verdict"] in ("hold", "fail", "error"), "verdict")
        cx = cell["counterexample"]
        if cx is None:
            expect(cell["reproduce"] == "", "no counterexample -> empty reproduce")
            continue
        for key, kind in cx_keys.items():
            expect(has_type(cx.get(key), kind), "counterexample %s has the wrong type" % key)
        expect(re.fullmatch(r'RC_PARAMS="reproduce=[A-Za-z0-9_\-]+" posprop check --encoder \S+ '
                            r'--property \S+ --seed \d+ --cases \d+( --precision hp100)?',
                            cell["reproduce"]), "reproduce command: %r" % cell["reproduce"])


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "results.json")
    args = ["check", "--encoder", "*", "--property", "score.translation_equivariant",
            "--cases", "20"]
    p = run(binary, args + ["--json", out])
    expect(p.returncode == 0, "check --json FILE", p)
    expect("xfail found" in p.stdout, "the table still goes to stdout", p)
    with open(out) as f:
        text = f.read()
    doc = json.loads(text)
    check_shape(doc, 20, "hp50")
    sinusoidal = next(c for c in doc["cells"] if c["encoder"] == "sinusoidal")
    expect(sinusoidal["expected"] == "fail" and sinusoidal["verdict"] == "fail", "sinusoidal")
    cx = sinusoidal["counterexample"]
    expect(sinusoidal["as_expected"] and cx["structural"] and cx["certified"], "xfail")
    expect(cx["residual_lower_bound"] > 0, "certified lower bound")
    rope = next(c for c in doc["cells"] if c["encoder"] == "rope")
    expect(rope["verdict"] == "hold" and rope["counterexample"] is None, "rope holds")
    # 17 significant digits: every residual printed in the file round-trips.
    literals = re.findall(r'"residual_double": ?([-+.eE0-9]+)', text)
    expect(literals, "residual_double literals found")
    for literal in literals:
        expect(repr(float(literal)) == repr(float(repr(float(literal)))), "round trip")
        digits = re.sub(r"[eE].*|[-+.]", "", literal).lstrip("0")
        expect(len(digits) <= 17, "at most 17 significant digits: %s" % literal)
    expect(sinusoidal["counterexample"]["residual_double"] > 0, "residual > 0")
    expect(math.isfinite(sinusoidal["max_residual_double"]), "finite residual")

# '-' writes pure JSON on stdout; the readable table moves to stderr.
p = run(binary, ["check", "--encoder", "rope", "--property", "rotation.*", "--cases", "10",
                 "--precision", "hp100", "--json", "-"])
expect(p.returncode == 0, "check --json -", p)
check_shape(json.loads(p.stdout), 10, "hp100")
expect("posprop check:" in p.stderr, "table on stderr", p)
print("ok")
