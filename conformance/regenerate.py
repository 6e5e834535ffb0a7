#!/usr/bin/env python3
"""Regenerates the conformance vector files listed in manifest.json with `posprop vectors`.

    conformance/regenerate.py POSPROP            rewrite every file
    conformance/regenerate.py POSPROP --check    regenerate into a temporary directory and fail
                                                 (exit 1, naming the files) if any differs: the
                                                 CTest drift test cli/conformance_drift
The files are deterministic (fixed seed, exact inputs, 100-digit references): the same bytes on
every run, so a difference means posprop's references, tolerances or flags changed. --check also
fails when a catalogue model has no file, when a file is not in the manifest, or when a case
carries a flag its file's notes do not define. Two files are generated at a time."""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
models_dir = os.path.join(here, "..", "models")


def run(posprop, args):
    env = dict(os.environ, POSPROP_MODELS=models_dir)
    return subprocess.run([posprop] + args, capture_output=True, text=True, env=env, timeout=600)


def generate(posprop, entry, out):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    p = run(posprop, ["vectors"] + entry["args"] + ["--out", out])
    if p.returncode != 0:
        return "posprop vectors %s failed (exit %d):\n%s" % (" ".join(entry["args"]),
                                                             p.returncode, p.stderr)
    return None


def consistency(posprop, manifest):
    """Problems that are not a byte difference: coverage of the catalogue, stray files, flags."""
    problems = []
    listed = {e["file"] for e in manifest["files"]}
    models = json.loads(run(posprop, ["list", "--models", "--json"]).stdout)["models"]
    for m in models:
        if "models/%s.json" % m["name"] not in listed:
            problems.append("catalogue model %s has no conformance file" % m["name"])
    for sub in ("models", "encoders"):
        for name in sorted(os.listdir(os.path.join(here, sub))):
            if "%s/%s" % (sub, name) not in listed:
                problems.append("%s/%s is not in manifest.json" % (sub, name))
    for f in sorted(listed):
        doc = json.load(open(os.path.join(here, f)))
        for c in doc["cases"]:
            if not c["flags"] or any(flag not in doc["notes"] for flag in c["flags"]):
                problems.append("%s: case %d has flags %s, notes define %s"
                                % (f, c["id"], c["flags"], sorted(doc["notes"])))
                break
    return problems


def main():
    posprop, check = sys.argv[1], "--check" in sys.argv[2:]
    manifest = json.load(open(os.path.join(here, "manifest.json")))
    differ, errors = [], []
    with tempfile.TemporaryDirectory() as tmp:
        def one(entry):
            target = os.path.join(here, entry["file"])
            out = os.path.join(tmp, entry["file"]) if check else target
            error = generate(posprop, entry, out)
            if error:
                errors.append(error)
            elif check and (not os.path.exists(target) or open(target).read() != open(out).read()):
                differ.append(entry["file"])
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(one, manifest["files"]))
    if errors:
        sys.exit("\n".join(errors))
    problems = consistency(posprop, manifest) if check else []
    if differ:
        problems.append("conformance files differ from what posprop generates now: %s\n"
                        "(if the change is intended: conformance/regenerate.py POSPROP)"
                        % ", ".join(sorted(differ)))
    if problems:
        sys.exit("\n".join(problems))
    print("%s %d conformance files" % ("checked" if check else "wrote", len(manifest["files"])))


main()
