"""Real files into the store: the seeds and the sample corpus, through the reader and the
real segmenter, on both backends; edition matching on the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from alinea.corpus.readers import read_transcript
from alinea.corpus.store import Store


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
