"""Real files into the store: the seeds and the sample corpus, through the reader and the
real segmenter, on both backends; edition matching on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.corpus.readers import read_transcript
from alinea.corpus.store import Store
from saved_pages import html_page_of


def _files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.txt"))
    if not files:
        pytest.skip(f"no transcripts in {folder}")
    return files


def _ingest(store: Store, paths: list[Path]) -> dict[str, int]:
    ids = {}
    for path in paths:
        result = store.ingest(read_transcript(path), path, path.read_bytes())
        assert result.status == "new", path
        ids[path.name] = result.document_id
    return ids


@pytest.mark.parametrize("corpus", ["seeds", "examples"])
def test_files_load_back_equal_and_ingest_once(store_url: str, corpus: str,
                                               request: pytest.FixtureRequest):
    folder = request.getfixturevalue(f"{corpus}_dir")
    paths = _files(folder)
    with Store.open(store_url) as store:  # the real segmenter, alinea.align.segment
        ids = _ingest(store, paths)
        for path in paths:
            doc_id = ids[path.name]
            transcript = read_transcript(path)
            assert store.get_document(doc_id) == transcript
            paragraphs = transcript.paragraphs
            sentences = store.sentences(doc_id)
            assert sentences, path
            for s in sentences:
                assert paragraphs[s.paragraph].text[s.start:s.end] == s.text
            assert store.document(doc_id).segmenter.startswith("alinea-seg:")
        again = [store.ingest(read_transcript(p), p, p.read_bytes()) for p in paths]
        assert {r.status for r in again} == {"unchanged"}
        assert store.stats().documents == len(paths)


def test_sample_corpus_editions_are_grouped(store_url: str, examples_dir: Path):
    paths = _files(examples_dir)
    with Store.open(store_url) as store:
        ids = _ingest(store, paths)

        def groups() -> set[frozenset[str]]:
            names = {v: k for k, v in ids.items()}
            return {frozenset(names[d.id].split(".")[0] + "." + d.lang for d in g.documents)
                    for g in store.edition_groups()}

        # At ingest: by the shared mid.ru content id only.
        assert groups() == {
            frozenset({"interview-river-treaty.en", "interview-river-treaty.fr",
                       "interview-river-treaty.ru"}),
            frozenset({"speech-arctic-forum.en", "speech-arctic-forum.ru"}),
            frozenset({"answer-consular-students.en", "answer-consular-students.ru"}),
        }
        # Then by date, kind, speakers and multilingual embeddings of the openings.
        store.match_editions()
        assert groups() == {
            frozenset(f"interview-river-treaty.{lang}" for lang in ("de", "en", "es", "fr", "ru")),
            frozenset({"speech-arctic-forum.en", "speech-arctic-forum.ru"}),
            frozenset({"answer-consular-students.en", "answer-consular-students.ru"}),
            frozenset({"press-conference-sarmeria.en", "press-conference-sarmeria.ru"}),
        }
        # 10 interview pairs + one pair for each of the three two-edition texts.
        assert len(store.pending_pairs()) == 13


# A stored transcript in another form: each reads as the same text as the file stored.
_COPIES = {
    "crlf": lambda raw, path: (raw.replace(b"\n", b"\r\n"), path),
    "utf-8-bom": lambda raw, path: (b"\xef\xbb\xbf" + raw, path),
    "utf-16": lambda raw, path: (raw.decode("utf-8").encode("utf-16"), path),
    # The same bytes under another name were one document already; an editor's re-save
    # under another name drops the final newline.
    "renamed-resaved": lambda raw, path: (raw.rstrip(b"\n"),
                                          path.with_name("river-treaty-copy.txt")),
}


@pytest.mark.parametrize("form", list(_COPIES))
def test_a_copy_of_a_stored_file_in_another_form_is_the_stored_document(
        store_url: str, examples_dir: Path, form: str):
    from alinea.corpus.readers import read_bytes
    from alinea.corpus.synthetic import simple_segment

    path = examples_dir / "interview-river-treaty.ru.txt"
    raw = path.read_bytes()
    copy, copy_path = _COPIES[form](raw, path)
    assert copy != raw
    with Store.open(store_url, segmenter=simple_segment) as store:
        stored = store.ingest(read_bytes(raw, path, None), path, raw)
        again = store.ingest(read_bytes(copy, copy_path, None), copy_path, copy)
        assert (again.document_id, again.status, again.version) == (
            stored.document_id, "unchanged", 1)
        stats = store.stats()
        assert (stats.documents, stats.versions) == (1, 1)
        assert store.document(stored.document_id).source_path == str(path)


def test_a_copy_with_one_word_changed_is_a_new_version_or_document(store_url: str,
                                                                   examples_dir: Path):
    from alinea.corpus.readers import read_bytes
    from alinea.corpus.synthetic import simple_segment

    path = examples_dir / "interview-river-treaty.ru.txt"
    raw = path.read_bytes()
    changed = raw.replace("весну".encode(), "осень".encode(), 1)
    assert changed != raw
    with Store.open(store_url, segmenter=simple_segment) as store:
        stored = store.ingest(read_bytes(raw, path, None), path, raw)
        # In CRLF as well: the word, not the line endings, makes it another text.
        version = store.ingest(read_bytes(changed.replace(b"\n", b"\r\n"), path, None), path,
                               changed.replace(b"\n", b"\r\n"))
        assert (version.status, version.version, version.replaced) == (
            "new-version", 2, stored.document_id)
        other = path.with_name("river-treaty-autumn.txt")
        elsewhere = store.ingest(read_bytes(changed + b"\n", other, None), other,
                                 changed + b"\n")
        assert elsewhere.status == "unchanged" and elsewhere.document_id == version.document_id
        # The stored text came back: a copy of the first file is the first text again, a
        # new version of the current one (only current documents are matched by text).
        back = store.ingest(read_bytes(raw.replace(b"\n", b"\r\n"), path, None), path,
                            raw.replace(b"\n", b"\r\n"))
        assert (back.status, back.version, back.replaced) == (
            "new-version", 3, version.document_id)
        assert store.stats().documents == 1


# An example of each layout, and a seed with no-break spaces in its text.
_HTML_CASES = [("examples", "speech-arctic-forum.en.txt"),
               ("examples", "interview-river-treaty.fr.txt"),
               ("examples", "press-conference-sarmeria.en.txt"),
               ("seeds", "000_a74b0db89df9f506.txt")]


@pytest.mark.parametrize(("corpus", "name"), _HTML_CASES)
def test_the_html_page_of_a_stored_text_file_is_the_stored_document(
        store_url: str, corpus: str, name: str, request: pytest.FixtureRequest):
    from alinea.corpus.readers import read_bytes
    from alinea.corpus.synthetic import simple_segment

    path = request.getfixturevalue(f"{corpus}_dir") / name
    raw = path.read_bytes()
    page = html_page_of(raw)
    with Store.open(store_url, segmenter=simple_segment) as store:
        stored = store.ingest(read_bytes(raw, path, None), path, raw)
        # Under its own name (a new version before) and under another (a second document).
        for page_path in (path.with_suffix(".html"), path.with_name("saved page.html")):
            again = store.ingest(read_bytes(page, page_path, None), page_path, page)
            assert (again.document_id, again.status, again.version) == (
                stored.document_id, "unchanged", 1), page_path
        stats = store.stats()
        assert (stats.documents, stats.versions) == (1, 1)
        # What is stored is the text file's reading, boilerplate and all.
        assert store.get_document(stored.document_id) == read_bytes(raw, path, None)


def test_the_html_page_of_a_stored_text_with_a_word_or_the_place_changed_is_another_text(
        store_url: str, examples_dir: Path):
    from alinea.corpus.readers import read_bytes
    from alinea.corpus.synthetic import simple_segment

    path = examples_dir / "speech-arctic-forum.en.txt"
    raw = path.read_bytes()
    with Store.open(store_url, segmenter=simple_segment) as store:
        stored = store.ingest(read_bytes(raw, path, None), path, raw)
        for n, changed in enumerate((
                raw.replace(b"Murmansk, October 3", b"Arkhangelsk, October 3", 1),
                raw.replace(b"productive forum", b"fruitful forum", 1))):
            assert changed != raw
            other = path.with_name(f"saved page {n}.html")
            page = html_page_of(changed)
            result = store.ingest(read_bytes(page, other, None), other, page)
            # The page names the text's source: another text of that edition is its next version.
            assert (result.status, result.version) == ("new-version", n + 2)
        stats = store.stats()
        assert (stats.documents, stats.versions) == (1, 3)
