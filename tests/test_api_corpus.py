"""The corpus routes: GET /stats, GET /editions and POST /editions/match."""

from __future__ import annotations

from dataclasses import asdict

from api_samples import AUTH, survey


def test_stats_are_the_figures_alinea_stats_prints(corpus_client, corpus_store):
    body = corpus_client.get("/stats").json()
    assert body == asdict(corpus_store.stats())
    assert body["documents"] == sum(body["documents_by_lang"].values()) > 0
    assert body["aligned_pairs"] == body["edition_pairs"] > 0


def test_editions_list_each_group_with_its_documents_and_aligned_pairs(corpus_client,
                                                                       corpus_store):
    items = corpus_client.get("/editions").json()["items"]
    groups = corpus_store.edition_groups()
    assert [g["id"] for g in items] == [g.id for g in groups]
    assert [[d["id"] for d in g["documents"]] for g in items] == \
        [[d.id for d in g.documents] for g in groups]
    listed = {(p["src_id"], p["tgt_id"], p["alignment_id"]) for g in items for p in g["pairs"]}
    assert listed == {(p.src_id, p.tgt_id, p.alignment_id)
                      for p in corpus_store.edition_pairs()}
    for group in items:
        members = {d["id"] for d in group["documents"]}
        langs = {d["id"]: d["lang"] for d in group["documents"]}
        for pair in group["pairs"]:
            assert {pair["src_id"], pair["tgt_id"]} <= members
            assert (langs[pair["src_id"]], langs[pair["tgt_id"]]) == \
                (pair["src_lang"], pair["tgt_lang"])
            assert pair["alignment_id"] is not None   # the sample corpus is all aligned
    interview = next(g for g in items if len(g["documents"]) == 5)
    assert len(interview["pairs"]) == 10


def test_edition_pages_cover_every_group_once(corpus_client):
    whole = corpus_client.get("/editions").json()
    assert whole["next"] is None
    paged, after = [], None
    while True:
        body = corpus_client.get("/editions", params={
            "limit": 1, **({"after": after} if after is not None else {})}).json()
        assert len(body["items"]) <= 1
        paged += body["items"]
        after = body["next"]
        if after is None:
            break
    assert paged == whole["items"]


def test_matching_groups_uploads_left_ungrouped_and_leaves_their_pair_pending(writable):
    ids = [writable.post("/documents", params={"filename": f"survey.{lang}.txt",
                                               "match": "false"},
                         content=survey(lang), headers=AUTH).json()["document_id"]
           for lang in ("en", "ru")]
    before = writable.get("/editions").json()["items"]
    assert not any(set(ids) & {d["id"] for d in g["documents"]} for g in before)

    response = writable.post("/editions/match", headers=AUTH)
    assert response.status_code == 200, response.text
    grouped = [g for g in response.json()["items"]
               if set(ids) & {d["id"] for d in g["documents"]}]
    assert len(grouped) == 1
    assert sorted(d["id"] for d in grouped[0]["documents"]) == sorted(ids)
    assert [(p["src_lang"], p["tgt_lang"], p["alignment_id"]) for p in grouped[0]["pairs"]] \
        == [("en", "ru", None)]
    assert writable.get("/editions").json()["items"] == response.json()["items"]
    assert writable.get(f"/documents/{ids[0]}").json()["edition_group_id"] == grouped[0]["id"]


def test_matching_needs_the_write_token(writable):
    assert writable.post("/editions/match").status_code == 401
    wrong = writable.post("/editions/match", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_matching_when_the_model_fails_is_a_503_that_changes_nothing(writable, monkeypatch):
    from align_helpers import fail_encoding

    for lang in ("en", "ru"):
        writable.post("/documents", params={"filename": f"survey.{lang}.txt", "match": "false"},
                      content=survey(lang), headers=AUTH)
    before = writable.get("/editions").json()
    fail_encoding(monkeypatch, MemoryError())
    response = writable.post("/editions/match", headers=AUTH)
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "failed while encoding" in response.json()["detail"]
    assert writable.get("/editions").json() == before


def test_a_bad_page_size_is_a_422_naming_it(corpus_client):
    response = corpus_client.get("/editions", params={"limit": 0})
    assert response.status_code == 422
    assert "limit" in response.text
