"""Link posteriors (alinea.align.posterior) against brute force over every path."""

from __future__ import annotations

import math

import numpy as np
import pytest

from alinea.align import search as dp
from alinea.align.evaluate import read_gold
from alinea.align.posterior import backward, forward, link_posteriors

SHAPES = ((1, 1), (1, 2), (2, 1), (2, 2))


def _random_problem(n: int, m: int, seed: int):
    # costs a float32 holds exactly: the lattice keeps them in float32
    rng = np.random.default_rng(seed)

    def draw(low, high, size):
        return rng.uniform(low, high, size=size).astype(np.float32).astype(np.float64)

    table = {shape: draw(0.0, 2.0, (n + 1, m + 1)) for shape in SHAPES}

    def bead_cost(a, b, r0, r1, c0, c1):
        return table[(a, b)][r0:r1, c0:c1].copy()

    return bead_cost, draw(0.5, 1.5, n), draw(0.5, 1.5, m)


def _paths(n, m, band):
    """Every path from (0, 0) to (n, m) through the band, as lists of (i, j, a, b)."""
    lo, hi = band

    def inside(i, j):
        return 0 <= i <= n and lo[i] <= j <= hi[i]

    def walk(i, j):
        if (i, j) == (n, m):
            yield []
            return
        for a, b in ((0, 1), (1, 0)) + SHAPES:
            if inside(i + a, j + b):
                for rest in walk(i + a, j + b):
                    yield [(i, j, a, b)] + rest

    yield from walk(0, 0)


def _cost(step, bead_cost, skip_src, skip_tgt):
    i, j, a, b = step
    if a == 0:
        return skip_tgt[j]
    if b == 0:
        return skip_src[i]
    return float(bead_cost(a, b, i, i + 1, j, j + 1)[0, 0])


def _brute_posteriors(n, m, band, bead_cost, skip_src, skip_tgt, temperature):
    weights = {}
    total = 0.0
    for path in _paths(n, m, band):
        w = math.exp(-sum(_cost(s, bead_cost, skip_src, skip_tgt) for s in path) / temperature)
        total += w
        for step in path:
            weights[step] = weights.get(step, 0.0) + w
    return {step: w / total for step, w in weights.items()}


def _as_steps(path):
    steps, i, j = [], 0, 0
    for src, tgt, _ in path:
        steps.append((i, j, len(src), len(tgt)))
        i, j = i + len(src), j + len(tgt)
    return steps


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("temperature", [0.3, 1.0])
def test_link_posteriors_equal_brute_force_over_every_path(seed, temperature):
    n, m = 4, 5
    bead_cost, skip_src, skip_tgt = _random_problem(n, m, seed)
    path, lattice = dp.search_lattice(n, m, SHAPES, bead_cost, skip_src, skip_tgt)
    exact = _brute_posteriors(n, m, dp.full_band(n, m), bead_cost, skip_src, skip_tgt,
                              temperature)
    got = link_posteriors(lattice, path, temperature)
    want = [exact[step] for step in _as_steps(path)]
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


def test_link_posteriors_inside_a_band_count_only_the_paths_in_it():
    n, m = 5, 5
    bead_cost, skip_src, skip_tgt = _random_problem(n, m, 11)
    band = dp.band_around([(k, k) for k in range(n + 1)], n, m, 1)
    path, lattice = dp.search_lattice(n, m, SHAPES, bead_cost, skip_src, skip_tgt, band)
    exact = _brute_posteriors(n, m, band, bead_cost, skip_src, skip_tgt, 0.5)
    got = link_posteriors(lattice, path, 0.5)
    np.testing.assert_allclose(got, [exact[s] for s in _as_steps(path)], rtol=1e-9)


def test_forward_and_backward_give_the_same_total():
    n, m = 6, 7
    bead_cost, skip_src, skip_tgt = _random_problem(n, m, 3)
    _, lattice = dp.search_lattice(n, m, SHAPES, bead_cost, skip_src, skip_tgt)
    f, b = forward(lattice, 0.4), backward(lattice, 0.4)
    assert f[lattice.cell(n, m)] == pytest.approx(b[lattice.cell(0, 0)], rel=1e-12)


def test_a_cold_lattice_puts_all_the_mass_on_the_cheapest_path():
    bead_cost, skip_src, skip_tgt = _random_problem(5, 6, 5)
    path, lattice = dp.search_lattice(5, 6, SHAPES, bead_cost, skip_src, skip_tgt)
    assert link_posteriors(lattice, path, 1e-4) == pytest.approx(np.ones(len(path)))


def test_two_equally_cheap_readings_share_the_mass():
    # one 2-2 bead, or two 1-1 beads, at the same total cost: half the mass each way
    def bead_cost(a, b, r0, r1, c0, c1):
        costs = {(1, 1): 0.5, (2, 2): 1.0}.get((a, b), 50.0)
        return np.full((r1 - r0, c1 - c0), costs)

    path, lattice = dp.search_lattice(2, 2, ((1, 1), (2, 2)), bead_cost, 50.0, 50.0)
    assert link_posteriors(lattice, path, 0.1) == pytest.approx(
        np.full(len(path), 0.5), abs=1e-9)


def test_a_path_outside_the_lattice_has_no_posterior():
    bead_cost, skip_src, skip_tgt = _random_problem(4, 4, 2)
    band = dp.band_around([(k, k) for k in range(5)], 4, 4, 0)
    _, lattice = dp.search_lattice(4, 4, ((1, 1),), bead_cost, skip_src, skip_tgt, band)
    # 1-2 is no move of this lattice, and (0, 2) lies outside its band
    off_band = [((0,), (0, 1), 0.0), ((1, 2, 3), (2, 3), 0.0)]
    assert list(link_posteriors(lattice, off_band, 1.0)) == [0.0, 0.0]


def test_confident_links_are_right_more_often_without_embeddings(shared_dir):
    # Hungarian has no embedding model: length and anchors only, with their own calibration
    from alinea.align.aligner import align

    d = shared_dir / "data" / "align-gold" / "hunalign-handaligns-en-hu-ro" / "steinbeck"
    gold = read_gold(d / "hand.ladder")[:600]
    n = sum(len(s) for s, _ in gold)
    m = sum(len(t) for _, t in gold)
    src = (d / "hu.sen").read_text(encoding="utf-8").splitlines()[:n]
    tgt = (d / "en.sen").read_text(encoding="utf-8").splitlines()[:m]
    result = align(src, tgt, "hu", "en")
    good = set(gold)
    ranked = sorted((link.confidence, (link.src, link.tgt) in good) for link in result.links)
    quarter = len(ranked) // 4
    low = sum(ok for _, ok in ranked[:quarter]) / quarter
    rest = sum(ok for _, ok in ranked[quarter:]) / (len(ranked) - quarter)
    assert low < rest
    # calibrated: the mean confidence is close to the share of right links
    mean_conf = sum(c for c, _ in ranked) / len(ranked)
    share = sum(ok for _, ok in ranked) / len(ranked)
    assert abs(mean_conf - share) < 0.05


def test_every_lattice_path_is_counted_once():
    # the brute force itself: paths on a 1x1 lattice are 1-1, 1-0+0-1 and 0-1+1-0
    assert len(list(_paths(1, 1, dp.full_band(1, 1)))) == 3
