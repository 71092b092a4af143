"""The document model → TEI P5: one ``<TEI>`` per transcript edition.

Layout (``tei/schema/alinea.rnc`` pins it down exactly; ``parse`` reads it back):

* Every ``xml:id`` in a file starts with the document id (``DOC.u3``, ``DOC.seg3.2``,
  ``DOC.seg3.2.1``, ``DOC.LavrovSergey``, ``DOC.role.guest``), so the editions of a
  ``teiCorpus`` (``parallel``) never clash. ``u/@who`` points at the ``person`` of the
  speaker and ``u/@ana`` at the speaker's role in a ``taxonomy`` (ParlaMint style).
* Header: ``titleStmt`` (title, one ``respStmt`` naming the speakers), ``publicationStmt``,
  ``notesStmt`` with one ``note type="boilerplate" subtype=KIND n=LINE`` per boilerplate
  line (kept out of the body so alignment never sees it), ``sourceDesc/bibl`` (title,
  outlet as ``orgName role="outlet"``, date, time, place, URL and ``source_id`` as
  ``idno``, and ``note``s of type ``editions`` (language codes, space-separated) and
  ``original-language``), ``encodingDesc`` (the tool and the role taxonomy),
  ``profileDesc`` (``langUsage``; ``textDesc`` when the edition is known to be the original
  or a translation, saying which in ``derivation/@type``; ``particDesc/listPerson``;
  ``settingDesc``).
* Body: one ``div type=KIND``; per turn a ``u`` whose printed label, if any, is its first
  child as ``note type="speaker"``; per paragraph a ``seg`` (``xml:lang`` when the
  paragraph's language is set); with ``sentences=True`` each sentence is an ``s`` inside
  its ``seg``, and the text between sentences stays in the ``seg`` so the paragraph reads
  back exactly.
* Output is deterministic (no timestamps): the same transcript gives the same bytes.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence

from lxml import etree

from alinea import __version__
from alinea.align.types import Sentence
from alinea.corpus.model import KINDS, ROLES, Paragraph, Transcript
from alinea.errors import TEIError

__all__ = ["TEI_NS", "XML_NS", "build_tei", "tei_bytes", "sentence_ids", "edition_sentences",
           "Segmenter"]

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_ID = f"{{{XML_NS}}}id"

Segmenter = Callable[[str, str], Sequence[Sentence]]

_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")  # xsd:language
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")

#: English names for ``langUsage``; other codes are named by their code.
LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian",
    "fr": "French", "it": "Italian", "ja": "Japanese", "ko": "Korean", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "sk": "Slovak", "sr": "Serbian", "tr": "Turkish",
    "uk": "Ukrainian", "zh": "Chinese",
}

#: The parts of ``textDesc``, in the order TEI requires all of them (Guidelines 15.2.1, The
#: Text Description). alinea knows only the derivation (``original`` or ``translation``,
#: two of the Guidelines' sample values), so the other parts are written empty.
_TEXT_DESC_PARTS = ("channel", "constitution", "derivation", "domain", "factuality",
                    "interaction", "preparedness", "purpose")

#: Elements whose children we indent; everything else is written exactly as built, so
#: whitespace inside ``seg`` (between ``s``) and in text-bearing elements is never touched.
_STRUCTURAL = frozenset(
    f"{{{TEI_NS}}}{name}" for name in (
        "TEI", "teiCorpus", "teiHeader", "fileDesc", "titleStmt", "respStmt",
        "publicationStmt", "notesStmt", "sourceDesc", "bibl", "encodingDesc", "appInfo",
        "application", "classDecl", "taxonomy", "category", "profileDesc", "langUsage",
        "textDesc", "particDesc", "listPerson", "person", "settingDesc", "setting", "text",
        "body", "div", "u", "standOff", "linkGrp",
    )
)


def tei(tag: str, parent: etree._Element | None = None, text: str | None = None,
        **attrs: str) -> etree._Element:
    """A TEI element (``xml_id``/``xml_lang`` keywords become ``xml:id``/``xml:lang``)."""
    qname = f"{{{TEI_NS}}}{tag}"
    element = (etree.SubElement(parent, qname) if parent is not None
               else etree.Element(qname, nsmap={None: TEI_NS}))
    for key, value in attrs.items():
        if key == "xml_id":
            key = XML_ID
        elif key == "xml_lang":
            key = XML_LANG
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def check_ncname(value: str, what: str) -> None:
    """Raise ``TEIError`` unless ``value`` can be an ``xml:id`` (an ASCII-safe NCName)."""
    if not _NCNAME.match(value):
        raise TEIError(f"{what} {value!r} is not an XML NCName (letters, digits, '_', '-', "
                       "'.'; not starting with a digit): fix the id in the reader")


def language_name(code: str) -> str:
    """The English name of a language code for ``langUsage`` (the code if unknown)."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


def _iso_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _when_time(value: str) -> str | None:
    match = _TIME.match(value)
    if not match:
        return None
    return f"{match[1]}:{match[2]}:{match[3] or '00'}"


def _default_segmenter() -> Segmenter:
    try:
        from alinea.align.segment import segment
    except ImportError as exc:  # the segmenter is optional for plain seg output
        raise TEIError("sentences=True needs alinea.align.segment, which is not available; "
                       "build with sentences=False") from exc
    return segment


def _fill_seg(seg: etree._Element, text: str, sentences: Sequence[Sentence],
              seg_id: str) -> None:
    """Wrap each sentence in ``<s>``; text between and around them stays in the seg."""
    position = 0
    previous: etree._Element | None = None
    for number, sentence in enumerate(sentences, start=1):
        if (sentence.start < position or sentence.end < sentence.start
                or text[sentence.start:sentence.end] != sentence.text):
            raise TEIError(f"segmenter returned sentence {number} of {seg_id} that is not a "
                           f"span of the paragraph in order: {sentence.text[:40]!r}")
        gap = text[position:sentence.start]
        if previous is None:
            seg.text = gap or None
        else:
            previous.tail = gap or None
        previous = tei("s", seg, sentence.text, xml_id=f"{seg_id}.{number}")
        position = sentence.end
    rest = text[position:]
    if previous is None:
        seg.text = rest
    else:
        previous.tail = rest or None


def _header(doc: Transcript, root: etree._Element, segmenter: str | None) -> None:
    pid = doc.id + "."
    header = tei("teiHeader", root)
    file_desc = tei("fileDesc", header)
    title_stmt = tei("titleStmt", file_desc)
    tei("title", title_stmt, doc.title, type="main")
    if doc.speakers:
        resp_stmt = tei("respStmt", title_stmt)
        tei("resp", resp_stmt, "speaker")
        for speaker in doc.speakers:
            tei("persName", resp_stmt, speaker.name, ref=f"#{pid}{speaker.id}")
    publication = tei("publicationStmt", file_desc)
    tei("p", publication, "Not published: a TEI encoding of the source described below, "
        "made with alinea.")
    if doc.boilerplate:
        notes = tei("notesStmt", file_desc)
        for item in doc.boilerplate:
            note = tei("note", notes, item.text, type="boilerplate", subtype=item.kind)
            if item.line is not None:
                note.set("n", str(item.line))
    bibl = tei("bibl", tei("sourceDesc", file_desc))
    tei("title", bibl, doc.title)
    if doc.outlet is not None:
        tei("orgName", bibl, doc.outlet, role="outlet")
    _date_time(bibl, doc)
    if doc.place is not None:
        tei("placeName", bibl, doc.place)
    if doc.source_url is not None:
        tei("idno", bibl, doc.source_url, type="URI")
    if doc.source_id is not None:
        tei("idno", bibl, doc.source_id, type="source")
    if doc.editions:
        tei("note", bibl, " ".join(doc.editions), type="editions")
    if doc.original_lang is not None:
        tei("note", bibl, doc.original_lang, type="original-language")

    encoding = tei("encodingDesc", header)
    application = tei("application", tei("appInfo", encoding), ident="alinea",
                      version=__version__)
    tei("label", application, "alinea")
    tei("desc", application, "Encoded from the document model by alinea.tei.build.")
    if segmenter is not None:
        tei("desc", application, segmenter, type="segmenter")
    taxonomy = tei("taxonomy", tei("classDecl", encoding), xml_id=f"{pid}roles")
    tei("desc", taxonomy, "Speaker roles (u/@ana)")
    for role in ROLES:
        category = tei("category", taxonomy, xml_id=f"{pid}role.{role}")
        tei("catDesc", category, role)

    profile = tei("profileDesc", header)
    lang_usage = tei("langUsage", profile)
    for code in _languages(doc):
        tei("language", lang_usage, language_name(code), ident=code)
    if doc.is_translation is not None:
        text_desc = tei("textDesc", profile)
        for part in _TEXT_DESC_PARTS:
            element = tei(part, text_desc)
            if part == "derivation":
                element.set("type", "translation" if doc.is_translation else "original")
    if doc.speakers:
        people = tei("listPerson", tei("particDesc", profile))
        for speaker in doc.speakers:
            person = tei("person", people, xml_id=f"{pid}{speaker.id}", role=speaker.role)
            tei("persName", person, speaker.name)
    if doc.place is not None or doc.date is not None or doc.time is not None:
        setting = tei("setting", tei("settingDesc", profile))
        if doc.place is not None:
            tei("placeName", setting, doc.place)
        _date_time(setting, doc)


def _date_time(parent: etree._Element, doc: Transcript) -> None:
    if doc.date is not None:
        date = tei("date", parent, doc.date)
        if _iso_date(doc.date):
            date.set("when", doc.date)
    if doc.time is not None:
        time = tei("time", parent, doc.time)
        when = _when_time(doc.time)
        if when is not None:
            time.set("when", when)


def _languages(doc: Transcript) -> list[str]:
    seen: dict[str, None] = {doc.lang: None}
    for paragraph in doc.paragraphs:
        if paragraph.lang:
            seen.setdefault(paragraph.lang)
    if doc.original_lang:
        seen.setdefault(doc.original_lang)
    return list(seen)


def _check_lang(code: str | None, what: str) -> None:
    if code is not None and not _LANGUAGE.match(code):
        raise TEIError(f"{what} {code!r} is not a language code (BCP 47, e.g. 'en', 'sr-Latn')")


def _check_model(doc: Transcript) -> None:
    check_ncname(doc.id, "document id")
    if not doc.lang:
        raise TEIError(f"document {doc.id} has no language: set Transcript.lang")
    _check_lang(doc.lang, f"{doc.id}: language")
    _check_lang(doc.original_lang, f"{doc.id}: original language")
    for code in doc.editions:
        _check_lang(code, f"{doc.id}: edition language")
    for paragraph in doc.paragraphs:
        _check_lang(paragraph.lang, f"{doc.id}: paragraph language")
    if doc.kind not in KINDS:
        raise TEIError(f"{doc.id}: kind {doc.kind!r} is not one of {', '.join(KINDS)}")
    for item in doc.boilerplate:
        if not _NCNAME.match(item.kind):
            raise TEIError(f"{doc.id}: boilerplate kind {item.kind!r} must be one word "
                           "(such as 'separator')")
        if item.line is not None and item.line < 1:
            raise TEIError(f"{doc.id}: boilerplate line {item.line} must be 1 or more")
    known = set()
    for speaker in doc.speakers:
        check_ncname(speaker.id, "speaker id")
        if speaker.id in known:
            raise TEIError(f"speaker id {speaker.id!r} appears twice in {doc.id}")
        if speaker.role not in ROLES:
            raise TEIError(f"speaker {speaker.id!r} has role {speaker.role!r}; "
                           f"use one of {', '.join(ROLES)}")
        known.add(speaker.id)
    for number, turn in enumerate(doc.turns, start=1):
        if turn.speaker not in known:
            raise TEIError(f"turn {number} of {doc.id} names speaker {turn.speaker!r}, who is "
                           "not in Transcript.speakers: add the speaker")


def build_tei(doc: Transcript, sentences: bool = False, segment: Segmenter | None = None,
              segmenter_signature: str | None = None) -> etree._ElementTree:
    """The TEI document for one transcript edition.

    With ``sentences=True`` every paragraph is split by ``segment(text, lang)`` (default:
    ``alinea.align.segment.segment``) and each sentence becomes ``<s xml:id>``; the
    segmenter's signature (given, or alinea's own for the default segmenter) is recorded
    in the header as ``application/desc type="segmenter"``.
    Raises ``TEIError`` when the model cannot be encoded (bad ids, unknown speakers,
    characters XML cannot hold).
    """
    _check_model(doc)
    if sentences and segment is None:
        segment = _default_segmenter()
        if segmenter_signature is None:
            from alinea.align.segment import signature

            segmenter_signature = signature(doc.lang)
    pid = doc.id + "."
    roles = {speaker.id: speaker.role for speaker in doc.speakers}
    try:
        root = tei("TEI", xml_id=doc.id, xml_lang=doc.lang)
        _header(doc, root, segmenter_signature if sentences else None)
        div = tei("div", tei("body", tei("text", root)), type=doc.kind)
        for number, turn in enumerate(doc.turns, start=1):
            u = tei("u", div, xml_id=f"{pid}u{number}", who=f"#{pid}{turn.speaker}",
                    ana=f"#{pid}role.{roles[turn.speaker]}")
            if turn.label:
                tei("note", u, turn.label, type="speaker")
            for index, paragraph in enumerate(turn.paragraphs, start=1):
                seg_id = f"{pid}seg{number}.{index}"
                seg = tei("seg", u, xml_id=seg_id)
                if paragraph.lang is not None:
                    seg.set(XML_LANG, paragraph.lang)
                if sentences and segment is not None and paragraph.text:
                    _fill_seg(seg, paragraph.text, _split(segment, paragraph, doc), seg_id)
                else:
                    seg.text = paragraph.text
    except ValueError as exc:  # lxml refuses control characters and the like
        raise TEIError(f"{doc.id}: text cannot be written as XML: {exc}") from exc
    _check_unique_ids(root, doc.id)
    indent(root)
    return etree.ElementTree(root)


def _split(segment: Segmenter, paragraph: Paragraph, doc: Transcript) -> Sequence[Sentence]:
    # A paragraph in another language is segmented by that language's rules.
    return segment(paragraph.text, paragraph.lang or doc.lang)


def edition_sentences(doc: Transcript, segment: Segmenter | None = None
                      ) -> list[tuple[str, str]]:
    """``(xml:id, text)`` of every sentence ``build_tei(doc, sentences=True)`` writes.

    Feed the texts to the aligner and its link indices are positions in this list, which
    is what ``parallel.build_corpus`` expects.
    """
    segment = segment or _default_segmenter()
    out = []
    for number, turn in enumerate(doc.turns, start=1):
        for index, paragraph in enumerate(turn.paragraphs, start=1):
            if paragraph.text:
                for k, sentence in enumerate(_split(segment, paragraph, doc), start=1):
                    out.append((f"{doc.id}.seg{number}.{index}.{k}", sentence.text))
    return out


def _check_unique_ids(root: etree._Element, doc_id: str) -> None:
    seen: set[str] = set()
    for element in root.iter():
        value = element.get(XML_ID)
        if value is None:
            continue
        if value in seen:
            raise TEIError(f"{doc_id}: xml:id {value!r} would occur twice (a speaker id "
                           "clashes with a generated id): rename the speaker")
        seen.add(value)


def indent(element: etree._Element, level: int = 0, step: str = "  ") -> None:
    """Pretty-print in place, touching whitespace only inside structural elements."""
    if element.tag not in _STRUCTURAL or len(element) == 0:
        return
    inner = "\n" + step * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1, step)
        child.tail = inner
    element[-1].tail = "\n" + step * level


def tei_bytes(tree: etree._ElementTree | etree._Element) -> bytes:
    """Serialise as UTF-8 with an XML declaration and a final newline."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


def sentence_ids(tree: etree._ElementTree | etree._Element) -> tuple[str, ...]:
    """The ``xml:id`` of every ``<s>`` in document order (what alignment links point at)."""
    return tuple(s.get(XML_ID, "") for s in tree.iter(f"{{{TEI_NS}}}s"))
