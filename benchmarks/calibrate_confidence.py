"""Fit the confidence calibration of alinea's links on the development sets.

Runs the aligner on textberg-dev and nonlit-en-zh (never the held-out sets), labels each
link 1 if it is exactly a gold bead, and fits a logistic regression of that label on
the link features (``alinea.align.aligner.link_features``). Prints the coefficients to
paste into ``CONFIDENCE_COEF`` and how well they sort right from wrong links.

    python benchmarks/calibrate_confidence.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import dev_sets  # noqa: E402

from alinea.align import aligner  # noqa: E402


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, iters: int = 50) -> np.ndarray:
    """Newton-Raphson for L2-regularised logistic regression (intercept unpenalised)."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def collect(names=("textberg-dev", "nonlit-en-zh")):
    xs, ys = [], []
    sets = dev_sets()
    for name in names:
        for d in sets[name]:
            aligner.FEATURE_SINK = []
            a = aligner.align(d.src, d.tgt, d.src_lang, d.tgt_lang)
            feats = np.concatenate(aligner.FEATURE_SINK)
            gold = set(d.gold)
            xs.append(feats)
            ys.append(np.array([(tuple(l.src), tuple(l.tgt)) in gold for l in a.links], float))
    aligner.FEATURE_SINK = None
    return np.concatenate(xs), np.concatenate(ys)


def main() -> None:
    x, y = collect()
    w = fit_logistic(x, y)
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    order = np.argsort(p)
    q = len(p) // 4
    print(f"{len(y)} links, {y.mean():.3f} right")
    print("CONFIDENCE_COEF = (" + ", ".join(f"{v:.3f}" for v in w) + ")")
    for k, part in enumerate(("lowest", "second", "third", "highest")):
        sel = order[k * q:(k + 1) * q if k < 3 else None]
        print(f"  {part} quarter of confidence: mean {p[sel].mean():.3f}, right {y[sel].mean():.3f}")


if __name__ == "__main__":
    main()
