#!/usr/bin/env python3
"""Runs the meta binary the way a user does and checks what DESIGN.md section 4 promises.

usage: reproduce_check.py CHECK BINARY, CHECK one of:
  reproduce     a broken encoder registered as correct makes its cell fail (exit != 0) with a
                counterexample in 17 significant digits and a one-line
                `reproduce: RC_PARAMS="reproduce=..." <binary> "<test>"`; running that exact line
                fails again after 1 case with the same counterexample.
  user-seed     RC_PARAMS="seed=N" set by the user wins over the default seed: the output says
                `Using configuration: seed=N` and the run differs from the default-seed run.
  printed-seed  the seed printed in `Using configuration:` is the seed really used, also when the
                user's RC_PARAMS sets other keys only: re-running with that seed replays the run.
  soak-seed     the soak tier (POSPROP_TIER=soak) draws a fresh seed per run, prints it, and
                RC_PARAMS="seed=<printed>" replays it.
"""

import html
import os
import re
import shlex
import subprocess
import sys

DEFAULT_SEED = "20261128"
# A broken encoder claimed correct: the cell must fail.
FAILING_CELL = "broken-as-correct/score.relative_form/rope-wrong-sign"
# The same bug as a meta cell: passes, and prints its counterexample report.
META_CELL = "meta/score.relative_form/rope-wrong-sign"

failures = []


def check(condition, message):
    print(("ok:     " if condition else "FAILED: ") + message)
    if not condition:
        failures.append(message)
    return condition


def run(argv, rc_params=None, extra_env=None):
    env = {k: v for k, v in os.environ.items() if k not in ("RC_PARAMS", "POSPROP_TIER")}
    if rc_params is not None:
        env["RC_PARAMS"] = rc_params
    env.update(extra_env or {})
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    return proc.returncode, proc.stdout + proc.stderr


def printed_seed(output):
    m = re.search(r"^Using configuration:.*\bseed=(\d+)", output, re.M)
    return m.group(1) if m else None


REPRODUCE_LINE = re.compile(r'^\s*reproduce: RC_PARAMS="reproduce=([A-Za-z0-9+/=_-]+)" (.+)$', re.M)


def reproduce_line(output):
    """The reproduce line exactly as printed (one line), or None."""
    m = REPRODUCE_LINE.search(output)
    return (m.group(1), m.group(2)) if m else None


def unwrapped_report(binary, test):
    """The cell's report through Catch's XML reporter, which does not wrap messages: lets the
    remaining checks run when the console reporter wrapped the report at 80 columns."""
    _, out = run([binary, test, "--reporter", "xml"])
    return html.unescape(out)


def counterexample_input(output):
    m = re.search(r"^\s*input = (\{.*\})$", output, re.M)
    return m.group(1) if m else None


def counterexample_input_any(output):
    """The counterexample input with all whitespace removed (robust to wrapped reports)."""
    m = re.search(r"input = (\{[^}]*\})", output, re.S)
    return re.sub(r"\s+", "", m.group(1)) if m else None


def significant_digits(number):
    mantissa = re.sub(r"[eE].*$", "", number).lstrip("+-").replace(".", "").lstrip("0")
    return len(mantissa)


def check_reproduce(binary):
    code, out = run([binary, FAILING_CELL])
    print(out)
    check(code != 0, "a broken encoder claimed correct makes its cell fail (exit %d)" % code)
    check(printed_seed(out) == DEFAULT_SEED, "RC_PARAMS unset: the default seed %s is used" %
          DEFAULT_SEED)
    check("minimised counterexample (17 significant digits)" in out,
          "the failure prints the minimised counterexample")
    cx = counterexample_input(out)
    check(cx is not None, "the counterexample input is printed on one line")
    m = re.search(r"^\s*double: residual (\S+) ", out, re.M)
    check(m is not None and significant_digits(m.group(1)) == 17,
          "residuals are printed with 17 significant digits (%s)" % (m.group(1) if m else None))
    check("structural failure" in out, "the counterexample is structural")
    line = reproduce_line(out)
    check(line is not None and line[1] == '%s "%s"' % (binary, FAILING_CELL),
          'a one-line `reproduce: RC_PARAMS="reproduce=..." <binary> "<test>"` is printed '
          "(copy-pastable: not wrapped by the test reporter)")
    if line is None or cx is None:
        report = unwrapped_report(binary, FAILING_CELL)
        line, cx = reproduce_line(report), counterexample_input(report)
    if not check(line is not None, "a reproduce string can be recovered"):
        return
    token, command = line
    argv = shlex.split(command)
    code2, out2 = run(argv, rc_params="reproduce=" + token)
    print(out2)
    check(code2 != 0, "the reproduce line fails again (exit %d)" % code2)
    check(re.search(r"verdict fail after\s+1\s+case\(s\)", out2) is not None,
          "the reproduce line fails after 1 case")
    check(cx is not None and counterexample_input_any(out2) == re.sub(r"\s+", "", cx),
          "the reproduce line replays the same counterexample")


def check_user_seed(binary):
    _, default_out = run([binary, META_CELL])
    code, out = run([binary, META_CELL], rc_params="seed=12345")
    print(out)
    check(code == 0, "the meta cell passes with the user's seed (exit %d)" % code)
    check(printed_seed(out) == "12345", "output says `Using configuration: seed=12345`")
    user, default = reproduce_line(out), reproduce_line(default_out)
    check(user is not None and default is not None and user[0] != default[0],
          "the user's seed is the one used (its run differs from the default-seed run)")
    _, again = run([binary, META_CELL], rc_params="seed=12345")
    check(reproduce_line(again) == user, "the same user seed gives the same run")


def check_printed_seed(binary):
    code, out = run([binary, META_CELL], rc_params="max_success=100")
    print(out)
    seed = printed_seed(out)
    check(code == 0 and seed is not None, "a run with RC_PARAMS=max_success=100 prints its seed")
    _, replay = run([binary, META_CELL], rc_params="max_success=100 seed=%s" % seed)
    first = reproduce_line(out)
    check(first is not None and reproduce_line(replay) == first,
          "re-running with the printed seed %s replays the run" % seed)


def check_soak_seed(binary):
    soak = {"POSPROP_TIER": "soak", "POSPROP_SOAK_CASES": "20"}
    runs = [run([binary, META_CELL], extra_env=soak) for _ in range(2)]
    for _, out in runs:
        print(out)
    seeds = [printed_seed(out) for _, out in runs]
    check(all(code == 0 for code, _ in runs), "soak runs of a meta cell pass")
    check(seeds[0] != seeds[1] and DEFAULT_SEED not in seeds,
          "each soak run draws a fresh seed (printed: %s)" % seeds)
    _, replay = run([binary, META_CELL], rc_params="seed=%s" % seeds[0], extra_env=soak)
    first = reproduce_line(runs[0][1])
    check(first is not None and reproduce_line(replay) == first,
          "RC_PARAMS=seed=<printed soak seed> replays the soak run")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    checks = {"reproduce": check_reproduce, "user-seed": check_user_seed,
              "printed-seed": check_printed_seed, "soak-seed": check_soak_seed}
    checks[sys.argv[1]](sys.argv[2])
    if failures:
        print("\n%d check(s) failed:\n  %s" % (len(failures), "\n  ".join(failures)))
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
