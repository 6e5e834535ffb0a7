"""The independent implementations (independent_rope.py, independent_bias.py) run inside the
driver's own process: the same command lines as `python3 independent_rope.py VECTORS OUTPUTS
...`, the same files in and out, without a Python start and a numpy import per run (0.15 to
0.3 s each, about 60 runs in the default tier). The drivers run under Debian's python3, whose
python3-numpy the test packages install."""
import importlib.util


def available():
    """numpy is importable (else the callers skip, exit 77)."""
    return importlib.util.find_spec("numpy") is not None


def rope(vectors, outputs, *extra):
    import independent_rope
    independent_rope.main([str(vectors), str(outputs), *map(str, extra)])


def bias(vectors, outputs, *extra):
    import independent_bias
    independent_bias.main([str(vectors), str(outputs), *map(str, extra)])
