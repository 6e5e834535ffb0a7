#!/usr/bin/env python3
"""An expected failure shows `xfail found` with a reproduce command, and running that command
(through the shell, `posprop` on PATH) replays the same minimised counterexample."""
import os
import re
import subprocess
import sys

from cli_common import expect, run

binary = os.path.abspath(sys.argv[1])
args = ["check", "--encoder", "sinusoidal", "--property", "score.translation_equivariant",
        "--cases", "20"]
first = run(binary, args)
expect(first.returncode == 0, "expected failure found -> exit 0", first)
expect(re.search(r"^sinusoidal +xfail found$", first.stdout, re.M), "matrix cell", first)
lines = re.findall(r"^  reproduce: (.*)$", first.stdout, re.M)
expect(len(lines) == 1, "one reproduce line", first)
command = lines[0]
expect(command.startswith('RC_PARAMS="reproduce=') and
       command.endswith(" posprop check --encoder sinusoidal --property "
                        "score.translation_equivariant --seed 20261128 --cases 20"),
       "reproduce command form: " + command, first)


def counterexample(text):
    """The minimised input and the residuals up the ladder, as printed."""
    return re.findall(r"^ +(input = .*|double: .*|hp50: .*|hp100: .*)$", text, re.M)


env = {k: v for k, v in os.environ.items() if k != "RC_PARAMS"}
env["PATH"] = os.path.dirname(binary) + os.pathsep + env.get("PATH", "")
replay = subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env,
                        timeout=60)
expect(replay.returncode == 0, "replay exits 0", replay)
expect(counterexample(first.stdout) and
       counterexample(replay.stdout) == counterexample(first.stdout),
       "replay shows the same counterexample\n--- first:\n%s" % first.stdout, replay)
expect("replays a counterexample for score.translation_equivariant/sinusoidal" in replay.stderr,
       "the replay says what RC_PARAMS does", replay)
print("ok")
