"""TEI written by ``build`` → the document model, losslessly.

The reader follows ``build``'s layout (see its docstring) and refuses anything else with a
``TEIError`` that names the file and line: it reads alinea's TEI, not TEI in general.
Paragraph text is the concatenation of every text node inside the ``seg``, so sentence
markup (``<s>``) and the whitespace kept between sentences give the paragraph back exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from alinea.corpus.model import KINDS, ROLES, Boilerplate, Paragraph, Speaker, Transcript, Turn
from alinea.errors import TEIError
from alinea.tei.build import TEI_NS, XML_ID, XML_LANG
from alinea.tei.safe_xml import parse_xml

__all__ = ["parse_tei", "read_tei"]

_NS = {"t": TEI_NS}
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")  # xsd:language, as build checks it


def _q(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


class _Reader:
    def __init__(self, root: etree._Element, where: str | None):
        self.root = root
        self.where = where

    def fail(self, message: str, element: etree._Element | None = None) -> TEIError:
        line = element.sourceline if element is not None else None
        return TEIError(message, self.where, line)

    def one(self, context: etree._Element, path: str) -> etree._Element:
        found = context.xpath(path, namespaces=_NS)
        if len(found) != 1:
            raise self.fail(f"expected exactly one {path} in <{etree.QName(context).localname}>,"
                            f" found {len(found)}", context)
        return found[0]

    def optional(self, context: etree._Element, path: str) -> etree._Element | None:
        found = context.xpath(path, namespaces=_NS)
        if len(found) > 1:
            raise self.fail(f"expected at most one {path}, found {len(found)}", found[1])
        return found[0] if found else None

    def text(self, context: etree._Element, path: str) -> str | None:
        element = self.optional(context, path)
        if element is None:
            return None
        if len(element):
            raise self.fail(f"<{etree.QName(element).localname}> must hold text only", element)
        return element.text or ""

    def strip(self, value: str, prefix: str, element: etree._Element) -> str:
        if not value.startswith(prefix):
            raise self.fail(f"id or pointer {value!r} does not start with {prefix!r}", element)
        return value[len(prefix):]


def parse_tei(tree: etree._ElementTree | etree._Element, path: str | Path | None = None
              ) -> Transcript:
    """The ``Transcript`` encoded by an alinea TEI document (``path`` names it in errors)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    reader = _Reader(root, str(path) if path is not None else None)
    if root.tag == _q("teiCorpus"):
        raise reader.fail("this is a teiCorpus of several editions: read its edition files "
                          "(its xi:include hrefs) one by one", root)
    if root.tag != _q("TEI"):
        name = etree.QName(root)
        raise reader.fail(f"root element is <{name.localname}> in namespace "
                          f"{name.namespace or '(none)'}; alinea reads TEI P5 <TEI> documents",
                          root)
    doc_id = root.get(XML_ID)
    lang = root.get(XML_LANG)
    if not doc_id or not lang:
        raise reader.fail("<TEI> needs xml:id and xml:lang", root)
    if not _LANGUAGE.match(lang):
        raise reader.fail(f"xml:lang {lang!r} is not a language code (BCP 47, e.g. 'en')", root)
    pid = doc_id + "."

    header = reader.one(root, "t:teiHeader")
    file_desc = reader.one(header, "t:fileDesc")
    title = reader.text(file_desc, "t:titleStmt/t:title[@type='main']")
    if title is None:
        raise reader.fail("titleStmt has no <title type=\"main\">", file_desc)
    bibl = reader.one(file_desc, "t:sourceDesc/t:bibl")

    boilerplate = []
    for note in file_desc.xpath("t:notesStmt/t:note[@type='boilerplate']", namespaces=_NS):
        line = note.get("n")
        try:
            number = int(line) if line is not None else None
        except ValueError:
            raise reader.fail(f"boilerplate note n={line!r} is not a line number", note) from None
        boilerplate.append(Boilerplate(text=note.text or "", kind=note.get("subtype", "other"),
                                       line=number))

    speakers = []
    for person in header.xpath("t:profileDesc/t:particDesc/t:listPerson/t:person",
                               namespaces=_NS):
        speaker_id = reader.strip(person.get(XML_ID, ""), pid, person)
        name = reader.text(person, "t:persName")
        role = person.get("role", "speaker")
        if role not in ROLES:
            raise reader.fail(f"person role {role!r} is not one of {', '.join(ROLES)}", person)
        speakers.append(Speaker(id=speaker_id, name=name or "", role=role))
    known = {speaker.id for speaker in speakers}

    editions = reader.text(bibl, "t:note[@type='editions']")
    is_translation = _is_translation(reader, header, bibl)

    div = reader.one(root, "t:text/t:body/t:div")
    if div.get("type", "other") not in KINDS:
        raise reader.fail(f"div type {div.get('type')!r} is not a kind alinea knows "
                          f"({', '.join(KINDS)})", div)
    turns = []
    for u in div:
        if not isinstance(u.tag, str):
            continue  # comments, processing instructions
        if u.tag != _q("u"):
            raise reader.fail(f"unexpected <{etree.QName(u).localname}> in the body div", u)
        turn = _turn(reader, u, pid)
        if turn.speaker not in known:
            # A hand-edited file: the turn would reach the store with no one speaking it.
            raise reader.fail(f"<u> who=\"{u.get('who')}\" names no <person> of the "
                              "header's listPerson", u)
        turns.append(turn)

    return Transcript(
        id=doc_id,
        title=title,
        lang=lang,
        turns=tuple(turns),
        speakers=tuple(speakers),
        date=reader.text(bibl, "t:date"),
        time=reader.text(bibl, "t:time"),
        place=reader.text(bibl, "t:placeName"),
        kind=div.get("type", "other"),
        outlet=reader.text(bibl, "t:orgName[@role='outlet']"),
        original_lang=reader.text(bibl, "t:note[@type='original-language']"),
        is_translation=is_translation,
        editions=tuple(editions.split()) if editions is not None else (),
        source_url=reader.text(bibl, "t:idno[@type='URI']"),
        source_id=reader.text(bibl, "t:idno[@type='source']"),
        boilerplate=tuple(boilerplate),
    )


_DERIVATIONS = {"original": False, "translation": True}


def _is_translation(reader: _Reader, header: etree._Element, bibl: etree._Element
                    ) -> bool | None:
    """``textDesc/derivation/@type``; in files written before alinea used it, the
    ``sourceDesc/bibl/note type="translation"`` (``yes``/``no``) said the same."""
    derivation = reader.optional(header, "t:profileDesc/t:textDesc/t:derivation")
    if derivation is not None:
        if derivation.get("type") not in _DERIVATIONS:
            raise reader.fail(f"derivation type must be original or translation, not "
                              f"{derivation.get('type')!r}", derivation)
        return _DERIVATIONS[derivation.get("type")]
    translation = reader.text(bibl, "t:note[@type='translation']")
    if translation not in (None, "yes", "no"):
        raise reader.fail(f"translation note must be yes or no, not {translation!r}", bibl)
    return None if translation is None else translation == "yes"


def _turn(reader: _Reader, u: etree._Element, pid: str) -> Turn:
    who = u.get("who")
    if not who or not who.startswith("#"):
        raise reader.fail("<u> needs who=\"#ID\"", u)
    speaker = reader.strip(who[1:], pid, u)
    label = ""
    paragraphs = []
    for child in u:
        if not isinstance(child.tag, str):
            continue
        if child.tag == _q("note") and child.get("type") == "speaker" and not paragraphs:
            label = child.text or ""
        elif child.tag == _q("seg"):
            for inner in child.iter():
                if inner is not child and inner.tag != _q("s"):
                    raise reader.fail("<seg> may hold only text and <s>", inner)
            lang = child.get(XML_LANG)
            if lang is not None and not _LANGUAGE.match(lang):
                raise reader.fail(f"xml:lang {lang!r} is not a language code (BCP 47, e.g. 'en')",
                                  child)
            paragraphs.append(Paragraph(text="".join(child.itertext()), lang=lang))
        else:
            raise reader.fail(f"unexpected <{etree.QName(child).localname}> in <u>", child)
    return Turn(speaker=speaker, paragraphs=tuple(paragraphs), label=label)


def read_tei(path: str | Path) -> Transcript:
    """Read an alinea TEI file safely (no DTDs, no entities) into a ``Transcript``."""
    return parse_tei(parse_xml(path), path)
