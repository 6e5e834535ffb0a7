#!/usr/bin/env python3
"""The peer a user would otherwise write: RoPE translation equivariance, S(i+t, j+t) = S(i, j),
at d = 64, checked with Hypothesis (inputs), numpy (double evaluation) and mpmath (50-digit
reference, mp.dps = 50), with the same tolerance rule as posprop.

Equal work with bench/peer_posprop.cpp, case for case:
  inputs   e_i, e_j: 64 exact doubles each (small integers, dyadics k/2^20, m 2^e, as posprop's
           gen::real()); W_q, W_k: dense Gaussian 64 x 64 from a seed, scaled by 2^-3;
           positions i, j, t: integers in [0, 2^24] (small / medium / large mixed), t clamped so
           that i + t, j + t <= 2^24;
  per case the logit S = (R(i) W_q e_i) . (R(j) W_k e_j) at (i, j) and (i + t, j + t), in
           double (numpy) and at 50 digits (mpmath: inputs converted exactly, W rebuilt per
           case, cos/sin of every angle, fdot for every product), residual |S' - S| and the
           derived tolerance c u scale (proofs/tolerances.md, ported below), verdict at both;
  caches   the inverse frequencies are computed once per precision (posprop caches its encoder).
Prints one JSON line like peer_posprop:
  {"side": "python-peer", "dim": 64, "digits": 50, "cases": N, "seconds": .., "cpu_seconds": ..,
   "cases_per_second": .., "verdict": "hold", ...}
"""
import argparse
import json
import math
import sys
import time

import mpmath
import numpy as np
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from mpmath import mp, mpf

D = 64
THETA = 10000.0
MAX_POS = 2**24
U53 = 2.0**-53

# ---------------------------------------------------------------- generators (posprop's gen::)
reals = st.one_of(
    st.integers(-8, 8).map(float),
    st.integers(-(2**20), 2**20).map(lambda k: math.ldexp(k, -20)),
    st.tuples(st.integers(-(2**20), 2**20), st.integers(-60, 0)).map(lambda p: math.ldexp(p[0], p[1])),
)
vectors = st.lists(reals, min_size=D, max_size=D)
positions = st.one_of(st.integers(0, 63), st.integers(0, 4095), st.integers(0, MAX_POS))
matrix_seeds = st.integers(1, 2**30 - 1)


def gaussian_matrix(s):
    # N(0, 1) / 8 (a power of two, so exact): rows of norm about 1, like posprop's to_matrix.
    return np.random.default_rng(s).standard_normal((D, D)) * 0.125


# ---------------------------------------------------------------- double (numpy)
INV_FREQ_D = THETA ** (-np.arange(0, D, 2, dtype=np.float64) / D)


def rope_np(x, p):
    ang = p * INV_FREQ_D
    c, s = np.cos(ang), np.sin(ang)
    a, b = x[0::2], x[1::2]
    y = np.empty_like(x)
    y[0::2] = a * c - b * s
    y[1::2] = a * s + b * c
    return y


def logit_np(wq, wk, ei, ej, i, j):
    return float(rope_np(wq @ ei, i) @ rope_np(wk @ ej, j))


# ---------------------------------------------------------------- 50 digits (mpmath)
_inv_freq_mp = {}


def inv_freq_mp():
    key = mp.prec
    if key not in _inv_freq_mp:
        _inv_freq_mp[key] = [mp.power(THETA, mpf(-2 * k) / D) for k in range(D // 2)]
    return _inv_freq_mp[key]


def matvec_mp(w, x):
    return [mp.fdot(row, x) for row in w]


def rope_mp(x, p):
    y = list(x)
    pm = mpf(p)
    for k, f in enumerate(inv_freq_mp()):
        th = pm * f
        c, s = mp.cos(th), mp.sin(th)
        a, b = x[2 * k], x[2 * k + 1]
        y[2 * k] = a * c - b * s
        y[2 * k + 1] = a * s + b * c
    return y


def logit_mp(wq, wk, ei, ej, i, j):
    return mp.fdot(rope_mp(matvec_mp(wq, ei), i), rope_mp(matvec_mp(wk, ej), j))


# ---------------------------------------------------------------- tolerance (tolerance.hpp)
def gamma(n, u):
    return n * u / (1.0 - n * u)


# RoPE error profile: max frequency theta_0 = 1, frequency error 2 + ln(theta) units.
MAX_FREQ = 1.0
FREQ_UNITS = 2.0 + math.log(THETA)


def entry_error(pos, u):
    return abs(pos) * MAX_FREQ * (FREQ_UNITS + 1.0) * u + 2.0 * u


def apply_error(pos, u):
    return D * entry_error(pos, u) + gamma(D, u)


def score_error(i, j, m_i, m_j, u):
    a_i = apply_error(i, u) * (1.0 + gamma(D, u)) + gamma(D + 1, u)
    a_j = apply_error(j, u) * (1.0 + gamma(D, u)) + gamma(D + 1, u)
    bias = 2.0 * entry_error(max(abs(i), abs(j)), u) + gamma(D, u)
    return m_i * m_j * (a_i + a_j + a_i * a_j + gamma(D, u) * (1 + a_i) * (1 + a_j)) + bias


def projected_magnitude(w, e):
    return float(np.linalg.norm(np.abs(w) @ np.abs(e))) * (1.0 + 4.0 * D * 1.1102230246251565e-16)


# ---------------------------------------------------------------- the property
class Stats:
    cases = 0
    max_residual_double = 0.0
    max_residual_hp = 0.0


def check_case(e_i, e_j, sq, sk, i, j, t):
    t = min(t, MAX_POS - max(i, j))
    wq, wk = gaussian_matrix(sq), gaussian_matrix(sk)
    ei, ej = np.array(e_i), np.array(e_j)
    m_i, m_j = projected_magnitude(wq, ei), projected_magnitude(wk, ej)
    # double
    r_d = abs(logit_np(wq, wk, ei, ej, i + t, j + t) - logit_np(wq, wk, ei, ej, i, j))
    tol_d = score_error(i, j, m_i, m_j, U53) + score_error(i + t, j + t, m_i, m_j, U53)
    # 50 digits: the same exact inputs
    u_hp = 2.0**-mp.prec
    wq_mp = [[mpf(v) for v in row] for row in wq.tolist()]
    wk_mp = [[mpf(v) for v in row] for row in wk.tolist()]
    ei_mp, ej_mp = [mpf(v) for v in e_i], [mpf(v) for v in e_j]
    r_hp = float(abs(logit_mp(wq_mp, wk_mp, ei_mp, ej_mp, i + t, j + t) - logit_mp(wq_mp, wk_mp, ei_mp, ej_mp, i, j)))
    tol_hp = score_error(i, j, m_i, m_j, u_hp) + score_error(i + t, j + t, m_i, m_j, u_hp)
    Stats.cases += 1
    Stats.max_residual_double = max(Stats.max_residual_double, r_d)
    Stats.max_residual_hp = max(Stats.max_residual_hp, r_hp)
    assert r_hp <= tol_hp and r_d <= tol_d, (r_d, tol_d, r_hp, tol_hp)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--digits", type=int, default=50)
    args = ap.parse_args()
    mp.dps = args.digits

    @seed(args.seed)
    @settings(max_examples=args.cases, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(vectors, vectors, matrix_seeds, matrix_seeds, positions, positions, positions)
    def rope_translation_equivariance(e_i, e_j, sq, sk, i, j, t):
        check_case(e_i, e_j, sq, sk, i, j, t)

    verdict = "hold"
    wall0, cpu0 = time.perf_counter(), time.process_time()
    try:
        rope_translation_equivariance()
    except AssertionError as err:  # Hypothesis has shrunk a counterexample
        verdict = "fail"
        print(f"counterexample: {err}", file=sys.stderr)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(json.dumps({
        "side": "python-peer", "dim": D, "digits": args.digits, "cases": Stats.cases,
        "seconds": round(wall, 6), "cpu_seconds": round(cpu, 6),
        "cases_per_second": round(Stats.cases / wall, 3) if wall > 0 else None,
        "verdict": verdict, "max_residual_double": Stats.max_residual_double,
        "max_residual_hp": Stats.max_residual_hp,
        "mpmath_backend": mpmath.libmp.BACKEND, "mp_prec_bits": mp.prec,
    }))
    return 0 if verdict == "hold" else 1


if __name__ == "__main__":
    sys.exit(main())
