"""Shared helpers of the posprop command tests: run the binary in a clean environment."""
import os
import subprocess
import sys


def run(binary, args, env=None, cwd=None):
    """Runs `binary args`; RC_PARAMS from the caller's environment never leaks in."""
    full_env = {k: v for k, v in os.environ.items() if k != "RC_PARAMS"}
    full_env.update(env or {})
    return subprocess.run([binary] + list(args), capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=120)


def fail(message, proc=None):
    print("FAIL: " + message, file=sys.stderr)
    if proc is not None:
        print("--- exit code: %d\n--- stdout:\n%s\n--- stderr:\n%s" %
              (proc.returncode, proc.stdout, proc.stderr), file=sys.stderr)
    sys.exit(1)


def expect(condition, message, proc=None):
    if not condition:
        fail(message, proc)
