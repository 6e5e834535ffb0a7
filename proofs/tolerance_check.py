#!/usr/bin/env python3
"""Compares the tolerances coded in properties/ (support/tolerance.hpp and each *_prop.cpp) with
the rigorous bounds derived in proofs/tolerances.md, over the generators' domain.

Every bound is evaluated exactly enough (decimal, 400 digits) that its own rounding is irrelevant.
For each (property, encoder, precision) it prints min over (d, positions) of code / derived.
A ratio >= 1 means the coded tolerance is rigorous there; < 1 is reported as UNSAFE.
Run: python3 proofs/tolerance_check.py   (no dependencies beyond the standard library)
"""
from decimal import Decimal as D, getcontext

getcontext().prec = 400
DIMS = [2, 4, 6, 8, 10, 16, 24, 32, 64, 72, 80, 96, 128, 192]
LADDER = {"double": (D(2) ** -53, 2), "hp50": (D(2) ** -168, 1), "hp100": (D(2) ** -334, 1)}
L = D(10000).ln()  # ln(base) for base = rope_theta = 10000
R2 = D(2).sqrt()
E = D(1).exp()


def g(n, u):  # gamma_n
    n = D(n)
    return n * u / (1 - n * u)


def sqrt(x):
    return D(x).sqrt()


# ---------------------------------------------------------------- code (tolerance.hpp)
def c_angle(p, kappa, u):
    return abs(p) * (kappa + 1) * u


def c_entry(p, kappa, u, passes=0):
    trig = c_angle(p, kappa, u) + 2 * u
    return trig if passes == 0 else (1 + passes) * (trig + g(passes + 8, u))


def c_apply(d, p, kappa, u, passes=0):
    return d * c_entry(p, kappa, u, passes) + g(d, u)


# ---------------------------------------------------------------- derived (tolerances.md)
def sup_lin_exp(a, c):
    """sup_{x >= 0} e^{-x} (a x + c)."""
    return c if a <= c else a * (-(1 - c / a)).exp()


def d_angle(p, u, phi, kind):
    """Lemma 2.1: max_k |fl(p w_k) - p w_k|.  kind 'pow': pow(b, e) (RoPE, interleaved
    sinusoid); 'exp': exp(-e ln b) (concatenated sinusoid and the spec reference)."""
    if p == 0:
        return D(0)
    a = D(1) if kind == "pow" else D(phi + 2)  # exponent error in units of x u
    c = D(phi + 1)
    factor = 1 + 3 * (phi + 2) * (L + 2) * u  # second-order terms, Lemma 2.1
    return abs(D(p)) * u * sup_lin_exp(a, c) * factor


def d_entry(p, u, phi, kind="pow"):  # Lemma 2.2: 2x2 block error, 2-norm
    if p == 0:  # angle fl(0 w) = 0, cos 0 = 1, sin 0 = 0: exact in glibc and MPFR
        return D(0)
    return d_angle(p, u, phi, kind) + phi * u


def d_alpha_rope(p, u, phi, kind="pow"):  # Lemma 2.3
    return d_entry(p, u, phi, kind) + R2 * (1 + phi * u) * g(2, u)


def zeta(d, u):  # Lemma 2.4 (Householder)
    s = sum(g(4 * m + 7, u) * sqrt(m) for m in range(2, d + 1))
    gg = sum(g(4 * m + 7, u) for m in range(2, d + 1))
    return s / (1 - gg)


def d_basis(d, p, u, phi):  # Lemma 2.5: (mu, alpha_matrix, alpha_apply)
    z, rho, sd = zeta(d, u), d_entry(p, u, phi), sqrt(d)
    s = sd + z
    mu = ((1 + z) ** 2 * (1 + rho) - 1 + R2 * g(2, u) * s * (1 + z) * (1 + rho)
          + g(d, u) * s * s * (1 + rho) * (1 + R2 * g(2, u)))
    a_m = mu + g(d, u) * sd * (1 + mu)
    a_r = d_alpha_rope(p, u, phi)
    zf = 1 + z + g(d, u) * s
    a_a = (1 + z) ** 2 - 1 + (1 + z) * g(d, u) * s + (1 + z) * a_r * zf + g(d, u) * s * (1 + a_r) * zf
    return mu, a_m, a_a


def nrm(d, u):  # computed ||v|| and the subtraction before it: (1+u)(1+gamma_{d/2+1})
    return (1 + u) * (1 + g(D(d) / 2 + 1, u))


# ---------------------------------------------------------------- per property
def rope_like(enc, d, p, u, phi):
    """(code alpha, code entry, derived alpha_matrix, derived alpha_apply, derived gram)."""
    kappa = 2 + L
    if enc == "rope-basis":
        ca, ce = c_apply(d, p, kappa, u, 2 * d), c_entry(p, kappa, u, 2 * d)
        mu, am, aa = d_basis(d, p, u, phi)
        gram = 2 * mu + mu * mu + g(d, u) * (1 + mu) ** 2
        return ca, ce, am, aa, gram
    ca, ce = c_apply(d, p, kappa, u), c_entry(p, kappa, u)
    a = d_alpha_rope(p, u, phi)
    eps = d_entry(p, u, phi)
    gram = 2 * eps + eps * eps + g(2, u) * (1 + eps) ** 2
    return ca, ce, a, a, gram


def check():
    worst = {}

    def note(key, code, derived):
        if derived == 0:  # the residual is exactly 0 (e.g. every map is exactly I at p = 0)
            return
        r = code / derived
        if key not in worst or r < worst[key][0]:
            worst[key] = (r,)

    P = [0, 1, 63, 4095, 2 ** 24 - 1, 2 ** 24]
    for prec, (u, phi) in LADDER.items():
        for enc in ["rope", "rope-basis"]:
            for d in DIMS:
                gd = g(d, u)
                for a in P:
                    for b in P:
                        A = rope_like(enc, d, a, u, phi)
                        Bq = rope_like(enc, d, b, u, phi)
                        S = rope_like(enc, d, a + b, u, phi)
                        Z = rope_like(enc, d, 0, u, phi)
                        J = rope_like(enc, d, b - a, u, phi)
                        if d <= 64:  # rotation.orthogonal (matrix path), rotation.group
                            ca, ce, am = A[0], A[1], A[2]
                            note(("rotation.orthogonal <Ax,Ay>", enc, prec),
                                 2 * ca + ca * ca + 3 * gd,
                                 (1 + u) * (2 * am + am * am + gd * (1 + am) ** 2 + gd))
                            if d <= 32:
                                note(("rotation.orthogonal Gram", enc, prec),
                                     2 * sqrt(d) * ce + d * ce * ce + gd, A[4])
                            note(("rotation.group A(a)A(b)", enc, prec),
                                 A[0] + Bq[0] + A[0] * Bq[0] + S[0] + 2 * gd,
                                 nrm(d, u) * (A[2] + Bq[2] + A[2] * Bq[2] + S[2]))
                            note(("rotation.group A(-a) = A(a)^T", enc, prec), 2 * A[0],
                                 nrm(d, u) * 2 * A[2])
                            note(("rotation.group A(a)A(-a)", enc, prec),
                                 2 * A[0] + A[0] ** 2 + gd,
                                 nrm(d, u) * (2 * A[2] + A[2] ** 2))
                            note(("map.apply_matches_matrix", enc, prec), 2 * A[0],
                                 nrm(d, u) * (A[2] + A[3]))
                        # score.relative_form (apply path), both sides
                        side_c = lambda x, y: x + y + x * y + gd
                        side_d = lambda x, y: x + y + x * y + gd * (1 + x) * (1 + y)
                        note(("score.relative_form", enc, prec),
                             side_c(A[0], Bq[0]) + side_c(Z[0], J[0]),
                             (1 + u) * (side_d(A[3], Bq[3]) + side_d(Z[3], J[3])))
                        # score.translation_equivariant, qk_transform, m = M (no bias slack)
                        ai_c, aj_c = A[0] + g(d + 1, u), Bq[0] + g(d + 1, u)
                        ai, aj = gd * (1 + A[3]) + A[3], gd * (1 + Bq[3]) + Bq[3]
                        note(("score.translation_equivariant (one score)", enc, prec),
                             ai_c + aj_c + ai_c * aj_c + gd,
                             (1 + u) * (ai + aj + ai * aj + gd * (1 + ai) * (1 + aj)))
                        if enc == "rope":  # layout.equivalence, spec.reference (RoPE)
                            note(("layout.equivalence", "rope/rope-neox/rope-partial", prec),
                                 2 * A[0], nrm(d, u) * 2 * A[3])
                            ref_c = c_apply(d, a, 2 + L + 4, u)
                            note(("spec.reference", "rope*", prec), 2 * ref_c,
                                 nrm(d, u) * (A[3] + d_alpha_rope(a, u, phi, "exp")))
        # embedding / additive / bias sites: sinusoidal tables (P = 1), learned (P = 0.1)
        for d in DIMS:
            gd = g(d, u)
            for i in P:
                for j in P:
                    for enc, kind in [("sinusoidal", "pow"), ("sinusoidal-concat", "exp")]:
                        kappa = 3 + L
                        ei, ej = d_entry(i, u, phi, kind), d_entry(j, u, phi, kind)
                        ai_c = c_apply(d, i, kappa, u) + g(d + 1, u)
                        aj_c = c_apply(d, j, kappa, u) + g(d + 1, u)
                        ai, aj = ei + u + gd * (1 + u), ej + u + gd * (1 + u)
                        note(("score.translation_equivariant (one score)", enc, prec),
                             ai_c + aj_c + ai_c * aj_c + gd,
                             (1 + u) * (ai + aj + ai * aj + gd * (1 + ai) * (1 + aj)))
                        ref = d_entry(i, u, phi, "exp")
                        note(("spec.reference", enc, prec),
                             2 * c_entry(i, kappa + 4, u), (1 + u) * (ei + ref))
                    # scheme-a: bias term alone against its derived error (q.k part as above)
                    kappa = 3 + L
                    ei, ej = d_entry(i, u, phi), d_entry(j, u, phi)
                    beta = (D(d) / 2) * (ei + ej + ei * ej) + gd * (D(d) / 2) * (1 + ei) * (1 + ej)
                    fin = u * (D(d) / 2) * (1 + ei) * (1 + ej)
                    note(("score.translation_equivariant bias", "scheme-a", prec),
                         d * (2 * c_entry(max(i, j), kappa, u) + gd), beta + fin)
                    # learned: P_code = 0.1, true max |entry| = 0.100167411 (seed 1, 2048 rows)
                    lam = (D("0.100167411") / D("0.1")) ** 2
                    a_c = c_apply(d, i, D(0) - 1, u) + g(d + 1, u)  # max_frequency 0
                    a_d = u + gd * (1 + u)
                    note(("score.translation_equivariant (one score)", "learned", prec),
                         2 * a_c + a_c * a_c + gd,
                         lam * (1 + u) * (2 * a_d + a_d * a_d + gd * (1 + a_d) ** 2))
    width = max(len(k[0]) for k in worst)
    print(f"{'property':<{width}}  {'encoder':<28} {'prec':<6} min(code/derived)")
    for (prop, enc, prec), (r,) in sorted(worst.items()):
        flag = "" if r >= 1 else "   <-- UNSAFE"
        print(f"{prop:<{width}}  {enc:<28} {prec:<6} {float(r):10.3f}{flag}")
    print("\nLemma 2.4 zeta_d / u (a-priori Householder defect):",
          ", ".join(f"d={d}: {float(zeta(d, D(2) ** -53) / D(2) ** -53):.0f}" for d in DIMS))


if __name__ == "__main__":
    check()
