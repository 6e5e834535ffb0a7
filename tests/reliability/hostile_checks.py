#!/usr/bin/env python3
"""Hostile plugins against `posprop check --plugin` (tests/reliability/CMakeLists.txt registers one
test per plugin of hostile_plugin.c).

usage: hostile_checks.py NAME --posprop BIN --plugins DIR --work DIR

Every misbehaviour while running must end as ERROR cells (or failing cases for NaN) that name the
plugin, the property, the dim, the position and what happened; posprop finishes the matrix,
writes complete --json / --junit / --md reports and exits 1. A plugin that cannot be loaded is
exit 2 with a message naming what happened and where.
"""
import json
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET

from reliability_common import arguments, fail

A = None
CASES = "8"
# --plugin-timeout: generous where no call should time out (a loaded CI machine must not turn a
# correct call into an ERROR), 1 s for the plugins that hang, whose matrix is cut to the cells
# `ro*` (rope.complex_view and rotation.*: three call only apply_query, one hangs).
TIMEOUT = "5"
HANG_TIMEOUT = "1"
HANG_CELLS = "ro*"

# name -> regular expression the ERROR cells' message must match after "plugin '<path>' ".
CALL_ERRORS = {
    "segv": r"killed by SIGSEGV in apply_key",
    "abort": r"killed by SIGABRT in apply_key",
    "exit0": r"exited with status 0 in apply_key",
    "exit3": r"exited with status 3 in apply_key",
    "loop": r"did not return within 1 second \(killed; --plugin-timeout\) in apply_key",
    "refuse": r"returned 7 \(input not supported\) in apply_key",
    "oob_after": r"wrote out\[(\d+)\], past the end of its \1-element output buffer "
                 r"\(guard page; killed by SIGSEGV\) in apply_key",
    "oob_before": r"wrote out\[-1\], before the start of its output buffer in apply_key",
    "read_after": r"read in\[(\d+)\], past the end of its \1-element input buffer "
                  r"\(guard page; killed by SIGSEGV\) in apply_key",
    "write_input": r"modified its input in\[0\] \(in is const\) in apply_key",
    "partial": r"returned 0 without writing out\[\d+\] in apply_key",
    "close_fds": r"closed or broke its connection to posprop \(fd 3\); the worker exited with "
                 r"status 0 in apply_key",
    "write_fds": r"wrote bytes that are not a worker reply to its connection to posprop \(fd 3\) "
                 r"\(killed\) in apply_key",
    "fork_segv": r"killed by SIGSEGV in apply_key",
}
LOAD_ERRORS = {
    "ctor_segv": r"killed by SIGSEGV while loading the library \(dlopen runs its constructors\)",
    "ctor_exit0": r"exited with status 0 while loading the library",
    "ctor_loop": r"did not finish loading within 1 second \(killed; --plugin-timeout\) while "
                 r"loading the library",
    "entry_segv": r"killed by SIGSEGV while calling posprop_plugin_entry\(\)",
    "bad_name": r"killed by SIGSEGV while reading the description posprop_plugin_entry\(\) "
                r"returned",
}
HANGS = ("loop", "ctor_loop")


def posprop(*args, expect):
    env = dict(os.environ)
    env.pop("RC_PARAMS", None)
    start = time.time()
    p = subprocess.run([A.posprop, *map(str, args)], capture_output=True, text=True,
                       errors="replace", env=env, timeout=120, cwd=A.work)
    print(f"exit {p.returncode} after {time.time() - start:.1f} s: {' '.join(map(str, args))}")
    if p.returncode != expect:
        fail(f"expected exit code {expect}", p)
    return p


def library(name):
    return os.path.join(A.plugins, f"libposprop_hostile_{name}.so")


def check_cell_message(cell, pattern, lib):
    where = (r"\(property " + re.escape(cell["property"]) +
             r", dim \d+, position -?[0-9.e+-]+\)\n  input = \{dim=\d+")
    full = r"^plugin '" + re.escape(lib) + "' " + pattern + r" " + where
    if not re.search(full, cell["message"]):
        fail(f"ERROR cell {cell['property']} message does not match /{full}/:\n{cell['message']}")


def check_reports(json_path, junit_path, md_path, p, min_cells):
    """The three reports are complete and valid; returns the JSON cells."""
    try:
        data = json.load(open(json_path))
        suite = ET.parse(junit_path).getroot()
        md = open(md_path).read()
    except (OSError, ValueError, ET.ParseError) as e:
        fail(f"a report is missing or invalid: {e}", p)
    cells = data["cells"]
    if len(cells) < min_cells or data["as_expected"]:
        fail(f"--json: {len(cells)} cells, as_expected {data['as_expected']}", p)
    cases = suite.findall("testcase")
    if int(suite.get("tests")) != len(cells) or len(cases) != len(cells):
        fail(f"--junit has {len(cases)} testcases for {len(cells)} cells", p)
    by_name = {c.get("classname"): c for c in cases}
    for cell in cells:
        if cell["as_expected"]:
            continue
        element = "error" if cell["verdict"] == "error" else "failure"
        failure = by_name[cell["property"]].find(element)
        if failure is None:
            fail(f"--junit has no <{element}> for {cell['property']}", p)
        if cell["verdict"] != "error":
            continue
        first_line = cell["message"].splitlines()[0]
        if first_line not in (failure.text or "") or first_line not in md:
            fail(f"--junit or --md lacks the message of {cell['property']}: {first_line}", p)
    n_errors = sum(c["verdict"] == "error" for c in cells)
    if int(suite.get("errors")) != n_errors:
        fail(f"--junit errors=\"{suite.get('errors')}\" for {n_errors} ERROR cell(s)", p)
    if "**ERROR**" not in md and n_errors:
        fail("--md shows no ERROR cell", p)
    # The cells that never call apply_key got their verdicts, as expected.
    verdicts = [c for c in cells if c["verdict"] != "error" and c["as_expected"]]
    if len(verdicts) < 3:
        fail(f"only {len(verdicts)} cell(s) got an as-expected verdict", p)
    return cells


def run_matrix(name):
    lib = library(name)
    paths = [os.path.join(A.work, f) for f in ("r.json", "r.xml", "r.md")]
    hangs = name in HANGS
    p = posprop("check", "--plugin", lib, "--cases", CASES,
                "--plugin-timeout", HANG_TIMEOUT if hangs else TIMEOUT,
                "--property", HANG_CELLS if hangs else "*",
                "--json", paths[0], "--junit", paths[1], "--md", paths[2], expect=1)
    return lib, p, check_reports(*paths, p, 4 if hangs else 10)


def scenario_call_error(name):
    lib, p, cells = run_matrix(name)
    errors = [c for c in cells if c["verdict"] == "error"]
    if not errors:
        fail("no ERROR cell", p)
    for cell in errors:
        check_cell_message(cell, CALL_ERRORS[name], lib)
    if not re.search(r"^\[ERROR\] ", p.stdout, re.M):
        fail("the terminal report shows no [ERROR] cell", p)
    print(f"{len(errors)} ERROR cell(s), e.g.:\n  {errors[0]['message']}")


def scenario_nan():
    lib, p, cells = run_matrix("nan")
    failing = [c for c in cells if c["verdict"] == "fail" and not c["as_expected"]]
    if not failing:
        fail("no failing cell for NaN outputs", p)
    pattern = (r"non-finite output = plugin '" + re.escape(lib) +
               r"' apply_key returned nan in out\[\d+\] \(dim \d+, position -?[0-9.e+-]+")
    for cell in failing:
        cx = cell["counterexample"]
        if not re.search(pattern, cx["input"]) or cx["certified"]:
            fail(f"{cell['property']}: counterexample {cx}", p)
    print(f"{len(failing)} failing cell(s), e.g.: {failing[0]['counterexample']['input']}")


def scenario_fork_segv():
    pid_file = os.path.join(A.work, "hostile_child.pid")
    scenario_call_error("fork_segv")
    pids = [int(x) for x in open(pid_file).read().split()]
    time.sleep(0.2)
    for pid in pids:
        try:
            state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue  # gone
        if state != "Z":
            fail(f"the plugin's child {pid} outlived its worker (state {state})")
    print(f"{len(pids)} forked child(ren), none left running")


def scenario_noisy():
    # Output of the plugin goes to stderr: stdout stays the JSON report.
    p = posprop("check", "--plugin", library("noisy"), "--cases", "3", "--json", "-", expect=0)
    try:
        data = json.loads(p.stdout)
    except ValueError as e:
        fail(f"stdout is not the JSON report: {e}", p)
    if not data["as_expected"] or "garbage" not in p.stderr:
        fail("the noisy plugin's output did not go to stderr", p)


# Bytes a plugin's strings must never put raw on posprop's terminal (ESC, BEL, CR, DEL).
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def scenario_evil_text(name):
    """Control sequences in the plugin's description, reference or reference_params: printed
    only escaped (terminal_text), in every report and message; evil_text still loads and runs."""
    paths = [os.path.join(A.work, f) for f in ("r.json", "r.xml", "r.md")]
    args = ("--json", paths[0], "--junit", paths[1], "--md", paths[2])
    if name == "evil_text":
        p = posprop("check", "--plugin", library(name), "--cases", "3", *args, expect=0)
    else:
        p = posprop("check", "--plugin", library(name), *args, expect=2)
        field = "reference" if name == "evil_reference" else "reference_params"
        first = p.stderr.splitlines()[0] if p.stderr else ""
        if not re.search(r"^posprop: error: plugin '.*': field " + field + r".*\\x1b\[2J", first):
            fail(f"the message does not show the {field} escaped", p)
    for stream, text in (("stdout", p.stdout), ("stderr", p.stderr)):
        if RAW_CONTROL.search(text):
            fail(f"a raw control character reached {stream}", p)
    print(f"exit {p.returncode}; stderr: {p.stderr.splitlines()[0] if p.stderr else ''}")


def scenario_load_error(name):
    out = os.path.join(A.work, "never.json")
    timeout = HANG_TIMEOUT if name in HANGS else TIMEOUT
    p = posprop("check", "--plugin", library(name), "--plugin-timeout", timeout, "--json", out,
                expect=2)
    first = p.stderr.splitlines()[0] if p.stderr else ""
    pattern = r"^posprop: error: plugin '" + re.escape(library(name)) + "': " + LOAD_ERRORS[name]
    if not re.search(pattern, first):
        fail(f"first stderr line does not match /{pattern}/", p)
    if os.path.exists(out):
        fail("a report was written for a plugin that could not be loaded", p)
    print(first)


def scenario_timeout_option():
    """--plugin-timeout takes seconds in (0, 86400]; anything else is a usage error."""
    for bad in ("0", "-1", "nan", "inf", "0x10", "1e9", "abc", "1s"):
        p = posprop("check", "--plugin", library("segv"), "--plugin-timeout", bad, expect=2)
        first = p.stderr.splitlines()[0] if p.stderr else ""
        if not first.startswith("posprop: error: option '--plugin-timeout' expects seconds"):
            fail(f"--plugin-timeout {bad}: unclear message", p)


def main():
    global A
    A = arguments()
    if A.name == "nan":
        scenario_nan()
    elif A.name == "fork_segv":
        scenario_fork_segv()
    elif A.name == "noisy":
        scenario_noisy()
    elif A.name == "timeout_option":
        scenario_timeout_option()
    elif A.name.startswith("evil_"):
        scenario_evil_text(A.name)
    elif A.name in CALL_ERRORS:
        scenario_call_error(A.name)
    elif A.name in LOAD_ERRORS:
        scenario_load_error(A.name)
    else:
        fail(f"unknown hostile plugin {A.name}")
    print("PASS")


if __name__ == "__main__":
    main()
