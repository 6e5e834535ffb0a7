#!/usr/bin/env python3
"""Judge an implementation's outputs against posprop golden vectors, without posprop.

    python3 check_vectors.py VECTORS.json OUTPUTS.json|OUTPUTS.csv [--precision fp32|fp64]
                             [--cases LIST] [--json FILE|-]

Standard library only: vendor this file next to the conformance vectors (conformance/) and run it
in any CI. It applies the verdict rule of `posprop verify` (proofs/golden_vectors.md) to every
judged case:
  - every output finite;
  - ||q_out - reference||_2 <= tolerance.q, likewise k, and |q_out(p) . k_out(p0) - score| <=
    tolerance.score (p0 = the case's score_key_position);
  - pair-rotating groups (RoPE and its scaled variants): per pair k, ||out_k - reference_k||_2 <=
    q_pairs[k] / k_pairs[k], and each copied coordinate |out_i - x_i| <= pass_through |x_i|;
and the checks on the outputs as a whole that the file lists in output_checks:
  - magnitude: | |out_k| / (c |x_k|) - 1 | <= tolerance.magnitude for every pair of every case;
  - norms: | |q_out| - |q| | <= tolerance.q (and k), for orthogonal maps without pairs;
  - (relativity is checked by posprop verify only: its tolerance needs posprop's error model at
    pairs of positions the file does not list; it cannot fail when every case passes, up to the
    difference between that model's score bound and the per-case ones.)
Score-bias files (ALiBi, T5) have their own rule: see judge_bias_case.
Arithmetic is exact where it matters: decimal at 40 digits, each error rounded to a double before
it is compared with its (double) tolerance, as posprop does.

Outputs: {"precision": "fp64", "cases": [{"id": 0, "q_out": [...], "k_out": [...]}, ...]} (ALiBi:
"slopes", "bias"; T5: "bucket", "bias") or CSV lines "case,NAME,v0,v1,..." (NAME q, k or the
output's name). NaN / Infinity outputs fail their case. Exit 0 = every judged case and check
passed, 1 = a failure, 2 = a malformed file (the message names the file and the JSON path).
"""
import argparse
import decimal
import json
import math
import sys

D = decimal.Decimal
CTX = decimal.Context(prec=40)
OUTPUT_NAMES = {"qk_transform": ("q_out", "k_out")}


class Malformed(Exception):
    pass


def dec(text, where):
    """A decimal reference value (string) as an exact Decimal."""
    if not isinstance(text, str):
        raise Malformed(f"{where}: expected a decimal string, got {type(text).__name__}")
    try:
        x = D(text)
    except decimal.InvalidOperation:
        raise Malformed(f"{where}: expected a decimal number, got {text!r}")
    if not x.is_finite():
        raise Malformed(f"{where}: expected a decimal number, got {text!r}")
    return x


def num(x, where):
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise Malformed(f"{where}: expected a number, got {type(x).__name__}")
    return x


def field(obj, key, where):
    if not isinstance(obj, dict):
        raise Malformed(f"{where}: expected an object")
    if key not in obj:
        raise Malformed(f"{where}: missing field '{key}'")
    return obj[key]


def norm(values):
    return CTX.sqrt(sum((CTX.multiply(v, v) for v in values), D(0)))


def to_float(x):
    return float(x)  # correctly rounded, as posprop's conversion of its 100-digit values


# --- reading ------------------------------------------------------------------------------------

def read_vectors(path):
    try:
        doc = json.load(open(path))
    except (OSError, ValueError) as e:
        raise Malformed(f"{path}: {e}")
    if field(doc, "format", path) != "posprop-golden-vectors":
        raise Malformed(f"{path}: format: not a posprop golden-vectors file")
    if field(doc, "version", path) not in (1, 2, 3):
        raise Malformed(f"{path}: version: unsupported (this checker reads 1, 2 and 3)")
    doc.setdefault("site", "qk_transform")
    doc.setdefault("output_checks", [])
    for i, g in enumerate(field(doc, "groups", path)):
        field(g, "dim" if doc["site"] == "qk_transform" else "params", f"{path}: groups[{i}]")
    for i, c in enumerate(field(doc, "cases", path)):
        where = f"{path}: cases[{i}]"
        if field(c, "id", where) != i:
            raise Malformed(f"{where}.id: expected {i}")
        if not 0 <= field(c, "group", where) < len(doc["groups"]):
            raise Malformed(f"{where}.group: no such group")
        c.setdefault("flags", [])
    return doc


def parse_output(text, where):
    t = text.strip()
    if t in ("NaN", "nan"):
        return math.nan
    if t in ("Infinity", "inf"):
        return math.inf
    if t in ("-Infinity", "-inf"):
        return -math.inf
    try:
        return float(t)
    except ValueError:
        raise Malformed(f"{where}: expected a decimal number, got {t!r}")


def read_outputs(path):
    """{case id: {output name: [floats]}} and the precision the file declares (or None)."""
    out = {}
    if path.endswith(".csv"):
        for n, line in enumerate(open(path), 1):
            t = line.strip()
            if not t or t.startswith("#") or (n == 1 and t.startswith("case")):
                continue
            fields = [f.strip() for f in t.split(",")]
            where = f"{path} line {n}"
            if len(fields) < 3 or not fields[0].isdigit():
                raise Malformed(f"{where}: expected 'case,NAME,v0,v1,...'")
            name = {"q": "q_out", "k": "k_out"}.get(fields[1], fields[1])
            values = [parse_output(v, f"{where}, value {i}") for i, v in enumerate(fields[2:])]
            if name in out.setdefault(int(fields[0]), {}):
                raise Malformed(f"{where}: case {fields[0]} {fields[1]} given twice")
            out[int(fields[0])][name] = values
        return out, None
    try:
        doc = json.load(open(path))
    except (OSError, ValueError) as e:
        raise Malformed(f"{path}: {e}")
    for i, c in enumerate(field(doc, "cases", path)):
        where = f"{path}: cases[{i}]"
        cid = field(c, "id", where)
        entry = out.setdefault(cid, {})
        for name, values in c.items():
            if name == "id":
                continue
            if not isinstance(values, list):
                raise Malformed(f"{where}.{name}: expected an array")
            entry[name] = [v if isinstance(v, float) and not math.isfinite(v) else
                           parse_output(v, f"{where}.{name}") if isinstance(v, str) else
                           float(num(v, f"{where}.{name}[{j}]")) for j, v in enumerate(values)]
    return out, doc.get("precision")


# --- selection (verify --cases) -------------------------------------------------------------------

def selected(doc, text):
    cases = doc["cases"]
    if text == "all":
        return [True] * len(cases)
    if doc["version"] < 3:
        raise Malformed("--cases needs a version 3 vectors file (cases with flags)")
    include, exclude, everything = set(), set(), False
    for item in text.split(","):
        if item == "all":
            everything = True
        elif item == "none":
            everything, include = False, set()
        elif item.startswith("-"):
            exclude.add(item[1:])
        else:
            include.add(item)
    judged = [(everything or bool(include & set(c["flags"]))) and not exclude & set(c["flags"])
              for c in cases]
    if not any(judged):
        raise Malformed(f"--cases {text} selects no case")
    for i, c in enumerate(cases):
        if judged[i]:
            key = score_key(doc, i)
            if key is not None:
                judged[key] = True
    return judged


def score_key(doc, i):
    """The case of i's group at its score_key_position (posprop's score_key_case)."""
    c = doc["cases"][i]
    if "score_key_position" not in c:
        return None
    for j, o in enumerate(doc["cases"]):
        if o["group"] == c["group"] and o["position"] == c["score_key_position"]:
            return j
    raise Malformed(f"cases[{i}]: score_key_position has no case in its group")


# --- the verdict rule ---------------------------------------------------------------------------

def tolerance_of(case, precision):
    t = case["tolerance"][precision]
    return t if t is not None else {"q": 0.0, "k": 0.0, "score": 0.0}


def judge_pairs(group, out, ref, x, tol_pairs, pass_through):
    """Per pair ||out_k - ref_k|| <= tol_k; copied coordinates |out_i - x_i| <= pt |x_i|."""
    rotated, ok, worst = set(), True, (0.0, -1)
    for k, (a, b) in enumerate(group["pairs"]):
        rotated |= {a, b}
        err = to_float(norm([CTX.subtract(out[a], ref[a]), CTX.subtract(out[b], ref[b])]))
        ok = ok and err <= tol_pairs[k]
        ratio = err / tol_pairs[k] if tol_pairs[k] > 0 else (math.inf if err > 0 else 0.0)
        worst = max(worst, (ratio, k))
    for i in range(group["dim"]):
        if i not in rotated:
            ok = ok and abs(to_float(CTX.subtract(out[i], D(x[i])))) <= pass_through * abs(x[i])
    return ok, worst


def judge_case(doc, i, outputs, precision):
    case, group = doc["cases"][i], doc["groups"][doc["cases"][i]["group"]]
    where = f"cases[{i}]"
    tol = tolerance_of(case, precision)
    raw = {n: outputs[i][n] for n in OUTPUT_NAMES["qk_transform"]}
    finite = all(math.isfinite(v) for vs in raw.values() for v in vs)
    q = [D(v) if math.isfinite(v) else D("NaN") for v in raw["q_out"]]
    k = [D(v) if math.isfinite(v) else D("NaN") for v in raw["k_out"]]
    rq = [dec(s, f"{where}.q_out[{j}]") for j, s in enumerate(case["q_out"])]
    rk = [dec(s, f"{where}.k_out[{j}]") for j, s in enumerate(case["k_out"])]
    result = {"id": i, "finite": finite, "pairs_ok": True, "worst_pair": None}
    if not finite:
        result["pass"] = False
        return result
    err_q = to_float(norm([CTX.subtract(a, b) for a, b in zip(q, rq)]))
    err_k = to_float(norm([CTX.subtract(a, b) for a, b in zip(k, rk)]))
    key = score_key(doc, i)
    kk = [D(v) for v in outputs[key]["k_out"]]
    if not all(x.is_finite() for x in kk):
        err_s = math.nan
    else:
        s = sum((CTX.multiply(a, b) for a, b in zip(q, kk)), D(0))
        err_s = abs(to_float(CTX.subtract(s, dec(case["score"], f"{where}.score"))))
    result.update(err_q=err_q, err_k=err_k, err_score=err_s)
    ok = err_q <= tol["q"] and err_k <= tol["k"] and err_s <= tol["score"]
    if "q_pairs" in tol:
        ok_q, worst_q = judge_pairs(group, q, rq, group["q"], tol["q_pairs"], tol["pass_through"])
        ok_k, worst_k = judge_pairs(group, k, rk, group["k"], tol["k_pairs"], tol["pass_through"])
        result["pairs_ok"] = ok_q and ok_k
        result["worst_pair"] = max(worst_q + ("q",), worst_k + ("k",))
        ok = ok and ok_q and ok_k
    result["pass"] = ok
    return result


def check_magnitude(doc, judged, outputs, precision):
    """| |out_k| / (c |x_k|) - 1 | <= magnitude (position-independent; proofs/pair_bounds.md)."""
    bad = checked = 0
    for i, case in enumerate(doc["cases"]):
        tol = tolerance_of(case, precision)
        if not judged[i] or "q_pairs" not in tol:
            continue
        group = doc["groups"][case["group"]]
        c = dec(group["attention_factor"], f"groups[{case['group']}].attention_factor")
        for name, x in (("q_out", group["q"]), ("k_out", group["k"])):
            out = outputs[i][name]
            for a, b in group["pairs"]:
                if x[a] == 0 and x[b] == 0:
                    continue
                checked += 1
                if math.isnan(out[a]) or math.isnan(out[b]):
                    continue  # a NaN ratio compares false in posprop: the case fails instead
                if math.isinf(out[a]) or math.isinf(out[b]):
                    bad += 1
                    continue
                n = norm([D(out[a]), D(out[b])])
                ratio = to_float(CTX.divide(n, CTX.multiply(c, norm([D(x[a]), D(x[b])]))))
                bad += abs(ratio - 1) / tol["magnitude"] > 1
    return {"name": "outputs.magnitude", "pass": bad == 0,
            "detail": f"{bad} of {checked} pair magnitudes outside the tolerance"}


def check_norms(doc, judged, outputs, precision):
    """| |q_out| - |q| | <= tolerance.q and likewise k (orthogonal maps without pairs)."""
    bad = 0
    for i, case in enumerate(doc["cases"]):
        if not judged[i]:
            continue
        group, tol = doc["groups"][case["group"]], tolerance_of(case, precision)
        for name, x, t in (("q_out", group["q"], tol["q"]), ("k_out", group["k"], tol["k"])):
            out = outputs[i][name]
            if not all(math.isfinite(v) for v in out):
                bad += 1
                continue
            d = abs(to_float(norm([D(v) for v in out])) - to_float(norm([D(v) for v in x])))
            bad += not d <= t
    return {"name": "outputs.norms", "pass": bad == 0,
            "detail": f"{bad} vector norms outside the tolerance"}


# --- driver ---------------------------------------------------------------------------------------

def check(vectors_path, outputs_path, precision=None, cases="all"):
    doc = read_vectors(vectors_path)
    outputs, declared = read_outputs(outputs_path)
    precision = precision or declared or "fp64"
    if precision not in ("fp32", "fp64"):
        raise Malformed(f"{outputs_path}: precision: expected fp32 or fp64, got {precision!r}")
    judged = selected(doc, cases)
    site = doc["site"]
    names = OUTPUT_NAMES.get(site) or tuple(doc.get("case_outputs", ()))
    for cid in outputs:
        if not isinstance(cid, int) or not 0 <= cid < len(doc["cases"]):
            raise Malformed(f"{outputs_path}: case {cid} is not in the vectors file")
    for i, case in enumerate(doc["cases"]):
        if not judged[i]:
            continue
        for name in names:
            if name not in outputs.get(i, {}):
                raise Malformed(f"{outputs_path}: case {i} has no {name}")
            want = expected_length(doc, case, name)
            if len(outputs[i][name]) != want:
                raise Malformed(f"{outputs_path}: case {i} {name} has {len(outputs[i][name])} "
                                f"values, expected {want}")
    judge = judge_case if site == "qk_transform" else judge_bias_case
    results = [judge(doc, i, outputs, precision) for i in range(len(doc["cases"])) if judged[i]]
    checks = []
    if "magnitude" in doc["output_checks"]:
        checks.append(check_magnitude(doc, judged, outputs, precision))
    if "norms" in doc["output_checks"]:
        checks.append(check_norms(doc, judged, outputs, precision))
    verdict = all(r["pass"] for r in results) and all(c["pass"] for c in checks)
    return {"vectors": vectors_path, "outputs": outputs_path, "encoder": doc["encoder"],
            "precision": precision, "verdict": "pass" if verdict else "fail",
            "cases": [{"id": r["id"], "verdict": "pass" if r["pass"] else "fail",
                       "flags": doc["cases"][r["id"]]["flags"]} for r in results],
            "checks": [{"name": c["name"], "verdict": "pass" if c["pass"] else "fail",
                        "detail": c["detail"]} for c in checks]}


def expected_length(doc, case, name):
    group = doc["groups"][case["group"]]
    if name in ("q_out", "k_out"):
        return group["dim"]
    return len(case[name])  # slopes, bucket, bias: as many as the reference has


def judge_bias_case(doc, i, outputs, precision):
    """Score biases (proofs/score_biases.md section 6). ALiBi: each slope within its bound, and
    for every head one constant c with |out_j - ref_j - c| <= t_j for every key j (softmax ignores
    a constant per row: the reference's causal per-key form +m j is admitted). T5: every bucket
    equal, every bias within its bound."""
    case = doc["cases"][i]
    where = f"cases[{i}]"
    out = outputs[i]
    result = {"id": i, "pass": True}
    if not all(math.isfinite(v) for vs in out.values() for v in vs):
        result["pass"] = False
        return result
    t = case["tolerance"][precision]
    if t is None:
        t = {"slopes": [0.0] * len(case.get("slopes", [])), "bias": [0.0] * len(case["bias"])}
    ref_bias = [dec(s, f"{where}.bias[{j}]") for j, s in enumerate(case["bias"])]
    if doc["encoder"] == "alibi":
        for h, s in enumerate(case["slopes"]):
            err = abs(to_float(CTX.subtract(D(out["slopes"][h]), dec(s, f"{where}.slopes[{h}]"))))
            result["pass"] = result["pass"] and err <= t["slopes"][h]
        keys = len(case["key_positions"])
        for h in range(len(case["slopes"])):
            low = high = None
            for j in range(h * keys, (h + 1) * keys):
                r = CTX.subtract(D(out["bias"][j]), ref_bias[j])
                low = max(low, r - D(t["bias"][j])) if low is not None else r - D(t["bias"][j])
                high = min(high, r + D(t["bias"][j])) if high is not None else r + D(t["bias"][j])
            result["pass"] = result["pass"] and low <= high
        return result
    for j, b in enumerate(case["bucket"]):
        result["pass"] = result["pass"] and out["bucket"][j] == b
        err = abs(to_float(CTX.subtract(D(out["bias"][j]), ref_bias[j])))
        result["pass"] = result["pass"] and err <= t["bias"][j]
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vectors")
    ap.add_argument("outputs")
    ap.add_argument("--precision", choices=["fp32", "fp64"])
    ap.add_argument("--cases", default="all", help="all (default) or a comma list of flags; -FLAG excludes")
    ap.add_argument("--json", help="write the per-case verdicts as JSON to FILE ('-' = stdout)")
    args = ap.parse_args()
    try:
        report = check(args.vectors, args.outputs, args.precision, args.cases)
    except Malformed as e:
        print(f"check_vectors: error: {e}", file=sys.stderr)
        return 2
    human = sys.stderr if args.json == "-" else sys.stdout
    for c in report["cases"]:
        print(f"case {c['id']}: {'ok' if c['verdict'] == 'pass' else 'FAIL'}  "
              f"{','.join(c['flags'])}", file=human)
    for c in report["checks"]:
        print(f"{'ok  ' if c['verdict'] == 'pass' else 'FAIL'} {c['name']}: {c['detail']}",
              file=human)
    failed = sum(c["verdict"] == "fail" for c in report["cases"])
    print(f"verdict: {report['verdict'].upper()} ({len(report['cases']) - failed}/"
          f"{len(report['cases'])} cases within the {report['precision']} tolerance)", file=human)
    if args.json:
        text = json.dumps(report, indent=1)
        if args.json == "-":
            print(text)
        else:
            with open(args.json, "w") as f:
                f.write(text + "\n")
    return 0 if report["verdict"] == "pass" else 1


if __name__ == "__main__":
    sys.exit(main())
