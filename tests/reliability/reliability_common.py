"""What the reliability scripts share: their command line and how they report a failure."""
import argparse
import os
import shutil
import sys


def fail(why, p=None):
    """Ends the test with `why` and, when given, the command, exit code and outputs of run `p`."""
    shown = ""
    if p is not None:
        shown = (f"\n$ {' '.join(map(str, p.args))}\n--- exit {p.returncode}\n--- stdout:\n"
                 f"{p.stdout[-6000:]}\n--- stderr:\n{p.stderr[-6000:]}")
    sys.exit(f"FAIL: {why}{shown}")


def arguments():
    """NAME --posprop BIN --plugins DIR --work DIR; the work directory starts empty."""
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--posprop", required=True)
    ap.add_argument("--plugins", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    return a
