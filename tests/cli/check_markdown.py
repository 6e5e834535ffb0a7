#!/usr/bin/env python3
"""`posprop check --md FILE` writes a Markdown table, its legend and the counterexamples."""
import os
import re
import sys
import tempfile

from cli_common import expect, run

binary = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "results.md")
    p = run(binary, ["check", "--encoder", "sinusoidal", "--property", "s*", "--cases", "20",
                     "--md", out])
    expect(p.returncode == 0, "check --md", p)
    with open(out) as f:
        md = f.read()

rows = [line for line in md.splitlines() if line.startswith("|")]
expect(len(rows) == 3, "header, separator and one encoder row:\n" + md)
header = [c.strip() for c in rows[0].strip("|").split("|")]
n = len(header) - 1
expect(header == ["encoder"] + [str(i) for i in range(1, n + 1)], "numbered columns: " + rows[0])
expect(re.fullmatch(r"\| -+ \|( :?-+:? \|)+", rows[1]) and rows[1].count("|") == n + 2,
       "separator row: " + rows[1])
cells = [c.strip() for c in rows[2].strip("|").split("|")]
expect(cells[0] == "`sinusoidal`" and len(cells) == n + 1, "encoder row: " + rows[2])

# The legend numbers the property columns; score.translation_equivariant is an xfail.
legend = dict(re.findall(r"^(\d+)\. `([^`]+)`", md, re.M))
expect(sorted(map(int, legend)) == list(range(1, n + 1)), "legend for every column:\n" + md)
column = next(int(k) for k, v in legend.items() if v == "score.translation_equivariant")
expect(cells[column] == "xfail found", "xfail cell: " + rows[2])
expect("MISSED" in md and "n.a." in md, "legend of the cell labels")
expect("## Counterexamples" in md, "counterexamples section")
expect(re.search(r'reproduce: RC_PARAMS="reproduce=\S+" posprop check --encoder sinusoidal '
                 r'--property score.translation_equivariant', md), "reproduce line")
print("ok")
