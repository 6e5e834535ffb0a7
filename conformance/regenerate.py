#!/usr/bin/env python3
"""Regenerates the conformance vector files listed in manifest.json with `posprop vectors`.

    conformance/regenerate.py POSPROP            rewrite every file
    conformance/regenerate.py POSPROP --check    regenerate into a temporary directory and fail
                                                 (exit 1, naming the files) if any differs: the
                                                 CTest drift test cli/conformance_drift
The files are deterministic (fixed seed, exact inputs, 100-digit references): the same bytes on
every run, so a difference means posprop's references or tolerances changed."""
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def generate(posprop, entry, out):
    args = [posprop, "vectors"] + entry["args"] + ["--out", out]
    env = dict(os.environ, POSPROP_MODELS=os.path.join(here, "..", "models"))
    p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    if p.returncode != 0:
        sys.exit("posprop vectors %s failed (exit %d):\n%s" % (" ".join(entry["args"]),
                                                               p.returncode, p.stderr))


def main():
    posprop, check = sys.argv[1], "--check" in sys.argv[2:]
    manifest = json.load(open(os.path.join(here, "manifest.json")))
    differ = []
    with tempfile.TemporaryDirectory() as tmp:
        for entry in manifest["files"]:
            target = os.path.join(here, entry["file"])
            out = os.path.join(tmp, entry["file"]) if check else target
            generate(posprop, entry, out)
            if check and (not os.path.exists(target) or open(target).read() != open(out).read()):
                differ.append(entry["file"])
    if differ:
        sys.exit("conformance files differ from what posprop generates now: %s\n"
                 "(if the change is intended: conformance/regenerate.py POSPROP)" % ", ".join(differ))
    print("%s %d conformance files" % ("checked" if check else "wrote", len(manifest["files"])))


main()
