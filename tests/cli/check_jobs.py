#!/usr/bin/env python3
"""`posprop check --jobs N` gives the results of one process: the same table, the same JSON
(cell times aside) and the same exit code, over cells that hold, cells whose expected failure is
found (counterexamples, reproduce lines, certificates) and n.a. cells. A worker killed from
outside leaves ERROR cells naming the signal, and the --json file is still written: a worker
never runs posprop's handlers that remove its temporary output files.

usage: check_jobs.py POSPROP
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

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


def children(pid):
    """The processes whose parent is `pid` (from /proc/*/stat: pid (comm) state ppid ...)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        if entry.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "killed.json")
    env = {k: v for k, v in os.environ.items() if k != "RC_PARAMS"}
    proc = subprocess.Popen([binary, "check", "--encoder", "rope*", "--property",
                             "scaling.continuity", "--jobs", "2", "--json", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 10
    workers = children(proc.pid)
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
        workers = children(proc.pid)
    expect(len(workers) == 2, "two worker processes seen: %r" % workers)
    os.kill(min(workers), signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=120)
    expect(proc.returncode == 1, "a lost worker makes the run exit 1, got %d\n%s" % (proc.returncode, stderr))
    with open(out) as f:
        cells = json.load(f)["cells"]
    lost = [c for c in cells if c["verdict"] == "error"]
    expect(lost, "the killed worker's cells are ERROR cells")
    expect(all("worker process checking this cell was killed by signal 15" in c["message"]
               for c in lost), "the ERROR cells name the signal: %r" % lost[0]["message"])
    expect(len(lost) < len(cells), "the other worker's cells stand")
print("OK: --jobs 2 and 3 give the results of one process; a killed worker leaves ERROR cells")
