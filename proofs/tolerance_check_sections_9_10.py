#!/usr/bin/env python3
"""Compares the tolerances coded for the encoders and properties of proofs/tolerances.md sections 9-10
(xpos, rope-then-linear, rope-scaled, rope-then-orthogonal, orthogonal-power; the claim properties) with the
derived bounds, over the generators' domain, exactly as tolerance_check.py does for sections 2-6 (whose
helpers it imports). Prints min over (d, positions) of code / derived per (check, encoder, rung); < 1 is UNSAFE.
Properties whose code *is* the derived bound (sections 10.1-10.9) appear only through their ingredients.
Run: python3 proofs/tolerance_check_sections_9_10.py   (standard library only; a few minutes)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tolerance_check import D, g, sqrt, LADDER, L, R2, zeta, d_entry, d_alpha_rope, d_basis, c_entry, c_apply, nrm

DIMS = [2, 4, 6, 8, 10, 16, 24, 32, 64, 72, 80, 96, 128, 192]
U53 = D(2) ** -53
LN35 = D("3.5").ln()
KAPPA_ROPE = 2 + L
worst = {}


def note(key, code, derived):
    if derived == 0:
        return
    r = code / derived
    if key not in worst or r < worst[key][0]:
        worst[key] = (r, derived, code)


# ---------------------------------------------------------------- code side
def c_apply_gen(d, p, kappa, u, passes=0, N=D(1), scale=D(0)):
    return N * (d * c_entry(p, kappa, u, passes) + g(d, u) + scale)


def op_units(d):  # composed.hpp OrthogonalPower::error_profile, evaluated exactly
    z = zeta(d, U53)
    return D("1.01") * (z + d * g(d, U53)) / U53 - 1


# ---------------------------------------------------------------- derived side
def sigma_x(E, u, phi):  # Lemma 9.1: relative error of a pow-computed scale zeta^E
    if E == 0:
        return D(0)
    Lx = abs(E) * LN35
    return (g(2, u) * Lx).exp() * (1 + phi * u) - 1


def xpos(d, p, u, phi, s=512, off=0):
    """(N, mu, alpha_matrix, alpha_apply) relative to N, Lemma 9.1."""
    E = D(p + off) / s
    N = ((LN35 + D("1e-12")) / s * (abs(p) + abs(off))).exp()
    sig = sigma_x(E, u, phi)
    eps = d_entry(p, u, phi)
    aR = d_alpha_rope(p, u, phi) if p != 0 else D(0)
    if p == 0 and off == 0:
        return N, D(0), D(0), D(0)
    mu = (1 + sig) * (1 + eps + R2 * u * (1 + phi * u)) - 1
    am = mu + R2 * g(2, u) * (1 + sig) * (1 + u) * (1 + phi * u)
    aa = (1 + sig) * (1 + u) * (1 + aR) - 1
    return N, mu, am, aa


def rtl(d, p, u, phi):  # Lemma 9.2, relative to N = ||M||_F
    if p == 0:
        return D(0), g(d, u), g(d, u)
    eps = d_entry(p, u, phi)
    aR = d_alpha_rope(p, u, phi)
    e1 = R2 * g(2, u) * (1 + phi * u)
    mu = eps + e1
    am = mu + g(d, u) * (1 + eps + e1)
    aa = aR + g(d, u) * (1 + aR)
    return mu, am, aa


def rto(d, p, u, phi):  # Lemma 9.3
    z = zeta(d, u)
    s = sqrt(d) + z
    eps = d_entry(p, u, phi)
    aR = d_alpha_rope(p, u, phi) if p != 0 else D(0)
    e1 = R2 * g(2, u) * (1 + phi * u) * s if p != 0 else D(0)
    mu = z * (1 + eps) + eps + e1
    am = mu + g(d, u) * sqrt(d) * (1 + mu)
    aa = (1 + aR) * (1 + z + g(d, u) * s) - 1
    return mu, am, aa


def op(d, n, u):  # Lemma 9.4
    n = abs(n)
    if n == 0:
        return D(0), D(0)
    z = zeta(d, u)
    mu = (1 + z) ** n * (1 + d * g(d, u)) ** (n - 1) - 1
    return mu, mu + g(d, u) * sqrt(d) * (1 + mu)


def maps(enc, d, p, u, phi):
    """Return code (entry, apply, map_error, N) and derived (mu, alpha_m, alpha_a) absolute."""
    if enc == "xpos":
        N, mu, am, aa = xpos(d, p, u, phi)
        Lp = (LN35 + D("1e-12")) / 512 * abs(p)
        ce = c_entry(p, KAPPA_ROPE, u)
        ca = c_apply_gen(d, p, KAPPA_ROPE, u, 0, N, g(2 * Lp + 3, u))
        return ce, ca, ca, N, N * mu, N * am, N * aa
    if enc == "rope-then-linear":
        N = D(1)  # everything scales with N = ||M||_F
        mu, am, aa = rtl(d, p, u, phi)
        ce = c_entry(p, KAPPA_ROPE, u)
        ca = c_apply_gen(d, p, KAPPA_ROPE, u)
        return ce, ca, ca, N, mu, am, aa
    if enc == "rope-then-orthogonal":
        mu, am, aa = rto(d, p, u, phi)
        ce = c_entry(p, KAPPA_ROPE, u, 2 * d)
        ca = c_apply(d, p, KAPPA_ROPE, u, 2 * d)
        return ce, ca, ca, D(1), mu, am, aa
    if enc == "orthogonal-power":
        mu, a = op(d, p, u)
        k = op_units(d)
        ce = abs(D(p)) * (k + 1) * u + 2 * u
        ca = d * ce + g(d, u)
        return ce, ca, ce, D(1), mu, a, a
    if enc == "rope-basis":
        mu, am, aa = d_basis(d, p, u, phi)
        ce = c_entry(p, KAPPA_ROPE, u, 2 * d)
        ca = c_apply(d, p, KAPPA_ROPE, u, 2 * d)
        return ce, ca, ca, D(1), mu, am, aa
    if enc == "rope-scaled":  # Lemma 9.2 with M = c I: relative to N = c
        eps = d_entry(p, u, phi)
        aR = d_alpha_rope(p, u, phi) if p != 0 else D(0)
        mu = eps + R2 * u * (1 + phi * u) if p != 0 else D(0)
        am = mu + R2 * g(2, u) * (1 + u) * (1 + phi * u) if p != 0 else u
        aa = (1 + u) * (1 + aR) - 1
        ce = c_entry(p, KAPPA_ROPE, u)
        ca = c_apply_gen(d, p, KAPPA_ROPE, u)
        return ce, ca, ca, D(1), mu, am, aa
    if enc == "rope":
        eps = d_entry(p, u, phi)
        a = d_alpha_rope(p, u, phi) if p != 0 else D(0)
        ce = c_entry(p, KAPPA_ROPE, u)
        ca = c_apply(d, p, KAPPA_ROPE, u)
        return ce, ca, ce, D(1), eps, a, a
    raise ValueError(enc)


def check():
    P = {"xpos": [0, 1, 63, 4095, 4096], "orthogonal-power": [0, 1, 2, 63, 4095, 2 ** 24 - 1, 2 ** 24]}
    P_default = [0, 1, 63, 4095, 2 ** 24 - 1, 2 ** 24]
    encs = ["rope", "rope-basis", "xpos", "rope-then-linear", "rope-then-orthogonal", "orthogonal-power", "rope-scaled"]
    for prec, (u, phi) in LADDER.items():
        gd_ = lambda d: g(d, u)
        for enc in encs:
            dims = [d for d in DIMS if d <= 16] if enc == "orthogonal-power" else DIMS
            pos = P.get(enc, P_default)
            for d in dims:
                gd = g(d, u)
                for a in pos:
                    ce, ca, cm, N, mu, am, aa = maps(enc, d, a, u, phi)
                    # the contract: apply_error >= both paths, map_error >= matrix error
                    note(("apply_error >= alpha (matrix path)", enc, prec), ca, am)
                    note(("apply_error >= alpha (fast path)", enc, prec), ca, aa)
                    note(("map_error >= ||A^ - A_0||", enc, prec), cm, mu)
                    note(("map.apply_matches_matrix", enc, prec), 2 * ca, nrm(d, u) * (am + aa))
                    if enc in ("rope-then-orthogonal", "orthogonal-power") and d <= 64:
                        note(("rotation.orthogonal <Ax,Ay>", enc, prec), 2 * ca + ca * ca + 3 * gd,
                             (1 + u) * (2 * am + am * am + gd * (1 + am) ** 2 + gd))
                        if d <= 32:
                            note(("rotation.orthogonal Gram", enc, prec),
                                 2 * sqrt(d) * ce + d * ce * ce + gd, 2 * mu + mu * mu + gd * (1 + mu) ** 2)
                    for b in pos:
                        if enc == "orthogonal-power" and d <= 64:  # rotation.group holds
                            A = maps(enc, d, a, u, phi)
                            B = maps(enc, d, b, u, phi)
                            S = maps(enc, d, a + b, u, phi)
                            note(("rotation.group A(a)A(b)", enc, prec),
                                 A[1] + B[1] + A[1] * B[1] + S[1] + 2 * gd,
                                 nrm(d, u) * (A[5] + B[5] + A[5] * B[5] + S[5]))
                            note(("rotation.group A(-a) = A(a)^T", enc, prec), 2 * A[1], nrm(d, u) * 2 * A[5])
                            note(("rotation.group A(a)A(-a)", enc, prec), 2 * A[1] + A[1] ** 2 + gd,
                                 nrm(d, u) * (2 * A[5] + A[5] ** 2))
                        if enc == "rope-then-linear":
                            continue  # relative form / translation fail
                        A = maps(enc, d, a, u, phi)
                        B = maps(enc, d, b, u, phi)
                        Z = maps(enc, d, 0, u, phi)
                        J = maps(enc, d, b - a, u, phi) if not (enc == "xpos" and abs(b - a) > 4096) else None
                        if J is None:
                            continue

                        def side(X, Y, code):
                            a1, a2 = (X[1], Y[1]) if code else (X[6], Y[6])
                            n1, n2 = X[3], Y[3]
                            return a1 * n2 + a2 * n1 + a1 * a2 + gd * (n1 + a1) * (n2 + a2)
                        # relative_form: code has the (1 + u) and the exact form with apply_error
                        note(("score.relative_form", enc, prec), (1 + u) * (side(A, B, True) + side(Z, J, True)),
                             (1 + u) * (side(A, B, False) + side(Z, J, False)))
                        # translation_equivariant, one score, qk_transform (m = n_i)
                        Ni, Nj = A[3], B[3]
                        ai_c = A[1] * (1 + gd) + Ni * g(d + 1, u)
                        aj_c = B[1] * (1 + gd) + Nj * g(d + 1, u)
                        ai, aj = A[6] * (1 + gd) + Ni * gd, B[6] * (1 + gd) + Nj * gd
                        code = ai_c * Nj + aj_c * Ni + ai_c * aj_c + gd * (Ni + ai_c) * (Nj + aj_c)
                        der = ai * Nj + aj * Ni + ai * aj + gd * (Ni + ai) * (Nj + aj)
                        note(("score.translation_equivariant (one score, x(1+u))", enc, prec), code, (1 + u) * der)
        # claim properties on the sinusoids
        for d in DIMS:
            gd = g(d, u)
            for i in P_default:
                for kind, enc in [("pow", "sinusoidal"), ("exp", "sinusoidal-concat")]:
                    kappa = 3 + L
                    # score.four_term_expansion: code 3 (1+u) score_error; derived (1+u)(E + 2 E4)
                    for j in P_default:
                        ei, ej = d_entry(i, u, phi, kind), d_entry(j, u, phi, kind)
                        a_i_c = c_apply(d, i, kappa, u) * (1 + gd) + g(d + 1, u)
                        a_j_c = c_apply(d, j, kappa, u) * (1 + gd) + g(d + 1, u)
                        code_one = a_i_c + a_j_c + a_i_c * a_j_c + gd * (1 + a_i_c) * (1 + a_j_c)
                        ai, aj = ei + u + gd * (1 + u), ej + u + gd * (1 + u)
                        E = ai + aj + ai * aj + gd * (1 + ai) * (1 + aj)
                        hi, hj = ei + gd, ej + gd
                        E4 = 2 * (hi + hj + hi * hj + gd * (1 + hi) * (1 + hj) + g(3, u) * (1 + hi) * (1 + hj) * (1 + gd))
                        note(("score.four_term_expansion (m_i m_j part)", enc, prec), 3 * (1 + u) * code_one,
                             (1 + u) * (E + E4))
                    # sinusoidal.frequency_order: derived err uses d_angle at p = 1
                    from tolerance_check import d_angle
                    delta_c = 1 * (kappa + 1) * u
                    note(("sinusoidal.frequency_order", enc, prec),
                         2 * (1 + u) * ((1 + 2 * u) * delta_c + g(5, u)),
                         2 * (1 + u) * ((1 + phi * u) * d_angle(1, u, phi, kind) + 2 * phi * u + 3 * phi * phi * u * u))
                for j in P_default:
                    for kind, enc in [("pow", "sinusoidal"), ("exp", "sinusoidal-concat"), ("pow", "scheme-b")]:
                        kappa = 3 + L
                        ei, ej = d_entry(i, u, phi, kind), d_entry(j, u, phi, kind)
                        a_i_c = c_apply(d, i, kappa, u) * (1 + gd) + g(d + 1, u)
                        a_j_c = c_apply(d, j, kappa, u) * (1 + gd) + g(d + 1, u)
                        code_one = a_i_c + a_j_c + a_i_c * a_j_c + gd * (1 + a_i_c) * (1 + a_j_c)
                        if enc == "scheme-b":  # Lemma 3.2 qk_additive
                            ai, aj = max(g(d + 1, u), ei + u), max(g(d + 1, u), ej + u)
                        else:
                            ai, aj = ei + u + gd * (1 + u), ej + u + gd * (1 + u)
                        der = (1 + u) * (ai + aj + ai * aj + gd * (1 + ai) * (1 + aj))
                        note(("score.translation_equivariant (one score, x(1+u), no bias term)", enc, prec), code_one, der)
                    # learned: exact table, P exact
                    a_c = (d * 2 * u + gd) * (1 + gd) + g(d + 1, u)
                    a_d = u + gd * (1 + u)
                    note(("score.translation_equivariant (one score, x(1+u), no bias term)", "learned", prec),
                         2 * a_c + a_c * a_c + gd * (1 + a_c) ** 2, (1 + u) * (2 * a_d + a_d * a_d + gd * (1 + a_d) ** 2))
                    # scheme-a: q.k part (a = gamma_d) plus final addition u |q.k| must fit in the slack
                    kappa = 3 + L
                    a_i_c = c_apply(d, i, kappa, u) * (1 + gd) + g(d + 1, u)
                    a_j_c = c_apply(d, j, kappa, u) * (1 + gd) + g(d + 1, u)
                    code_one = a_i_c + a_j_c + a_i_c * a_j_c + gd * (1 + a_i_c) * (1 + a_j_c)
                    ad = gd
                    der = (1 + u) * (2 * ad + ad * ad + gd * (1 + ad) ** 2 + u * (1 + ad) ** 2 * (1 + gd))
                    note(("score.translation_equivariant (one score, x(1+u), no bias term)", "scheme-a", prec), code_one, der)
                # bias.even, scheme-a: 2 (1+u) bias_error vs (1+u) 2 (d/2) sigma(eps_a, eps_b)
                kappa = 3 + L
                for j in P_default:
                    ea, eb = d_entry(i, u, phi), d_entry(j, u, phi)
                    beta = (D(d) / 2) * (ea + eb + ea * eb + gd * (1 + ea) * (1 + eb))
                    note(("bias.even", "scheme-a", prec), 2 * (1 + u) * d * (2 * c_entry(max(i, j), kappa, u) + gd),
                         (1 + u) * 2 * beta)
    width = max(len(k[0]) for k in worst)
    print(f"{'check':<{width}}  {'encoder':<22} {'prec':<6} min(code/derived)")
    for (prop, enc, prec), (r, der, code) in sorted(worst.items()):
        flag = "" if r >= 1 else "   <-- UNSAFE"
        print(f"{prop:<{width}}  {enc:<22} {prec:<6} {float(r):12.4g}{flag}")
    print("\nzeta_d/u:", ", ".join(f"{d}:{float(zeta(d, U53) / U53):.0f}" for d in DIMS))
    print("orthogonal-power kappa+1:", ", ".join(f"{d}:{float(op_units(d) + 1):.1f}" for d in DIMS))


if __name__ == "__main__":
    check()
