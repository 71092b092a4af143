"""Link confidence means something: on gold, confident links are right more often."""

from __future__ import annotations

import pytest

from alinea.align.aligner import align
from alinea.align.evaluate import read_gold


def _prefix(gold, n_beads):
    """The first beads of a gold alignment, if they cover a contiguous prefix of both sides."""
    beads = gold[:n_beads]
    src = [i for s, _ in beads for i in s]
    tgt = [j for _, t in beads for j in t]
    assert src == list(range(len(src))) and tgt == list(range(len(tgt)))
    return beads, len(src), len(tgt)


@pytest.fixture(scope="module")
def aligned(shared_dir):
    out = []
    base = shared_dir / "data" / "align-gold" / "nonlit-en-zh"
    for genre, no, sl, tl in (("pol", "002", "zh", "en"), ("mag", "003", "en", "zh")):
        d = base / genre
        gold, n, m = _prefix(read_gold(d / "gold" / f"{no}.align"), 160)
        src = (d / "src" / no).read_text(encoding="utf-8").splitlines()[:n]
        tgt = (d / "tgt" / no).read_text(encoding="utf-8").splitlines()[:m]
        result = align(src, tgt, sl, tl)
        good = set(gold)
        out += [(link.confidence, (link.src, link.tgt) in good) for link in result.links]
    return out


def test_confident_links_are_right_more_often(aligned):
    ranked = sorted(aligned)
    half = len(ranked) // 2
    low = sum(ok for _, ok in ranked[:half]) / half
    high = sum(ok for _, ok in ranked[half:]) / (len(ranked) - half)
    assert high > low
    assert high >= 0.95


def test_wrong_links_have_lower_confidence_on_average(aligned):
    right = [c for c, ok in aligned if ok]
    wrong = [c for c, ok in aligned if not ok]
    assert wrong, "expected at least one wrong link on these texts"
    assert sum(wrong) / len(wrong) < sum(right) / len(right)


def test_confidences_are_probabilities(aligned):
    assert all(0.0 <= c <= 1.0 for c, _ in aligned)


def test_a_sentence_the_translation_left_out_is_among_the_least_confident(examples_dir):
    # examples/differences.json: the Russian edition omits "The commission meets twice a year."
    from alinea.align.formats import read_sentences

    en, en_blocks = read_sentences(examples_dir / "interview-river-treaty.en.txt", "en", False)
    ru, ru_blocks = read_sentences(examples_dir / "interview-river-treaty.ru.txt", "ru", False)
    result = align(en, ru, "en", "ru", src_blocks=en_blocks, tgt_blocks=ru_blocks)
    target = next(link for link in result.links
                  if any(en[i].startswith("The commission meets twice a year") for i in link.src))
    ranked = sorted(link.confidence for link in result.links)
    assert target.confidence <= ranked[len(ranked) // 4]
