#!/usr/bin/env python3
"""Validates the reports of a synthetic matrix with every cell status (report_fixture.cpp):
labels, exit-relevant flags, JSON / XML escaping, null for non-finite numbers, and that the
text table stays within 120 columns however many properties there are.

usage: check_report_fixture.py FIXTURE_BINARY
"""
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from cli_common import expect

NASTY = "say \"hi\" \\ <tag a='1'> & | x\ty\nz \x01 end"

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.argv[1], tmp], check=True, timeout=60)
    files = {}
    for name in ("table.txt", "results.json", "results.xml", "results.md", "wide.txt"):
        with open("%s/%s" % (tmp, name)) as f:
            files[name] = f.read()

table = files["table.txt"]
expect(re.search(r"^enc-a +holds +FAILS +xfail found$", table, re.M), "row enc-a:\n" + table)
expect(re.search(r"^enc-b +MISSED +ERROR +n\.a\.$", table, re.M), "row enc-b:\n" + table)
expect("3 NOT as expected" in table, "summary counts the mismatches:\n" + table)
expect("re-run: posprop check --encoder enc-b --property fake.one --seed 42 --cases 7" in table,
       "a mismatch without counterexample gets a re-run line")
expect('reproduce: RC_PARAMS="reproduce=AbC123_-" posprop check --encoder enc-a '
       "--property fake.two --seed 42 --cases 7" in table, "reproduce line")

doc = json.loads(files["results.json"])
expect(doc["as_expected"] is False and len(doc["cells"]) == 5, "n.a. cells are not listed")
by_status = {c["status"]: c for c in doc["cells"]}
expect(set(by_status) == {"holds", "FAILS", "xfail found", "MISSED", "ERROR"}, "statuses")
expect([c["as_expected"] for c in doc["cells"]] == [True, False, True, False, False], "flags")
expect(by_status["ERROR"]["message"] == NASTY, "JSON escaping round-trips the message")
expect(by_status["ERROR"]["max_residual_double"] is None, "infinity is written as null")
expect(by_status["holds"]["max_residual_double"] == 0.30000000000000004, "17 digits")
expect(by_status["FAILS"]["counterexample"]["input"] == '{x=<1>, y="&"}', "input escaped")
expect(by_status["FAILS"]["counterexample"]["structural"] is False, "not structural")
expect(by_status["xfail found"]["counterexample"]["certified"] is True, "certified")
expect(by_status["MISSED"]["reproduce"] == "posprop check --encoder enc-b --property fake.one "
       "--seed 42 --cases 7", "a MISSED cell without counterexample replays with the same command")

root = ET.fromstring(files["results.xml"])
failures = root.findall("testcase/failure")
errors = root.findall("testcase/error")
expect(root.get("tests") == "5" and root.get("failures") == "2" and root.get("errors") == "1",
       "testsuite counts: an ERROR cell is a JUnit error, not a failure")
expect(sorted(f.get("type") for f in failures) == ["FAILS", "MISSED"], "failure types")
expect([e.get("type") for e in errors] == ["ERROR"], "error types")
error = errors[0]
expect(NASTY.replace("\x01", "?") in error.text, "XML escaping keeps the message: %r" % error.text)
expect(root.find("testcase[@classname='fake.three'][@name='enc-a']/system-out") is not None,
       "an expected failure's counterexample goes to system-out")

md = files["results.md"]
expect("| `enc-b` | **MISSED** | **ERROR** | n.a. |" in md, "markdown row:\n" + md)
expect(md.count("\n### ") == 4, "one section per noteworthy cell (FAILS, xfail, MISSED, ERROR)")

wide = files["wide.txt"]
widest = max(len(line) for line in wide.splitlines())
expect(widest <= 120, "the table wraps to 120 columns (widest line %d):\n%s" % (widest, wide))
expect("[25]" in wide and re.search(r"^encoder +\[1\]", wide, re.M), "all 25 columns shown")
expect(len(re.findall(r"^encoder ", wide, re.M)) >= 2, "wrapped into several blocks")
print("ok")
