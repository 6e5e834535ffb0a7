"""posprop claims --json - [ARGS...]: exit 0 (every computed verdict equals the stated one) and
the ledger JSON of DESIGN.md section 5. The default tier passes --cases 20, the gate's case
count (the boundary inputs decide every expected failure at any count: meta/boundary_decides);
the soak tier runs the command's default of 100."""
import json
import subprocess
import sys

VERDICTS = {"holds", "holds-with-hypotheses", "partly", "refuted", "out-of-scope"}

out = subprocess.run([sys.argv[1], "claims", "--json", "-", *sys.argv[2:]],
                     capture_output=True, text=True, check=False)
assert out.returncode == 0, out.stderr
doc = json.loads(out.stdout)
claims = doc["claims"]
assert [c["id"] for c in claims] == [f"S{k}" for k in range(1, 19)], [c["id"] for c in claims]
for c in claims:
    assert c["verdict"] in VERDICTS, c
    assert c["verdict"] == c["stated"] and c["agrees"] is True, c["id"]
    assert c["proof"].startswith("proofs/") and c["evidence"], c["id"]
    for e in c["evidence"]:
        assert e["role"] in {"supports", "refutes", "hypothesis"} and e["as_declared"] is True, e
        if e["kind"] == "cell" and e["verdict"] == "fail":
            assert e["counterexample"]["certified"] is True, e
        if e["kind"] == "certificate":
            assert e["certified"] is True, e
print("claims JSON ok:", len(claims), "claims")
