"""TEI export: each text's editions with their alignments as a ``teiCorpus``, in a ZIP.

The files are those of ``alinea.tei.parallel.build_corpus`` (a ``teiCorpus`` root that
XIncludes each edition and one standOff ``linkGrp`` file per language pair), one folder per
text. Editions are encoded with the sentences *the store holds*, replayed to
``build_tei`` as its segmenter, so the ``<s xml:id>`` the links point at are exactly the
sentences that were aligned, whatever segmenter the TEI side would use today; the header's
``desc type="segmenter"`` is the signature the store recorded for them, the one ``alinea
tei --sentences`` writes for alinea's segmenter.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from alinea.align.types import Alignment, Link, Sentence
from alinea.corpus.aligned_pairs import AlignedPair, DocumentAlignment
from alinea.corpus.export_stream import zip_stream
from alinea.corpus.model import Transcript, with_known_originals
from alinea.corpus.store import Store, StoredSentence
from alinea.errors import TEIError

__all__ = ["MEDIA_TYPE", "TEIEdition", "TEIGroup", "replay_segmenter", "edition_tei",
           "document_tei", "group_files", "tei_chunks", "write_tei", "groups_from"]

MEDIA_TYPE = "application/zip"
DOCUMENT_MEDIA_TYPE = "application/tei+xml"


@dataclass(frozen=True)
class TEIEdition:
    """A stored edition: the transcript, its stored sentences (document order) and the
    signature of the segmenter that made them ("" if unknown)."""

    transcript: Transcript
    sentences: tuple[StoredSentence, ...]
    segmenter: str = ""


@dataclass(frozen=True)
class TEIGroup:
    """The editions of one text and the alignments (sentence positions) between them."""

    corpus_id: str
    editions: tuple[TEIEdition, ...]
    alignments: tuple[Alignment, ...]


def replay_segmenter(editions: Sequence[TEIEdition]):  # -> tei.build.Segmenter
    """A segmenter giving back the stored sentences of ``editions``' paragraphs, in order.

    ``build_tei`` asks for each non-empty paragraph's sentences in document order; the
    answers are queued per (text, language), so identical paragraphs get their own.
    """
    queues: dict[tuple[str, str], deque[list[Sentence]]] = defaultdict(deque)
    for edition in editions:
        doc = edition.transcript
        by_paragraph: dict[int, list[Sentence]] = defaultdict(list)
        for s in edition.sentences:
            by_paragraph[s.paragraph].append(Sentence(s.text, s.start, s.end))
        for index, paragraph in enumerate(doc.paragraphs):
            if paragraph.text:
                queues[(paragraph.text, paragraph.lang or doc.lang)].append(
                    by_paragraph.get(index, []))

    def segment(text: str, lang: str) -> list[Sentence]:
        queue = queues.get((text, lang))
        if not queue:
            raise TEIError("the stored sentences do not cover a paragraph of the edition "
                           f"({text[:40]!r}): re-ingest the document")
        return queue.popleft()

    return segment


def edition_tei(edition: TEIEdition) -> bytes:
    """One edition as a TEI document, with its stored sentences as ``<s>``."""
    from alinea.tei.build import build_tei, tei_bytes

    (doc,) = with_known_originals([edition.transcript])
    tree = build_tei(doc, sentences=True, segment=replay_segmenter([edition]),
                     segmenter_signature=edition.segmenter or None)
    return tei_bytes(tree)


def load_edition(store: Store, document_id: int) -> TEIEdition:
    """A stored document as a ``TEIEdition``, the original or a translation, and of which
    original language, as its edition group tells (``Store.edition_status``, what the
    API's document detail says), not only its own file: a single document's TEI and the
    ``teiCorpus`` of any of its pairs then mark it alike, whichever editions the export
    holds."""
    transcript = store.get_document(document_id)
    is_translation, original_lang = store.edition_status(document_id)
    if (is_translation, original_lang) != (transcript.is_translation,
                                           transcript.original_lang):
        transcript = dataclasses.replace(transcript, is_translation=is_translation,
                                         original_lang=original_lang)
    return TEIEdition(transcript, tuple(store.sentences(document_id)),
                      store.document(document_id).segmenter)


def document_tei(store: Store, document_id: int) -> bytes:
    """A stored document as a TEI document."""
    return edition_tei(load_edition(store, document_id))


def group_files(group: TEIGroup) -> dict[str, bytes]:
    """Every file of one text's ``teiCorpus``: ``{filename: bytes}``."""
    from alinea.tei.build import tei_bytes
    from alinea.tei.parallel import build_corpus

    files = build_corpus(group.corpus_id, [e.transcript for e in group.editions],
                         group.alignments, segment=replay_segmenter(group.editions),
                         segmenter_signature={e.transcript.lang: e.segmenter
                                              for e in group.editions if e.segmenter})
    return {name: tei_bytes(tree) for name, tree in files.items()}


def tei_chunks(groups: Iterable[TEIGroup]) -> Iterator[bytes]:
    """The ZIP of every group's files, each group in a folder named by its corpus id."""
    def members() -> Iterator[tuple[str, Iterable[bytes]]]:
        for group in groups:
            for name, data in group_files(group).items():
                yield f"{group.corpus_id}/{name}", [data]

    yield from zip_stream(members())


def write_tei(groups: Iterable[TEIGroup], out: BinaryIO) -> None:
    """Write the TEI ZIP for ``groups`` to a binary file."""
    for chunk in tei_chunks(groups):
        out.write(chunk)


def _as_alignment(alignment: DocumentAlignment, pairs: Iterable[AlignedPair] | None
                  ) -> Alignment:
    chosen = alignment.pairs() if pairs is None else pairs
    return Alignment(tuple(Link(p.src.positions, p.tgt.positions, p.confidence)
                           for p in chosen),
                     alignment.src.lang, alignment.tgt.lang, alignment.stored.signature)


def groups_from(store: Store,
                alignments: Iterable[tuple[DocumentAlignment, list[AlignedPair] | None]]
                ) -> Iterator[TEIGroup]:
    """TEI groups for document alignments (with, optionally, only some of their beads).

    Consecutive alignments within one edition group make one ``teiCorpus``; editions in a
    language the group already has (two versions, or a group linked by hand across two
    texts in one language) start a new one, as a ``teiCorpus`` holds one edition per
    language.
    """
    editions: dict[int, TEIEdition] = {}
    langs: dict[str, int] = {}
    links: list[Alignment] = []
    group_key: object = None
    name = ""

    def flush() -> Iterator[TEIGroup]:
        if links:
            yield TEIGroup(name, tuple(editions.values()), tuple(links))

    for alignment, pairs in alignments:
        key = alignment.src.edition_group_id or ("pair", alignment.src.id, alignment.tgt.id)
        clash = key == group_key and any(langs.get(d.lang, d.id) != d.id
                                         for d in (alignment.src, alignment.tgt))
        if key != group_key or clash:
            yield from flush()
            editions, langs, links, group_key = {}, {}, [], key
            name = (f"alinea-group{alignment.src.edition_group_id}"
                    if alignment.src.edition_group_id is not None
                    else f"alinea-doc{alignment.src.id}")
            if clash:
                name += f"-doc{alignment.src.id}-{alignment.tgt.id}"
        for doc in (alignment.src, alignment.tgt):
            if doc.id not in editions:
                editions[doc.id] = load_edition(store, doc.id)
                langs[doc.lang] = doc.id
        links.append(_as_alignment(alignment, pairs))
    yield from flush()
