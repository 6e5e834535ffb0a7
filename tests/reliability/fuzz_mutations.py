"""Mutations of valid input files for fuzz_files.py: byte-level (flips, truncation, deletion,
duplication, inserted control characters and invalid UTF-8), JSON-level (members and elements
deleted or duplicated, type swaps, hostile numbers, deep nesting, long strings, unicode and
control characters, subtrees spliced elsewhere) and CSV-level (lines and fields). Every mutation
is a function of a random.Random, so a case is reproduced from its seed alone."""
import copy
import json
import re

# Numbers (as raw JSON tokens) that have broken parsers: beyond the double range, non-finite
# (Python's json.dump writes NaN / Infinity), hexadecimal, negative zero, subnormal, huge
# integers, leading zeros and signs JSON does not allow, and values at integer limits.
HOSTILE_NUMBERS = [
    "1e309", "-1e309", "1e308", "-1e308", "NaN", "Infinity", "-Infinity", "nan", "inf", "0x10",
    "0x1p3", "-0", "-0.0", "5e-324", "2.2250738585072014e-308", "1" + "0" * 400, "-1",
    "0", "1", "2", "3", "65536", "65537", "2147483647", "2147483648", "-2147483649",
    "9007199254740993", "18446744073709551616", "1e-400", "01", "+1", ".5", "1.", "1e", "-",
    "1E+2", "1e1000000000", "0.1", "123456789012345678901234567890", "-9223372036854775809",
]
# Text that terminals, UTF-8 decoders and line-based readers trip on (NUL, escape sequences,
# line breaks, bidi override, a lone surrogate, non-ASCII).
UNICODE = ["\u0000", "\u001b[31mred\u001b[0m", "\r\n", "\u202e", "\ud800", "\u00e9\u4e2d\U0001f600",
           "\t", "\u2028", "\u0085"]
# The same numbers as strings (reference values and parameters are decimal strings), and more.
HOSTILE_STRINGS = HOSTILE_NUMBERS + UNICODE + [
    "", " 1", "1 ", "1,5", "1e5x", "q", "k", "fp32", "fp64", "rope", "true", "null", "[]", "{}"]
CONTROL_BYTES = [b"\x00", b"\x1b[2J", b"\x07", b"\r", b"\x7f", b"\x08", b"\xc0\x80", b"\xff",
                 b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\xe2\x80\xae", b"\xf4\x90\x80\x80", b"\\"]
STRUCTURAL_BYTES = b'{}[]",:-+.eE0123456789 \n\t'


class Raw:
    """A token written as is (numbers JSON does not allow, or beyond Python's float)."""

    def __init__(self, text):
        self.text = text


class Pairs(list):
    """A JSON object as its list of (key, value): duplicate keys survive."""


def load(text):
    return json.loads(text, object_pairs_hook=Pairs)


def dump(node, out):
    if isinstance(node, Raw):
        out.append(node.text)
    elif isinstance(node, Pairs):
        out.append("{")
        for i, (k, v) in enumerate(node):
            out.append(("," if i else "") + json.dumps(k) + ":")
            dump(v, out)
        out.append("}")
    elif isinstance(node, list):
        out.append("[")
        for i, v in enumerate(node):
            if i:
                out.append(",")
            dump(v, out)
        out.append("]")
    else:
        out.append(json.dumps(node))


def dumps(node):
    out = []
    dump(node, out)
    return "".join(out)


# --- JSON tree ------------------------------------------------------------------------------------

def nodes(root):
    """Every (parent, index) below the root; index is a list index (into a Pairs: the pair)."""
    found, stack = [], [root]
    while stack:
        n = stack.pop()
        if isinstance(n, (list, Pairs)):
            for i, child in enumerate(n):
                found.append((n, i))
                stack.append(child[1] if isinstance(n, Pairs) else child)
    return found


def get(parent, i):
    return parent[i][1] if isinstance(parent, Pairs) else parent[i]


def put(parent, i, value):
    if isinstance(parent, Pairs):
        parent[i] = (parent[i][0], value)
    else:
        parent[i] = value


def swapped_type(rng, v):
    """The value as another JSON type, related to it where possible."""
    choices = [None, True, Pairs(), [], Raw(rng.choice(HOSTILE_NUMBERS)), "", [v],
               Pairs([("value", v)])]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        choices += [repr(v), str(v)]
    if isinstance(v, str):
        if re.fullmatch(r"-?[0-9.eE+-]+", v or "x"):
            choices += [Raw(v)] * 3
        choices += [[v], 0]
    return rng.choice(choices)


def long_string(rng):
    n = rng.choice([1000, 65536, 1 << 20])
    return rng.choice(["x", "\u00e9", "1", "\\", "\u001b"]) * n


def deep(rng, v):
    depth = rng.choice([100, 1000, 10000, 100000])
    if rng.random() < 0.5:
        return Raw("[" * depth + dumps(v) + "]" * depth)
    return Raw('{"a":' * depth + dumps(v) + "}" * depth)


def json_op(rng, root):
    """One structural mutation of `root` in place; returns its name."""
    found = nodes(root)
    if not found:
        return "empty"
    parent, i = rng.choice(found)
    v = get(parent, i)
    op = rng.choice(["delete", "delete", "duplicate", "type", "type", "number", "number",
                     "string", "deep", "long", "unicode", "splice", "rename", "empty"])
    if op == "delete":
        del parent[i]
    elif op == "duplicate":
        parent.insert(i, copy.deepcopy(parent[i]))
    elif op == "type":
        put(parent, i, swapped_type(rng, v))
    elif op == "number":
        put(parent, i, Raw(rng.choice(HOSTILE_NUMBERS)))
    elif op == "string":
        put(parent, i, rng.choice(HOSTILE_STRINGS))
    elif op == "deep":
        put(parent, i, deep(rng, v))
    elif op == "long":
        put(parent, i, long_string(rng))
    elif op == "unicode":
        s = v if isinstance(v, str) else dumps(v)
        at = rng.randrange(len(s) + 1)
        put(parent, i, s[:at] + rng.choice(UNICODE) + s[at:])
    elif op == "splice":
        other_parent, j = rng.choice(found)
        put(parent, i, copy.deepcopy(get(other_parent, j)))  # a copy: no cycle
    elif op == "rename" and isinstance(parent, Pairs):
        key = parent[i][0]
        parent[i] = (rng.choice([key.upper(), key + " ", "", "\u0000" + key, key[:-1],
                                 rng.choice(parent)[0]]), v)
    else:
        put(parent, i, Pairs() if isinstance(v, Pairs) else [])
    return op


# --- CSV --------------------------------------------------------------------------------------

def csv_op(rng, lines):
    """One mutation of the CSV lines in place; returns its name."""
    if not lines:
        lines.append("")
    at = rng.randrange(len(lines))
    fields = lines[at].split(",")
    op = rng.choice(["delete-line", "duplicate-line", "swap-lines", "field", "field", "field",
                     "drop-field", "add-field", "header", "long", "crlf"])
    if op == "delete-line":
        del lines[at]
    elif op == "duplicate-line":
        lines.insert(at, lines[at])
    elif op == "swap-lines":
        b = rng.randrange(len(lines))
        lines[at], lines[b] = lines[b], lines[at]
    elif op == "field":
        fields[rng.randrange(len(fields))] = rng.choice(HOSTILE_STRINGS)
        lines[at] = ",".join(fields)
    elif op == "drop-field":
        del fields[rng.randrange(len(fields))]
        lines[at] = ",".join(fields)
    elif op == "add-field":
        fields.insert(rng.randrange(len(fields) + 1), rng.choice(HOSTILE_STRINGS))
        lines[at] = ",".join(fields)
    elif op == "header":
        lines.insert(at, rng.choice(["case,vector,v0", "# comment", "", "case", "\ufeffcase",
                                     ",,,", "q,0,1"]))
    elif op == "long":
        lines[at] += "," + ",".join(["1"] * rng.choice([1000, 100000]))
    else:
        lines[at] += "\r"
    return op


# --- bytes ------------------------------------------------------------------------------------

def byte_op(rng, data):
    """One byte-level mutation; returns (new data, name)."""
    n = len(data)
    op = rng.choice(["flip", "flip", "set", "truncate", "delete", "duplicate", "insert",
                     "control"])
    if n == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))), "insert"
    if op == "flip":
        i = rng.randrange(n)
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:], op
    if op == "set":
        i = rng.randrange(n)
        return data[:i] + bytes([rng.choice(STRUCTURAL_BYTES)]) + data[i + 1:], op
    if op == "truncate":
        return data[:rng.randrange(n)], op
    a = rng.randrange(n)
    b = min(n, a + rng.choice([1, 2, 8, 64, 1024, n]))
    if op == "delete":
        return data[:a] + data[b:], op
    if op == "duplicate":
        return data[:b] + data[a:b] + data[b:], op
    if op == "insert":
        return data[:a] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + data[a:], op
    return data[:a] + rng.choice(CONTROL_BYTES) + data[a:], op


def mutate(rng, data, kind):
    """`data` (bytes of a valid file of `kind`: json or csv) mutated 1-3 times; returns the new
    bytes and the names of the mutations applied."""
    names = []
    structured = rng.random() < 0.7
    if structured:
        text = data.decode("utf-8")
        if kind == "json":
            root = load(text)
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                names.append(json_op(rng, root))
            data = dumps(root).encode("utf-8", "surrogatepass")
        else:
            lines = text.split("\n")
            for _ in range(rng.choice([1, 1, 2, 3])):
                names.append(csv_op(rng, lines))
            data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if not structured or rng.random() < 0.2:
        for _ in range(rng.choice([1, 1, 2, 4])):
            data, name = byte_op(rng, data)
            names.append(name)
    return data, names
