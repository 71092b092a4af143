"""Parsing XML that may come from anywhere, without trusting it.

alinea never emits a DOCTYPE, so any document type declaration in input is refused outright
(``UnsafeXMLError``): that closes external entities (XXE), entity-expansion bombs ("billion
laughs") and DTD fetching in one rule. The lxml parser is also configured never to resolve
entities, load DTDs or touch the network, so nothing is expanded or fetched even while the
refusal is being decided. XInclude is never processed by the parser; ``parallel`` resolves
its own includes, local files only.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from alinea.errors import TEIError, UnsafeXMLError

__all__ = ["parse_xml", "parse_xml_bytes"]


def _parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers keep error logs and are not thread-safe.
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,  # whitespace between <s> elements is text we must keep
        remove_comments=False,
        remove_pis=False,
        collect_ids=False,  # duplicate xml:ids are reported by validate, not fatal here
    )


def _check(tree: etree._ElementTree, where: str | None) -> etree._ElementTree:
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXMLError(
            "document type declarations (DOCTYPE, ENTITY) are not accepted; "
            "alinea's TEI never needs one: remove the DOCTYPE", where, 1)
    for node in tree.iter(etree.Entity):
        raise UnsafeXMLError(f"entity reference &{node.name}; is not accepted", where,
                             node.sourceline)
    return tree


def parse_xml_bytes(data: bytes, path: str | Path | None = None) -> etree._ElementTree:
    """Parse ``data`` safely; ``path`` only names the source in error messages (and base URL)."""
    where = str(path) if path is not None else None
    # Refuse before libxml2 builds any entity table. A false alarm needs the string inside a
    # comment or CDATA section, which alinea never writes; UTF-16 input that slips past the
    # byte search is still caught by _check, and the parser expands nothing meanwhile.
    for marker in (b"<!DOCTYPE", b"<!ENTITY"):
        at = data.find(marker)
        if at >= 0:
            raise UnsafeXMLError(
                "document type declarations (DOCTYPE, ENTITY) are not accepted; "
                "alinea's TEI never needs one: remove the DOCTYPE", where,
                data.count(b"\n", 0, at) + 1)
    try:
        root = etree.fromstring(data, _parser(), base_url=where)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise TEIError(f"not well-formed XML: {exc.msg}", where, line) from exc
    return _check(root.getroottree(), where)


def parse_xml(source: str | Path | bytes) -> etree._ElementTree:
    """Parse a file path (str or Path) or bytes safely; raises ``TEIError``/``UnsafeXMLError``."""
    if isinstance(source, bytes):
        return parse_xml_bytes(source)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TEIError(f"cannot read file: {exc.strerror}", path) from exc
    return parse_xml_bytes(data, path)
