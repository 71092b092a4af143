"""Aligned editions as TEI: one file per edition, one alignment file per language pair, and a
``teiCorpus`` root that includes them all (TEI Guidelines 16.4.2, alignment of parallel
texts; 15.1, composite texts).

Files, for a corpus id ``C`` and editions ``A`` (source) and ``B`` (target)::

    C.xml              <teiCorpus>: corpus header, then <xi:include href=...> per file
    A.xml, B.xml       each edition, built by ``build_tei(..., sentences=True)``
    C.align.xx-yy.xml  <TEI>: header + <standOff><linkGrp type="alignment"
                        subtype="translation" corresp="A.xml B.xml">

The source of a pair is its original edition when one of the editions is known to be the
original (``model.with_known_originals``), else the alignment's own source.

Every bead is one ``<link>``; ``@target`` lists the source sentences (``A.xml#ID``) then the
target sentences (``B.xml#ID``), all of them for n:m beads. A 1-0 or 0-1 bead is kept as a
link too: its empty side is pointed at by the edition's root ``<TEI xml:id>`` (read: "this
sentence has no counterpart in that edition"), which also keeps the two pointers TEI asks
of ``link/@target``. ``@type`` is the bead kind (``2-1``, ``1-0``...), and ``@cert`` the
aligner's confidence as a probability in [0, 1] (``teidata.probCert``), written with
Python's shortest round-tripping float notation. The header's ``application/desc
type="signature"`` records the aligner's signature.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from lxml import etree

from alinea import __version__
from alinea.align.types import Alignment, Link
from alinea.corpus.model import Transcript, with_known_originals
from alinea.errors import TEIError
from alinea.tei.build import (
    TEI_NS, XML_ID, Segmenter, build_tei, check_ncname, indent, language_name, sentence_ids,
    tei, tei_bytes,
)

__all__ = [
    "XI_NS", "CONFIDENCE_SCHEME", "build_alignment", "build_corpus", "write_corpus",
    "read_alignment", "alignment_filename",
]

XI_NS = "http://www.w3.org/2001/XInclude"

CONFIDENCE_SCHEME = (
    "Each link is one alignment bead; @type gives its kind as source-target sentence counts "
    "(1-1, 2-1, 1-0, ...). @cert is the aligner's confidence that the bead is right, a "
    "probability between 0 and 1. @target lists the source sentences, then the target "
    "sentences; an empty side (1-0, 0-1) is represented by the root xml:id of that edition."
)


def edition_filename(doc: Transcript) -> str:
    """The file an edition is written to: ``ID.xml``."""
    return f"{doc.id}.xml"


def alignment_filename(corpus_id: str, alignment: Alignment) -> str:
    """The file holding one language pair's links: ``C.align.ru-en.xml``."""
    return f"{corpus_id}.align.{alignment.src_lang}-{alignment.tgt_lang}.xml"


def _cert(link: Link, number: int) -> str:
    value = float(link.confidence)
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise TEIError(f"link {number} has confidence {link.confidence!r}; "
                       "it must lie between 0 and 1")
    return repr(value)


def _pointers(side: Sequence[int], ids: Sequence[str], href: str, doc_id: str,
              number: int, which: str) -> list[str]:
    if not side:
        return [f"{href}#{doc_id}"]
    out = []
    for index in side:
        if not 0 <= index < len(ids):
            raise TEIError(f"link {number} points at {which} sentence {index}, but "
                           f"{doc_id} has {len(ids)} sentences (0-based indices)")
        out.append(f"{href}#{ids[index]}")
    return out


def build_alignment(corpus_id: str, src: Transcript, tgt: Transcript,
                    src_ids: Sequence[str], tgt_ids: Sequence[str],
                    alignment: Alignment) -> etree._ElementTree:
    """The alignment file for one pair: ``alignment``'s indices mapped onto sentence ids.

    ``src_ids``/``tgt_ids`` are the ``<s xml:id>`` of each edition in order (see
    ``build.sentence_ids``); link indices are positions in those lists.
    """
    check_ncname(corpus_id, "corpus id")
    if (alignment.src_lang, alignment.tgt_lang) != (src.lang, tgt.lang):
        raise TEIError(f"alignment is {alignment.src_lang}-{alignment.tgt_lang} but the "
                       f"editions are {src.lang} ({src.id}) and {tgt.lang} ({tgt.id})")
    if not alignment.links:
        raise TEIError(f"alignment {src.id} ⟷ {tgt.id} has no links")
    src_href, tgt_href = edition_filename(src), edition_filename(tgt)
    align_id = f"{corpus_id}.align.{src.lang}-{tgt.lang}"
    root = tei("TEI", xml_id=align_id, xml_lang="en")
    header = tei("teiHeader", root)
    file_desc = tei("fileDesc", header)
    tei("title", tei("titleStmt", file_desc),
        f"Sentence alignment {src.lang}-{tgt.lang}: {src.title}", type="main")
    tei("p", tei("publicationStmt", file_desc),
        "Not published: made with alinea from the editions listed below.")
    bibl = tei("bibl", tei("sourceDesc", file_desc))
    tei("title", bibl, src.title)
    tei("ptr", bibl, type="source", target=src_href)
    tei("ptr", bibl, type="target", target=tgt_href)
    encoding = tei("encodingDesc", header)
    application = tei("application", tei("appInfo", encoding), ident="alinea",
                      version=__version__)
    tei("label", application, "alinea")
    tei("desc", application, alignment.signature, type="signature")
    tei("p", encoding, CONFIDENCE_SCHEME)

    group = tei("linkGrp", tei("standOff", root), type="alignment", subtype="translation",
                corresp=f"{src_href} {tgt_href}")
    for number, link in enumerate(alignment.links, start=1):
        if not link.src and not link.tgt:
            raise TEIError(f"link {number} of {src.id} ⟷ {tgt.id} is empty on both sides")
        targets = (_pointers(link.src, src_ids, src_href, src.id, number, "source")
                   + _pointers(link.tgt, tgt_ids, tgt_href, tgt.id, number, "target"))
        tei("link", group, type=link.kind, cert=_cert(link, number), target=" ".join(targets))
    indent(root)
    return etree.ElementTree(root)


def build_corpus(corpus_id: str, editions: Sequence[Transcript],
                 alignments: Sequence[Alignment],
                 sentence_ids_by_lang: Mapping[str, Sequence[str]] | None = None,
                 segment: Segmenter | None = None,
                 segmenter_signature: str | Mapping[str, str] | None = None
                 ) -> dict[str, etree._ElementTree]:
    """Every file of an aligned corpus, as ``{filename: tree}`` (pure; see ``write_corpus``).

    Editions are built with sentences (``segment``, default alinea's segmenter, whose
    signature goes in each edition's header; pass ``segmenter_signature`` with your own
    ``segment``: one for every edition, or one per language). Link indices are positions
    in ``build.edition_sentences(doc)``: align those texts. If the caller passes the
    sentence ids the aligner used (``sentence_ids_by_lang``), they must equal the ids of
    the built editions, so links can never point at the wrong sentence. An edition that
    is the original or a translation by what the editions tell together
    (``model.with_known_originals``) is marked so in its header, and an alignment into the
    original is written from the original's side.
    """
    check_ncname(corpus_id, "corpus id")
    if not editions:
        raise TEIError("a parallel corpus needs at least one edition")
    editions = with_known_originals(editions)
    by_lang: dict[str, Transcript] = {}
    files: dict[str, etree._ElementTree] = {}
    ids: dict[str, tuple[str, ...]] = {}
    for doc in editions:
        if doc.lang in by_lang:
            raise TEIError(f"two editions in {doc.lang}: {by_lang[doc.lang].id} and {doc.id}")
        if any(other.id == doc.id for other in by_lang.values()) or doc.id == corpus_id:
            raise TEIError(f"edition id {doc.id} is used twice; editions need distinct ids")
        by_lang[doc.lang] = doc
        signature = (segmenter_signature.get(doc.lang) if isinstance(segmenter_signature, Mapping)
                     else segmenter_signature)
        tree = build_tei(doc, sentences=True, segment=segment, segmenter_signature=signature)
        files[edition_filename(doc)] = tree
        ids[doc.lang] = sentence_ids(tree)
        given = (sentence_ids_by_lang or {}).get(doc.lang)
        if given is not None and tuple(given) != ids[doc.lang]:
            raise TEIError(f"the sentence ids given for {doc.id} differ from those of its "
                           "TEI: segment the edition the same way before aligning")
    original = _original(editions)
    for alignment in alignments:
        for lang in (alignment.src_lang, alignment.tgt_lang):
            if lang not in by_lang:
                raise TEIError(f"alignment {alignment.src_lang}-{alignment.tgt_lang} needs an "
                               f"edition in {lang}, and there is none")
        if original is not None and alignment.tgt_lang == original.lang:
            alignment = alignment.flipped()
        name = alignment_filename(corpus_id, alignment)
        if name in files:
            raise TEIError(f"two alignments for {alignment.src_lang}-{alignment.tgt_lang}")
        src, tgt = by_lang[alignment.src_lang], by_lang[alignment.tgt_lang]
        files[name] = build_alignment(corpus_id, src, tgt, ids[src.lang], ids[tgt.lang],
                                      alignment)
    root_name = f"{corpus_id}.xml"
    if root_name in files:
        raise TEIError(f"corpus id {corpus_id} clashes with an edition's file name")
    files = {root_name: _corpus_root(corpus_id, original or editions[0], editions,
                                     list(files)), **files}
    return files


def _original(editions: Sequence[Transcript]) -> Transcript | None:
    """The edition known to be the original, if exactly one is."""
    originals = [doc for doc in editions if doc.is_translation is False]
    return originals[0] if len(originals) == 1 else None


def _corpus_root(corpus_id: str, original: Transcript, editions: Sequence[Transcript],
                 members: list[str]) -> etree._ElementTree:
    root = etree.Element(f"{{{TEI_NS}}}teiCorpus", nsmap={None: TEI_NS, "xi": XI_NS})
    root.set(XML_ID, corpus_id)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", original.lang)
    header = tei("teiHeader", root)
    file_desc = tei("fileDesc", header)
    tei("title", tei("titleStmt", file_desc), original.title, type="main")
    tei("p", tei("publicationStmt", file_desc),
        "Not published: a parallel corpus made with alinea.")
    bibl = tei("bibl", tei("sourceDesc", file_desc))
    tei("title", bibl, original.title)
    if original.source_url is not None:
        tei("idno", bibl, original.source_url, type="URI")
    if original.source_id is not None:
        tei("idno", bibl, original.source_id, type="source")
    application = tei("application", tei("appInfo", tei("encodingDesc", header)),
                      ident="alinea", version=__version__)
    tei("label", application, "alinea")
    tei("desc", application, "Editions and their sentence alignments, included by XInclude.")
    usage = tei("langUsage", tei("profileDesc", header))
    for doc in editions:
        tei("language", usage, language_name(doc.lang), ident=doc.lang)
    for name in members:
        etree.SubElement(root, f"{{{XI_NS}}}include", href=name)
    indent(root)
    return etree.ElementTree(root)


def write_corpus(files: Mapping[str, etree._ElementTree], folder: str | Path) -> list[Path]:
    """Write ``build_corpus``'s files into ``folder`` (created if needed); their paths."""
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, tree in files.items():
            path = out / name
            path.write_bytes(tei_bytes(tree))
            written.append(path)
    except OSError as exc:
        raise TEIError(f"cannot write the corpus: {exc.strerror}", exc.filename) from exc
    return written


def read_alignment(tree: etree._ElementTree | etree._Element,
                   src_ids: Sequence[str], tgt_ids: Sequence[str],
                   path: str | Path | None = None) -> Alignment:
    """The ``Alignment`` held by an alignment file, with indices into the given id lists."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    where = str(path) if path is not None else None
    ns = {"t": TEI_NS}
    groups = root.xpath("t:standOff/t:linkGrp[@type='alignment']", namespaces=ns)
    if len(groups) != 1:
        raise TEIError("expected one <linkGrp type=\"alignment\"> in <standOff>", where,
                       root.sourceline)
    group = groups[0]
    src_href, tgt_href = (group.get("corresp") or " ").split(" ", 1)
    src_index = {f"{src_href}#{sid}": n for n, sid in enumerate(src_ids)}
    tgt_index = {f"{tgt_href}#{sid}": n for n, sid in enumerate(tgt_ids)}
    links = []
    for element in group.iterchildren(f"{{{TEI_NS}}}link"):
        src, tgt, others = [], [], []
        for pointer in (element.get("target") or "").split():
            if pointer in src_index:
                src.append(src_index[pointer])
            elif pointer in tgt_index:
                tgt.append(tgt_index[pointer])
            else:
                others.append(pointer)
        # Besides sentences, a link holds one pointer per empty side (at that edition).
        empty = [href for href, side in ((src_href, src), (tgt_href, tgt)) if not side]
        if (f"{len(src)}-{len(tgt)}" != element.get("type") or len(others) != len(empty)
                or any(not p.startswith(h + "#") for p, h in zip(others, empty))):
            raise TEIError(f"link targets do not match type {element.get('type')}: a pointer "
                           "names no sentence of either edition", where, element.sourceline)
        links.append(Link(tuple(src), tuple(tgt), float(element.get("cert", "1"))))
    signature = root.xpath("string(t:teiHeader//t:application/t:desc[@type='signature'])",
                           namespaces=ns)
    # The file's id ends in ".align.SRC-TGT"; model language codes are ISO 639-1 (no "-").
    src_lang, _, tgt_lang = root.get(XML_ID, "").rsplit(".align.", 1)[-1].partition("-")
    return Alignment(tuple(links), src_lang, tgt_lang, signature)
