#!/usr/bin/env python3
"""Independent computation of the issue-5 headline figures (proofs/precision.md section 7).

RoPE, d = 128, base 10000, the transformers fp32 path:
  inv_freq = 1 / base ** (arange(0, d, 2) / d)   (fp32), angle = pos * inv_freq (fp32),
  cos/sin of the fp32 angle rounded to fp32;
score S(i, j) = sum_k (R(i) q_k) . (R(j) k_k) with the fixed probe q, k of measure.hpp, and the
equivariance residual max_{j=1..8} |S(t, t + j) - S(0, j)| / (||q|| ||k||) at t = 1e3, 1e5, 1e6.
And the first position whose bf16-held position gives the same fp32 table as an earlier one.

Method (shares no code with the C++ side):
- fp32 arithmetic (division, product) is numpy float32, i.e. IEEE hardware rounding;
- pow, cos, sin are evaluated by mpmath at 60 digits and rounded to 24 bits, ties to even, by
  mpmath itself (workprec(24)), i.e. correctly rounded fp32 functions;
- scores are exact rationals (fractions.Fraction of the fp32 values and of the probe);
- bf16 rounding of positions uses the bit trick of PyTorch/Eigen c10::round_to_nearest_even:
  bits + 0x7FFF + ((bits >> 16) & 1), truncated to the upper 16 bits.
Prints both sets of figures and exits 1 unless they agree (residuals to 1e-9 relative).
"""
import json
import math
import subprocess
import sys
from fractions import Fraction

try:
    import mpmath
    import numpy as np
except ImportError as missing:  # ctest shows it as skipped (SKIP_RETURN_CODE 77)
    print("skipped: %s (Debian packages python3-numpy, python3-mpmath)" % missing)
    sys.exit(77)

D, BASE = 128, 10000
mpmath.mp.dps = 60


def round_f32(x):
    with mpmath.workprec(24):
        y = mpmath.mpf(x) * 1  # rounds to 24 bits, nearest-even
    return np.float32(float(y))


def inv_freq():
    out = []
    for k in range(D // 2):
        e = np.float32(2 * k) / np.float32(D)
        pw = round_f32(mpmath.power(BASE, mpmath.mpf(float(e))))
        out.append(np.float32(1.0) / pw)
    return out


W = inv_freq()


def table(pos_f32):
    rows = []
    for w in W:
        a = np.float32(pos_f32) * w
        x = mpmath.mpf(float(a))
        rows.append((round_f32(mpmath.cos(x)), round_f32(mpmath.sin(x))))
    return rows


def probe():
    q = [Fraction((37 * m + 11) % 61 - 30, 32) for m in range(D)]
    k = [Fraction((53 * m + 7) % 59 - 29, 32) for m in range(D)]
    return q, k


Q, K = probe()
NORM = math.sqrt(sum(x * x for x in Q)) * math.sqrt(sum(x * x for x in K))


def score(ti, tj):
    s = Fraction(0)
    for kk in range(D // 2):
        ci, si = map(Fraction, map(float, ti[kk]))
        cj, sj = map(Fraction, map(float, tj[kk]))
        qa, qb = Q[2 * kk], Q[2 * kk + 1]
        ka, kb = K[2 * kk], K[2 * kk + 1]
        s += (ci * qa - si * qb) * (cj * ka - sj * kb) + (si * qa + ci * qb) * (sj * ka + cj * kb)
    return s


def equivariance(t):
    t0 = table(0)
    tt = table(t)
    worst = 0.0
    for j in range(1, 9):
        r = abs(score(tt, table(t + j)) - score(t0, table(j)))
        worst = max(worst, float(r) / NORM)
    return worst


def bf16(x):
    bits = np.array([x], dtype=np.float32).view(np.uint32)[0]
    bits = (int(bits) + 0x7FFF + ((int(bits) >> 16) & 1)) & 0xFFFF0000
    return np.array([bits], dtype=np.uint32).view(np.float32)[0]


def bf16_first_collision(limit=1000):
    seen = {}
    for p in range(limit + 1):
        key = tuple((float(c), float(s)) for c, s in table(bf16(np.float32(p))))
        if key in seen:
            return p, seen[key]
        seen[key] = p
    return None, None


def main():
    ours = {"fp32_equivariance": {str(int(t)): equivariance(t) for t in (1000, 100000, 1000000)}}
    ours["bf16_positions_first_collision"], ours["collides_with"] = bf16_first_collision()
    print("independent (numpy float32 + mpmath):", json.dumps(ours))
    if len(sys.argv) < 2:
        return 0
    out = subprocess.run([sys.argv[1], "figures"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    print("posprop (C++ emulation + MPFR):       ", json.dumps(theirs))
    ok = True
    for t, v in ours["fp32_equivariance"].items():
        w = theirs["fp32_equivariance"][t]
        agree = abs(v - w) <= 1e-9 * max(abs(v), abs(w))
        print(f"shift {t}: {v:.9e} vs {w:.9e} -> {'agree' if agree else 'DIFFER'}")
        ok &= agree
    for key in ("bf16_positions_first_collision", "collides_with"):
        agree = ours[key] == theirs[key]
        print(f"{key}: {ours[key]} vs {theirs[key]} -> {'agree' if agree else 'DIFFER'}")
        ok &= agree
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
