"""Fit the confidence calibration of alinea's links on the development sets.

Runs the aligner on development sets (never the held-out ones), labels each link 1 if it
is exactly a gold bead, and fits a logistic regression of that label on the link
features (``alinea.align.aligner.link_features``), once for each path of the aligner:

- with embeddings on textberg-dev and nonlit-en-zh (``CONFIDENCE_COEF``),
- length and anchors only on the hunalign hand alignments dtm and 1984.hu
  (``FALLBACK_CONFIDENCE_COEF``); 1984.ro and steinbeck are left out of that fit and
  show how the fit carries to other texts.

Prints the coefficients to paste into ``alinea/align/aligner.py`` and how well the
confidences sort right from wrong links: the area under the ROC curve (the chance that a
right link gets a higher confidence than a wrong one), and the share of right links in
each quarter of the links sorted by confidence, for the current and the refitted
coefficients.

    python benchmarks/calibrate_confidence.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import dev_sets  # noqa: E402

from alinea.align import aligner  # noqa: E402

EMBEDDED_FIT = ("textberg-dev", "nonlit-en-zh")
FALLBACK_FIT = ("hunalign-dtm", "hunalign-1984.hu")
FALLBACK_CHECK = ("hunalign-1984.ro", "hunalign-steinbeck")


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


def collect(names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Link features and right/wrong labels of every link the aligner makes on ``names``."""
    xs, ys = [], []
    sets = dev_sets()
    for name in names:
        for d in sets[name]:
            aligner.FEATURE_SINK = []
            a = aligner.align(d.src, d.tgt, d.src_lang, d.tgt_lang)
            xs.append(np.concatenate(aligner.FEATURE_SINK))
            gold = set(d.gold)
            ys.append(np.array([(tuple(l.src), tuple(l.tgt)) in gold for l in a.links], float))
    aligner.FEATURE_SINK = None
    return np.concatenate(xs), np.concatenate(ys)


def roc_auc(score: np.ndarray, right: np.ndarray) -> float:
    """The chance that a right link scores above a wrong one (ties count half)."""
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    sorted_scores = score[order]
    # average ranks for ties
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for f, c in zip(first, counts):
        ranks[order[f:f + c]] = f + (c + 1) / 2.0
    pos = right.astype(bool)
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def report(label: str, x: np.ndarray, y: np.ndarray, w: np.ndarray) -> None:
    p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
    parts = np.array_split(np.argsort(p, kind="mergesort"), 4)
    quarters = " / ".join(f"{p[q].mean():.3f}→{y[q].mean():.3f}" for q in parts)
    print(f"  {label}: AUC {roc_auc(p, y):.3f}; quarters, mean confidence→share right: {quarters}")


def main() -> None:
    for name, coef, fit_sets, check_sets in (
            ("CONFIDENCE_COEF", aligner.CONFIDENCE_COEF, EMBEDDED_FIT, ()),
            ("FALLBACK_CONFIDENCE_COEF", aligner.FALLBACK_CONFIDENCE_COEF, FALLBACK_FIT,
             FALLBACK_CHECK)):
        x, y = collect(fit_sets)
        w = fit_logistic(x, y)
        print(f"{name}: {len(y)} links of {', '.join(fit_sets)}, {y.mean():.3f} right")
        print(f"{name} = (" + ", ".join(f"{v:.3f}" for v in w) + ")")
        report("current coefficients", x, y, np.asarray(coef))
        report("refitted", x, y, w)
        if check_sets:
            xc, yc = collect(check_sets)
            print(f"  left out of the fit: {len(yc)} links of {', '.join(check_sets)}")
            report("current coefficients", xc, yc, np.asarray(coef))
            report("refitted", xc, yc, w)


if __name__ == "__main__":
    main()
