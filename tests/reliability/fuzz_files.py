#!/usr/bin/env python3
"""Mutation fuzzer over valid input files (issue 13 item 5): a vectors file written by `posprop
vectors`, the outputs of a perfect implementation for it (JSON and CSV) and transformers configs
from models/, each mutated (fuzz_mutations.py) and run through the command that reads it:

  vectors       posprop verify ENC --vectors MUTATED --outputs good.json --junit out/junit.xml
  outputs_json  posprop verify ENC --vectors good.json --outputs MUTATED --junit out/junit.xml
  outputs_csv   the same with a .csv outputs file
  hf_freqs      posprop freqs --hf-config MUTATED
  hf_vectors    posprop vectors --hf-config MUTATED --positions 0,5 --no-extra-cases --out out/v.json

Every run must: end by itself within the time limit (never a hang) with exit code 0, 1 or 2
(never a signal, never "internal error"); on exit 2 print "posprop: error: " and name an input
file of the run; leave its inputs unchanged, no temporary file behind, and an output either
untouched (exit 2: it still holds what was there before) or complete (XML / JSON that parses).

Deterministic: case I of seed S is mutated from random.Random(f"{S}:{I}") alone. A failure
prints the command that reproduces it (--case I) and keeps the input in WORK/failures/.
--replay FILE... runs the checks on saved inputs (the regression tests of fuzz_regressions/,
named TARGET-N-what, gzip-compressed when they end in .gz).

usage: fuzz_files.py --posprop BIN --work DIR [--cases N] [--seed S] [--jobs J] [--case I]
                     [--time-limit SECONDS] [--replay FILE...]
"""
import argparse
import concurrent.futures
import gzip
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzz_mutations  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Seed vectors files: (encoder, vectors arguments); rope-yarn has the pair fields of version 2
# and scaling parameters, rope-basis the generic (non-pair) tolerances.
VECTOR_SEEDS = [("rope", ["--dim", "8", "--positions", "0,3,70000"]),
                ("rope-yarn", ["--dim", "8", "--positions", "0,5", "--set", "factor=4"]),
                ("rope-basis", ["--dim", "6", "--positions", "1,2"])]
HF_SEEDS = ["llama-3.1-8b", "qwen2.5-7b-yarn", "phi-3.5-mini-long", "gpt-j-6b", "qwen2-vl-7b",
            "deepseek-v3", "pythia-160m", "gpt-oss-20b"]
TARGETS = ["vectors", "outputs_json", "outputs_csv", "hf_freqs", "hf_vectors"]
SENTINEL = "previous contents, kept unless a run succeeds\n"


class Failure(Exception):
    pass


def run(args, cwd, limit):
    try:
        return subprocess.run(args, cwd=cwd, capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        raise Failure(f"no answer within {limit} s (a hang): {' '.join(args)}")


def make_seeds(posprop, work):
    """The valid files every mutation starts from: {(target, n): (name, bytes, encoder)}."""
    seeds = os.path.join(work, "seeds")
    os.makedirs(seeds, exist_ok=True)
    out = {}
    for n, (encoder, extra) in enumerate(VECTOR_SEEDS):
        name = f"{encoder}.json"
        p = run([posprop, "vectors", encoder, *extra, "--no-extra-cases", "--out", name], seeds, 600)
        if p.returncode != 0:
            sys.exit(f"FAIL: cannot make the seed vectors: {p.stderr.decode()}")
        doc = json.load(open(os.path.join(seeds, name)))
        cases = [{"id": i, "q_out": [float(x) for x in c["q_out"]],
                  "k_out": [float(x) for x in c["k_out"]]} for i, c in enumerate(doc["cases"])]
        outputs = json.dumps({"precision": "fp64", "cases": cases}).encode()
        csv = "case,vector,values\n" + "".join(
            f"{c['id']},{w},{','.join(repr(x) for x in c[w + '_out'])}\n"
            for c in cases for w in "qk")
        out[("vectors", n)] = ("vectors.json", open(os.path.join(seeds, name), "rb").read(), encoder)
        out[("outputs_json", n)] = ("outputs.json", outputs, encoder)
        out[("outputs_csv", n)] = ("outputs.csv", csv.encode(), encoder)
    for n, model in enumerate(HF_SEEDS):
        text = open(os.path.join(ROOT, "models", model + ".json"), "rb").read()
        out[("hf_freqs", n)] = ("config.json", text, "")
        out[("hf_vectors", n)] = ("config.json", text, "")
    return out


def command(target, seeds, n, posprop):
    """The command line of a target (run in the case directory) and its output file, if any."""
    _, _, encoder = seeds[(target, n)]
    if target == "vectors":
        return [posprop, "verify", encoder, "--vectors", "vectors.json", "--outputs",
                "good-outputs.json", "--junit", "out/junit.xml"], "out/junit.xml"
    if target.startswith("outputs"):
        name = seeds[(target, n)][0]
        return [posprop, "verify", encoder, "--vectors", "good-vectors.json", "--outputs", name,
                "--junit", "out/junit.xml"], "out/junit.xml"
    if target == "hf_freqs":
        return [posprop, "freqs", "--hf-config", "config.json"], None
    return [posprop, "vectors", "--hf-config", "config.json", "--positions", "0,5",
            "--no-extra-cases", "--out", "out/v.json"], "out/v.json"


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def check_run(p, case_dir, inputs, before, output):
    """The contract of one run (module docstring); raises Failure."""
    def at(name):
        return os.path.join(case_dir, name)

    err = p.stderr.decode("utf-8", "replace")
    if p.returncode < 0:
        raise Failure(f"killed by signal {-p.returncode}")
    if p.returncode not in (0, 1, 2):
        raise Failure(f"exit code {p.returncode}")
    if "internal error" in err:
        raise Failure("internal error")
    if p.returncode == 2:
        if not err.startswith("posprop: error: "):
            raise Failure("exit 2 without 'posprop: error: ' first on stderr")
        if not any(name in err.split("\n")[0] for name in inputs):
            raise Failure(f"the message names no input file ({', '.join(inputs)})")
    for name, h in before.items():
        if digest(at(name)) != h:
            raise Failure(f"input {name} was modified")
    for d in (".", "out"):
        if any(".posprop-" in f for f in os.listdir(at(d))):
            raise Failure(f"a temporary file was left in {d}")
    if output:
        text = open(at(output), encoding="utf-8", errors="replace").read()
        if p.returncode == 2 and text != SENTINEL:
            raise Failure(f"{output} was changed by a failed run")
        if p.returncode != 2:
            try:
                ET.fromstring(text) if output.endswith(".xml") else json.loads(text)
            except Exception as e:  # noqa: BLE001 -- any parse error is the finding
                raise Failure(f"{output} is not a complete document: {e}")


def run_case(data, target, seeds, n, posprop, case_dir, limit):
    """Writes the case's files in `case_dir`, runs the command, checks it; raises Failure."""
    shutil.rmtree(case_dir, ignore_errors=True)
    os.makedirs(os.path.join(case_dir, "out"))
    name = seeds[(target, n)][0]
    files = {name: data}
    if target == "vectors":
        files["good-outputs.json"] = seeds[("outputs_json", n)][1]
    elif target.startswith("outputs"):
        files["good-vectors.json"] = seeds[("vectors", n)][1]
    for f, content in files.items():
        with open(os.path.join(case_dir, f), "wb") as fh:
            fh.write(content)
    argv, output = command(target, seeds, n, posprop)
    if output:
        with open(os.path.join(case_dir, output), "w") as fh:
            fh.write(SENTINEL)
    before = {f: digest(os.path.join(case_dir, f)) for f in files}
    p = run(argv, case_dir, limit)
    check_run(p, case_dir, list(files), before, output)
    shutil.rmtree(case_dir)
    return p.returncode


def one_case(a, seeds, i):
    """Case i: its target, seed file and mutation from random.Random(f"{seed}:{i}")."""
    rng = random.Random(f"{a.seed}:{i}")
    target = TARGETS[i % len(TARGETS)]
    n = rng.randrange(len(VECTOR_SEEDS) if not target.startswith("hf") else len(HF_SEEDS))
    name, data, _ = seeds[(target, n)]
    mutated, ops = fuzz_mutations.mutate(rng, data, "csv" if name.endswith(".csv") else "json")
    case_dir = os.path.join(a.work, f"case-{i}")
    try:
        return run_case(mutated, target, seeds, n, a.posprop, case_dir, a.time_limit), None
    except Failure as e:
        kept = os.path.join(a.work, "failures", f"case-{i}-{target}-{n}-{name}")
        os.makedirs(os.path.dirname(kept), exist_ok=True)
        with open(kept, "wb") as fh:
            fh.write(mutated)
        return None, (f"case {i} ({target}, seed file {n}, mutations {'+'.join(ops)}): {e}\n"
                      f"  input kept in {kept}\n  reproduce: {sys.argv[0]} --posprop {a.posprop} "
                      f"--work {a.work} --seed {a.seed} --case {i}")


def replay(a, seeds):
    """Each FILE is named TARGET-N-anything: the checks of target TARGET with seed file N."""
    failures = []
    for path in a.replay:
        target, n = os.path.basename(path).split("-")[:2]
        n = int(n)
        try:
            data = open(path, "rb").read()
            if path.endswith(".gz"):
                data = gzip.decompress(data)
            rc = run_case(data, target, seeds, n, a.posprop, os.path.join(a.work, "replay"),
                          a.time_limit)
            print(f"{path}: exit {rc}, as the contract asks")
        except Failure as e:
            failures.append(f"{path}: {e}")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posprop", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cases", type=int, default=25)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--case", type=int, help="run only this case (reproduce a failure)")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--replay", nargs="+", help="saved inputs (TARGET-N-name) instead of cases")
    a = ap.parse_args()
    a.posprop = os.path.abspath(a.posprop)
    a.work = os.path.abspath(a.work)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    start = time.time()
    seeds = make_seeds(a.posprop, a.work)
    if a.replay:
        failures = replay(a, seeds)
        if failures:
            sys.exit("FAIL:\n" + "\n".join(failures))
        return
    ids = [a.case] if a.case is not None else range(a.cases)
    codes, failures = {0: 0, 1: 0, 2: 0}, []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        futures = [pool.submit(one_case, a, seeds, i) for i in ids]
        for done, f in enumerate(futures, 1):
            rc, failure = f.result()
            if done % 1000 == 0:
                print(f"{done} files, {time.time() - start:.0f} s, {len(failures)} failures",
                      flush=True)
            if failure:
                failures.append(failure)
                print("FAIL " + failure, flush=True)
            else:
                codes[rc] += 1
    print(f"{len(ids)} mutated files, seed {a.seed}, {time.time() - start:.1f} s: exit 0 x{codes[0]}, "
          f"1 x{codes[1]}, 2 x{codes[2]}; {len(failures)} broke the contract")
    if failures:
        sys.exit(f"FAIL: {len(failures)} case(s) broke the contract")


if __name__ == "__main__":
    main()
