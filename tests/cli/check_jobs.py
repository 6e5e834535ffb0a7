#!/usr/bin/env python3
"""`posprop check --jobs N` gives the results of one process: the same table, the same JSON
(cell times aside) and the same exit code, over cells that hold, cells whose expected failure is
found (counterexamples, reproduce lines, certificates) and n.a. cells.

usage: check_jobs.py POSPROP
"""
import json
import os
import sys
import tempfile

from cli_common import expect, run

binary = sys.argv[1]
selections = [["--encoder", "s*", "--property", "score.*", "--cases", "3"],
              ["--encoder", "sinusoidal*", "--property", "*", "--cases", "3"]]


def results(args, jobs, tmp):
    out = os.path.join(tmp, "jobs%d.json" % jobs)
    p = run(binary, ["check"] + args + ["--jobs", str(jobs), "--json", out])
    expect(p.returncode in (0, 1), "check --jobs %d exits 0 or 1" % jobs, p)
    with open(out) as f:
        doc = json.load(f)
    for cell in doc["cells"]:
        expect(isinstance(cell.pop("seconds"), (int, float)), "each cell has its time")
    return p.returncode, p.stdout, doc


with tempfile.TemporaryDirectory() as tmp:
    for args in selections:
        one = results(args, 1, tmp)
        for jobs in (2, 3):
            many = results(args, jobs, tmp)
            expect(many[0] == one[0], "exit code with --jobs %d: %d, alone %d" % (jobs, many[0], one[0]))
            expect(many[1] == one[1], "the table with --jobs %d differs from one process" % jobs)
            expect(many[2] == one[2], "the JSON with --jobs %d differs from one process" % jobs)
print("OK: --jobs 2 and 3 give the results of one process")
