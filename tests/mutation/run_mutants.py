#!/usr/bin/env python3
"""Mutation testing of posprop's verification engine (issue 12).

usage: run_mutants.py [--source DIR] [--work DIR] [--only ID[,ID..]] [--list] [--keep-going]

Applies each mutant of mutants.json (one exact text replacement in the verification code: drop
an absolute value, flip a comparison, widen a tolerance 10^3 times, skip a rung of the ladder,
return early from a measure, use the query map for keys, ignore the interval certificate, ...)
to a private copy of the source tree, rebuilds it, runs the tests the mutant names, and reports
whether the tests KILLED it (some test failed) or it SURVIVED (all passed). The source tree is
never modified: the copy lives in WORK/src (default: SOURCE/build-mutation), built in
WORK/src/build, and is synchronised
from SOURCE's tracked and untracked-but-not-ignored files at every start, so reruns rebuild only
what changed (ccache is used when installed).

Score = killed / (killed + survived). A mutant whose file no longer contains its text is STALE
(the catalogue must follow the code: exit 2); one that does not compile is INVALID (not counted).
Exit 0 when the score is at least 95 % and every survivor carries an `explained` note in the
catalogue, else 1. The report is printed and written to WORK/mutation-report.json.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_SCORE = 0.95


def run(cmd, log, cwd=None):
    with open(log, "a") as out:
        out.write("$ " + " ".join(cmd) + "\n")
        out.flush()
        return subprocess.call(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)


def source_files(source):
    listed = subprocess.check_output(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=source)
    # Build trees are skipped, ignored or not: a top-level directory holding a CMakeCache.txt.
    builds = {d for d in os.listdir(source) if os.path.isfile(os.path.join(source, d, "CMakeCache.txt"))}
    return [f for f in listed.decode().split("\0") if f and f.split("/")[0] not in builds]


def sync_copy(source, dest):
    """Copies every source file whose content differs; unchanged files keep their mtime."""
    os.makedirs(dest, exist_ok=True)
    changed = 0
    for rel in source_files(source):
        src, dst = os.path.join(source, rel), os.path.join(dest, rel)
        if not os.path.isfile(src):
            continue
        with open(src, "rb") as f:
            data = f.read()
        if os.path.isfile(dst):
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(src, dst)  # a fresh mtime: newer than any object built from the old text
        shutil.copymode(src, dst)
        changed += 1
    return changed


def configure(work, log):
    # The build tree sits inside the copy (src/build), where `build` sits in a checkout: the
    # compile commands then use the same relative paths, and ccache reuses the checkout's objects.
    build = os.path.join(work, "src", "build")
    if os.path.isfile(os.path.join(build, "CMakeCache.txt")):
        return build
    cmd = ["cmake", "-S", os.path.join(work, "src"), "-B", build, "-G", "Ninja",
           "-DCMAKE_BUILD_TYPE=Release"]
    if shutil.which("ccache"):
        cmd.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    if run(cmd, log) != 0:
        sys.exit(f"run_mutants: cmake failed (see {log})")
    return build


def run_tests(build, selection, log):
    cmd = ["ctest", "--test-dir", build, "-j2", "--stop-on-failure", "-LE", "soak|mutation"]
    return run(cmd + selection, log) == 0


def apply_mutant(src_root, mutant):
    """Returns the original text of the mutated file, or None when the mutant is stale."""
    path = os.path.join(src_root, mutant["file"])
    with open(path) as f:
        original = f.read()
    if original.count(mutant["find"]) != 1:
        return None
    with open(path, "w") as f:
        f.write(original.replace(mutant["find"], mutant["replace"]))
    return original


def check_mutant(work, build, mutant, log):
    src_root = os.path.join(work, "src")
    original = apply_mutant(src_root, mutant)
    if original is None:
        return "stale"
    try:
        if run(["cmake", "--build", build, "-j2"], log) != 0:
            return "invalid"
        return "survived" if run_tests(build, mutant.get("tests", []), log) else "killed"
    finally:
        with open(os.path.join(src_root, mutant["file"]), "w") as f:
            f.write(original)


def summarise(results, catalogue):
    by_id = {m["id"]: m for m in catalogue}
    killed = sum(r["status"] == "killed" for r in results)
    survived = [r for r in results if r["status"] == "survived"]
    stale = [r["id"] for r in results if r["status"] == "stale"]
    counted = killed + len(survived)
    score = killed / counted if counted else 0.0
    print(f"\nmutation score: {killed} of {counted} killed ({100 * score:.1f} %), "
          f"{sum(r['status'] == 'invalid' for r in results)} invalid, {len(stale)} stale")
    unexplained = [r["id"] for r in survived if not by_id[r["id"]].get("explained")]
    for r in survived:
        why = by_id[r["id"]].get("explained", "NOT EXPLAINED: add a test that kills it")
        print(f"  survivor {r['id']}: {why}")
    for s in stale:
        print(f"  stale {s}: its text is no longer in {by_id[s]['file']} (update mutants.json)")
    return score, unexplained, stale


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(HERE)))
    ap.add_argument("--work")
    ap.add_argument("--catalogue", default=os.path.join(HERE, "mutants.json"))
    ap.add_argument("--only", help="comma-separated mutant ids")
    ap.add_argument("--list", action="store_true", help="print the catalogue and exit")
    a = ap.parse_args()
    with open(a.catalogue) as f:
        catalogue = json.load(f)["mutants"]
    if a.list:
        for m in catalogue:
            print(f"{m['id']:28} {m['file']}: {m['what']}")
        return 0
    chosen = catalogue
    if a.only:
        ids = set(a.only.split(","))
        unknown = ids - {m["id"] for m in catalogue}
        if unknown:
            sys.exit(f"run_mutants: unknown mutant id(s): {', '.join(sorted(unknown))}")
        chosen = [m for m in catalogue if m["id"] in ids]
    source = os.path.abspath(a.source)
    work = os.path.abspath(a.work or os.path.join(source, "build-mutation"))
    log = os.path.join(work, "mutation.log")
    os.makedirs(work, exist_ok=True)
    print(f"synchronised {sync_copy(source, os.path.join(work, 'src'))} file(s) into {work}/src")
    build = configure(work, log)
    print("baseline: build and tests of the unmutated copy ...", flush=True)
    if run(["cmake", "--build", build, "-j2"], log) != 0 or not run_tests(build, [], log):
        sys.exit(f"run_mutants: the unmutated copy does not build or pass (see {log})")
    results = []
    for m in chosen:
        start = time.time()
        status = check_mutant(work, build, m, log)
        results.append({"id": m["id"], "status": status, "seconds": round(time.time() - start)})
        print(f"{status.upper():9} {m['id']:28} {results[-1]['seconds']:5d} s  {m['what']}",
              flush=True)
    score, unexplained, stale = summarise(results, catalogue)
    with open(os.path.join(work, "mutation-report.json"), "w") as f:
        json.dump({"score": score, "target": TARGET_SCORE, "results": results}, f, indent=1)
    print(f"report: {work}/mutation-report.json; log: {log}")
    if stale:
        return 2
    return 0 if score >= TARGET_SCORE and not unexplained else 1


if __name__ == "__main__":
    sys.exit(main())
