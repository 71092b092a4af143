"""The routes the viewer adds: edition comparison, speaker turns, link edits, the pages.

Reads use the shared aligned sample corpus (``corpus_client``, ``corpus_ids`` from conftest);
edits get a small store of their own with the consular answer in English and Russian
(``writable``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from alinea.api import create_app
from alinea.corpus.store import Store

PROBLEM = "application/problem+json"
ADDED = "Помогать соотечественникам – наша прямая обязанность."


# ---------------------------------------------------------------- compare


def test_compare_uses_the_stored_alignment_and_finds_the_russian_addition(corpus_client,
                                                                          corpus_ids):
    a, b = corpus_ids["answer-consular-students.en"], corpus_ids["answer-consular-students.ru"]
    body = corpus_client.get("/compare", params={"a": a, "b": b}).json()
    assert body["alignment"] == "stored"
    assert (body["src"]["id"], body["tgt"]["id"]) == (a, b)
    assert (body["src_lang"], body["tgt_lang"]) == ("en", "ru")
    assert [p["tgt_text"] for p in body["additions"]] + \
        [h["text"] for h in body["hidden_additions"]] == [ADDED]
    assert body["metrics"] is None
    assert any("reference translation in ru" in note for note in body["notes"])
    assert body["counts"]["links"] == len(body["pairs"])
    assert body["signature"].startswith("align[alinea:")


def test_compare_turned_round_reports_the_addition_as_an_omission(corpus_client, corpus_ids):
    a, b = corpus_ids["answer-consular-students.ru"], corpus_ids["answer-consular-students.en"]
    body = corpus_client.get("/compare", params={"a": a, "b": b}).json()
    assert [p["src_text"] for p in body["omissions"]] + \
        [h["text"] for h in body["hidden_omissions"]] == [ADDED]
    assert not body["additions"] and not body["hidden_additions"]


def test_compare_as_an_html_report(corpus_client, corpus_ids):
    response = corpus_client.get("/compare", params={"a": corpus_ids["speech-arctic-forum.en"],
                                                     "b": corpus_ids["speech-arctic-forum.ru"],
                                                     "format": "html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<h2>Omissions</h2>" in response.text and "[en] ⟷ [ru]" in response.text


@pytest.mark.parametrize("params, status, detail", [
    ({"a": 1, "b": 1}, 422, "document 1 compared with itself: give two different editions"),
    ({"a": 1, "b": 99999}, 404, "no document with id 99999"),
    ({"a": 1}, 422, "query.b: Field required"),
])
def test_compare_errors_are_problems(corpus_client, params, status, detail):
    response = corpus_client.get("/compare", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == detail


def test_compare_aligns_editions_that_have_no_stored_alignment(tmp_path: Path,
                                                                examples_dir: Path):
    from alinea.corpus.readers import read_transcript

    url = f"sqlite:///{tmp_path / 'unaligned.db'}"
    with Store.open(url) as store:
        for lang in ("en", "ru"):
            path = examples_dir / f"answer-consular-students.{lang}.txt"
            store.ingest(read_transcript(path), str(path), path.read_bytes())
    with TestClient(create_app(url)) as c:
        body = c.get("/compare", params={"a": 1, "b": 2}).json()
        assert body["alignment"] == "computed"
        assert [p["tgt_text"] for p in body["additions"]] + \
            [h["text"] for h in body["hidden_additions"]] == [ADDED]
        # nothing was stored
        assert c.get("/alignments/1/2").status_code == 404


# ---------------------------------------------------------------- turns


def test_turns_cover_every_sentence_in_order_with_their_speakers(corpus_client, corpus_ids):
    doc = corpus_ids["interview-river-treaty.en"]
    turns = corpus_client.get(f"/documents/{doc}/turns").json()["items"]
    n = corpus_client.get(f"/documents/{doc}").json()["n_sentences"]
    assert turns[0]["start"] == 0 and turns[-1]["end"] == n
    assert all(t["end"] == u["start"] for t, u in zip(turns, turns[1:]))
    assert [t["index"] for t in turns] == list(range(len(turns)))
    assert (turns[0]["name"], turns[0]["role"], turns[0]["label"]) == \
        ("Question", "interviewer", "Question:")
    assert (turns[1]["name"], turns[1]["role"]) == ("Anna Petrova", "guest")


def test_turns_of_an_unknown_document_are_404(corpus_client):
    response = corpus_client.get("/documents/99999/turns")
    assert response.status_code == 404
    assert response.json()["detail"] == "no document with id 99999"


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize("path, marker", [
    ("/", 'href="viewer/"'),
    ("/viewer/", "Parallel concordance"),
    ("/viewer/document.html", 'id="parallel"'),
    ("/viewer/compare.html", "Compare two editions"),
    ("/viewer/viewer.css", "table.parallel"),
    ("/viewer/document.js", "counterpartIds"),
])
def test_viewer_pages_are_served(corpus_client, path, marker):
    response = corpus_client.get(path)
    assert response.status_code == 200
    assert marker in response.text


def test_viewer_pages_load_nothing_from_elsewhere():
    from alinea.api.viewer import static_dir

    for page in static_dir().iterdir():
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, page


# ---------------------------------------------------------------- edits

AUTH = {"Authorization": "Bearer s3cret"}


def _links(client: TestClient, a: int, b: int) -> list[tuple[list[int], list[int], str]]:
    pairs = client.get(f"/alignments/{a}/{b}").json()["pairs"]
    return [(p["src"]["positions"], p["tgt"]["positions"], p["origin"]) for p in pairs]


def _as_links(items) -> list[dict]:
    return [{"src": s, "tgt": t} for s, t, _ in items]


def test_merge_then_split_round_trips_through_the_store(writable):
    before = _links(writable, 1, 2)
    first, second = before[0], before[1]
    merged = writable.post("/alignments/1/2/edits", headers=AUTH, json={
        "op": "merge", "links": _as_links([first, second]), "by": "tester"})
    assert merged.status_code == 200, merged.text
    union = (first[0] + second[0], first[1] + second[1])
    assert merged.json()["links"] == [{"src": union[0], "tgt": union[1]}]
    after = _links(writable, 1, 2)
    assert after[0] == (union[0], union[1], "manual") and after[1:] == before[2:]
    with Store.open(writable.store_url) as store:
        stored = store.alignment(1, 2).links[0]
        assert (stored.origin, stored.corrected_by, stored.link.confidence) == \
            ("manual", "tester", 1.0)
    split = writable.post("/alignments/1/2/edits", headers=AUTH, json={
        "op": "split", "links": [{"src": union[0], "tgt": union[1]}],
        "split_at": {"src": len(first[0]), "tgt": len(first[1])}})
    assert split.status_code == 200, split.text
    assert [(s, t) for s, t, _ in _links(writable, 1, 2)] == [(s, t) for s, t, _ in before]


def test_edits_from_the_other_side_are_stored_the_way_the_pair_was_aligned(writable):
    before = _links(writable, 2, 1)  # ru on the left; stored en -> ru
    response = writable.post("/alignments/2/1/edits", headers=AUTH, json={
        "op": "check", "links": _as_links(before[:1])})
    assert response.status_code == 200, response.text
    assert _links(writable, 2, 1)[0] == (before[0][0], before[0][1], "manual")
    with Store.open(writable.store_url) as store:
        link = store.alignment(1, 2).links[0].link
    assert (list(link.src), list(link.tgt)) == (before[0][1], before[0][0])


def test_relink_keeps_every_sentence_in_one_link_and_survives_realignment(writable):
    from alinea.corpus.batch import align_all

    response = writable.post("/alignments/1/2/edits", headers=AUTH, json={
        "op": "relink", "links": [{"src": [0], "tgt": [1]}]})
    assert response.status_code == 200, response.text
    after = _links(writable, 1, 2)
    assert ([0], [1], "manual") in after
    detail = writable.get("/documents/1").json(), writable.get("/documents/2").json()
    assert sorted(i for s, _, _ in after for i in s) == list(range(detail[0]["n_sentences"]))
    assert sorted(j for _, t, _ in after for j in t) == list(range(detail[1]["n_sentences"]))
    with Store.open(writable.store_url) as store:
        align_all(store, workers=1, realign=True)
    assert ([0], [1], "manual") in _links(writable, 1, 2)


def test_an_edit_made_in_the_viewer_can_be_undone(writable):
    before = writable.get("/alignments/2/1").json()["pairs"]
    merged = writable.post("/alignments/2/1/edits", headers=AUTH, json={
        "op": "merge", "links": [{"src": p["src"]["positions"], "tgt": p["tgt"]["positions"]}
                                 for p in before[:2]]})
    assert merged.status_code == 200, merged.text
    undone = writable.post("/alignments/2/1/undo", headers=AUTH)
    assert undone.status_code == 200, undone.text
    assert writable.get("/alignments/2/1").json()["pairs"] == before


@pytest.mark.parametrize("body, headers, status, detail", [
    ({"op": "check", "links": [{"src": [0], "tgt": [0]}]}, {}, 401,
     "this request writes to the corpus: send 'Authorization: Bearer TOKEN'"),
    ({"op": "check", "links": [{"src": [0], "tgt": [5]}]}, AUTH, 409,
     "link [0]-[5] is not in the current alignment (it may have been corrected since the "
     "page was loaded): reload and try again"),
    ({"op": "relink", "links": [{"src": [0], "tgt": [500]}]}, AUTH, 422,
     "link (0,)-(500,): target sentences must be contiguous indices below 11"),
])
def test_refused_edits_say_why(writable, body, headers, status, detail):
    response = writable.post("/alignments/1/2/edits", headers=headers, json=body)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == detail


def test_an_edit_of_links_corrected_since_is_a_documented_409_that_changes_nothing(writable):
    before = writable.get("/alignments/1/2").json()["pairs"]
    first = {"src": before[0]["src"]["positions"], "tgt": before[0]["tgt"]["positions"]}
    second = {"src": before[1]["src"]["positions"], "tgt": before[1]["tgt"]["positions"]}
    merged = writable.post("/alignments/1/2/edits", headers=AUTH,
                           json={"op": "merge", "links": [first, second]})
    assert merged.status_code == 200, merged.text
    after = writable.get("/alignments/1/2").json()["pairs"]
    # The same merge again, from a page loaded before the first one.
    stale = writable.post("/alignments/1/2/edits", headers=AUTH,
                          json={"op": "merge", "links": [first, second]})
    assert stale.status_code == 409
    assert stale.headers["content-type"] == PROBLEM
    assert stale.json()["title"] == "Conflict"
    assert writable.get("/alignments/1/2").json()["pairs"] == after
    documented = writable.get("/openapi.json").json()["paths"][
        "/alignments/{src_id}/{tgt_id}/edits"]["post"]["responses"]
    assert "409" in documented


def test_edits_need_an_alignment(writable, examples_dir):
    new = []
    for lang in ("en", "ru"):
        path = examples_dir / f"speech-arctic-forum.{lang}.txt"
        new.append(writable.post("/documents", params={"filename": path.name, "align": "false"},
                                 content=path.read_bytes(), headers=AUTH).json()["document_id"])
    edit = {"op": "check", "links": [{"src": [0], "tgt": [0]}]}
    response = writable.post(f"/alignments/{new[0]}/{new[1]}/edits", headers=AUTH, json=edit)
    assert response.status_code == 404
    assert response.json()["detail"] == (f"documents {new[0]} (en) and {new[1]} (ru) have no "
                                         f"alignment yet: align them with POST "
                                         f"/alignments/{new[0]}/{new[1]}")
    # The consular answer and the speech are no editions of one text: aligning would not
    # do, nor would linking two editions in one language.
    response = writable.post(f"/alignments/1/{new[1]}/edits", headers=AUTH, json=edit)
    assert response.status_code == 404
    assert "they are not editions of one text" in response.json()["detail"]
    response = writable.post(f"/alignments/1/{new[0]}/edits", headers=AUTH, json=edit)
    assert response.status_code == 404
    assert response.json()["detail"] == (f"documents 1 (en) and {new[0]} (en) have no "
                                         "alignment: both are in en, and an alignment pairs "
                                         "editions of one text in two languages")


def test_document_alignments_say_which_editions_are_aligned(writable, examples_dir):
    assert writable.get("/documents/1/alignments").json()["items"] == [
        {"document_id": 2, "lang": "ru", "alignment_id": 1}]
    new = []
    for lang in ("en", "ru"):
        path = examples_dir / f"speech-arctic-forum.{lang}.txt"
        new.append(writable.post("/documents", params={"filename": path.name, "align": "false"},
                                 content=path.read_bytes(), headers=AUTH).json()["document_id"])
    assert writable.get(f"/documents/{new[1]}/alignments").json()["items"] == [
        {"document_id": new[0], "lang": "en", "alignment_id": None}]
    assert writable.get("/documents/99999/alignments").status_code == 404


def _rows_read(client: TestClient, path: str) -> tuple[dict, int]:
    """The answer to GET ``path`` and how many rows the SELECTs it ran returned."""
    from store_reads import rows_read

    response, _, rows = rows_read(client.app.state.store.engine, lambda: client.get(path))
    assert response.status_code == 200, response.text
    return response.json(), rows


def test_document_alignments_read_only_the_documents_own_group(writable, corpus_client,
                                                                corpus_ids):
    # The consular answer alone (writable) and among the ten other sample documents, all
    # aligned (the sample corpus): the same answer from the same rows.
    alone, rows_alone = _rows_read(writable, "/documents/1/alignments")
    en = corpus_ids["answer-consular-students.en"]
    among, rows_among = _rows_read(corpus_client, f"/documents/{en}/alignments")
    assert [i["lang"] for i in alone["items"]] == [i["lang"] for i in among["items"]] == ["ru"]
    assert among["items"][0]["alignment_id"] is not None
    assert rows_among == rows_alone
