#!/usr/bin/env python3
"""`posprop check --junit FILE` is well-formed JUnit XML: one testcase per cell."""
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

from cli_common import expect, run

binary = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "results.xml")
    p = run(binary, ["check", "--encoder", "sinusoidal*", "--cases", "20", "--junit", out])
    expect(p.returncode == 0, "check --junit", p)
    root = ET.parse(out).getroot()

expect(root.tag == "testsuite", "root is one testsuite")
cases = root.findall("testcase")
expect(int(root.get("tests")) == len(cases) and cases, "tests attribute counts the testcases")
expect(root.get("failures") == "0", "all as expected -> no failures")
expect(not root.findall(".//failure"), "no <failure> elements")
names = {(c.get("classname"), c.get("name")) for c in cases}
expect(("score.translation_equivariant", "sinusoidal") in names, "classname=property, name=encoder")
expect(("spec.reference", "sinusoidal-concat") in names, "every applicable cell")
xfail = next(c for c in cases if c.get("classname") == "score.translation_equivariant"
             and c.get("name") == "sinusoidal")
out_text = xfail.findtext("system-out") or ""
expect('RC_PARAMS="reproduce=' in out_text, "the xfail counterexample and its reproduce line")
for c in cases:
    expect(float(c.get("time")) >= 0, "time attribute")
print("ok: %d testcases" % len(cases))
