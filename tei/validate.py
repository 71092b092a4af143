"""Validating TEI: against RelaxNG schemas, and for what schemas cannot check.

Like ParlaMint, alinea validates twice: against its own customisation (``schema/alinea.rng``,
which pins down what alinea emits) and against full TEI P5 (``tei_all.rng``, passed in by
path: it is not shipped). Beyond the schemas, ``check_references`` makes sure every
``xml:id`` is unique and every pointer (``who``, ``ana``, ``ref``, link targets, ``ptr`` and
``corresp`` to files) resolves. A ``teiCorpus`` is validated with its ``xi:include``s
expanded; includes are resolved by alinea itself, from local files next to the corpus root
only, never through the network.

Every finding is a line ``FILE:LINE: message``.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from lxml import etree

from alinea.errors import SchemaError, TEIError
from alinea.tei.build import TEI_NS, XML_ID
from alinea.tei.safe_xml import parse_xml, parse_xml_bytes

__all__ = [
    "Schema", "alinea_schema", "load_schema", "expand_includes", "check_references",
    "validate_tree", "validate_file", "assert_valid",
]

XI_INCLUDE = "{http://www.w3.org/2001/XInclude}include"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"

#: Finds a document by the name it is referred to with (an href or a pointer's file part).
Loader = Callable[[str], etree._ElementTree]


@dataclass(frozen=True)
class Schema:
    """A compiled RelaxNG schema and the short name findings are labelled with."""

    name: str
    relaxng: etree.RelaxNG

    def findings(self, tree: etree._ElementTree, where: str) -> list[str]:
        """``FILE:LINE: [name] message`` for every error; empty when valid."""
        if self.relaxng.validate(tree):
            return []
        return [f"{where}:{error.line}: [{self.name}] {error.message}"
                for error in self.relaxng.error_log]


def load_schema(path: str | Path, name: str | None = None) -> Schema:
    """Compile a RelaxNG (XML syntax) schema once per process; ``SchemaError`` if unusable.

    ``name`` labels findings (default: the file's stem). Compiling tei_all.rng takes lxml
    about 10 s, hence the cache, keyed by the resolved path.
    """
    path = Path(path)
    return Schema(name or path.stem, _compile(path.resolve()))


@functools.lru_cache(maxsize=8)
def _compile(path: Path) -> etree.RelaxNG:
    try:
        # The schema is trusted input we chose, but it goes through the safe parser anyway.
        return etree.RelaxNG(parse_xml(path))
    except etree.RelaxNGParseError as exc:
        raise SchemaError(f"not a usable RelaxNG schema: {exc}", path) from exc
    except TEIError as exc:
        raise SchemaError(f"cannot read schema: {exc.message} (give a RelaxNG .rng file; "
                          "convert .rnc with trang)", path, exc.line) from exc


@dataclass(frozen=True)
class _AlineaSchema(Schema):
    """alinea.rng, with one compiled grammar per kind of document.

    libxml2 reports errors against a choice of document kinds poorly (every alternative
    fails somewhere), so each document is checked against the one kind its root says it is.
    """

    kinds: tuple[tuple[str, etree.RelaxNG], ...] = ()

    def findings(self, tree: etree._ElementTree, where: str) -> list[str]:
        root = tree.getroot()
        if root.tag == f"{{{TEI_NS}}}teiCorpus":
            kind = "corpus"
        elif root.find(f"{{{TEI_NS}}}standOff") is not None:
            kind = "alignment"
        else:
            kind = "edition"
        relaxng = dict(self.kinds)[kind]
        return Schema(self.name, relaxng).findings(tree, where)


@functools.lru_cache(maxsize=1)
def alinea_schema() -> Schema:
    """alinea's own TEI customisation, shipped in the package."""
    rng = "{http://relaxng.org/ns/structure/1.0}"
    with resources.as_file(resources.files("alinea.tei") / "schema" / "alinea.rng") as path:
        whole = load_schema(path, "alinea")
        grammar = parse_xml(path)
    kinds = []
    for kind in ("edition", "alignment", "corpus"):
        variant = copy.deepcopy(grammar)
        start = variant.getroot().find(f"{rng}start")
        start[:] = [etree.Element(f"{rng}ref", name=kind)]
        kinds.append((kind, etree.RelaxNG(variant)))
    return _AlineaSchema(whole.name, whole.relaxng, tuple(kinds))


def _disk_loader(base: Path) -> Loader:
    """Loads documents that sit next to ``base`` (or below it); nothing else."""
    root = base.resolve()

    @functools.lru_cache(maxsize=64)
    def load(href: str) -> etree._ElementTree:
        relative = PurePosixPath(href)
        if ("://" in href or href.startswith("/") or ".." in relative.parts
                or not href):
            raise TEIError(f"refusing to load {href!r}: only files in the same folder are "
                           "followed")
        return parse_xml(root / relative)

    return load


def expand_includes(tree: etree._ElementTree, load: Loader, where: str = "<tree>"
                    ) -> etree._ElementTree:
    """A copy of ``tree`` with each ``xi:include href`` replaced by the document it names.

    Included roots get ``xml:base`` (as XInclude 1.0 asks), so relative pointers inside
    them keep their meaning. Only ``href`` includes of whole XML documents are supported.
    """
    result = copy.deepcopy(tree)
    for include in list(result.iter(XI_INCLUDE)):
        href = include.get("href", "")
        if include.get("parse", "xml") != "xml" or include.get("xpointer"):
            raise TEIError("only whole-document XML includes are supported", where,
                           include.sourceline)
        try:
            included = copy.deepcopy(load(href).getroot())
        except TEIError as exc:
            raise TEIError(f"xi:include {href}: {exc}", where, include.sourceline) from exc
        included.set(XML_BASE, href)
        included.tail = include.tail
        include.getparent().replace(include, included)
    return result


def _pointers(element: etree._Element) -> Iterable[tuple[str, str]]:
    for attribute in ("who", "ana", "ref", "target", "corresp"):
        value = element.get(attribute)
        if value:
            for pointer in value.split():
                yield attribute, pointer


def check_references(tree: etree._ElementTree, where: str = "<tree>",
                     load: Loader | None = None) -> list[str]:
    """Duplicate ids and dangling pointers, as ``FILE:LINE: message`` findings.

    ``#id`` pointers must name an element of this document; ``file.xml#id`` pointers an
    element of that file, found with ``load`` (a plain ``file.xml`` must exist). Without
    ``load``, pointers into other files are reported as unresolvable. Alignment links must
    point at sentences (``<s>``), or at an edition's ``<TEI>`` for the empty side of a
    1-0/0-1 bead.
    """
    findings: list[str] = []
    ids: dict[str, etree._Element] = {}
    for element in tree.iter():
        value = element.get(XML_ID) if isinstance(element.tag, str) else None
        if value is None:
            continue
        if value in ids:
            findings.append(f"{where}:{element.sourceline}: xml:id {value!r} is also used on "
                            f"line {ids[value].sourceline}")
        else:
            ids[value] = element
    resolver = _Resolver(ids, load)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, pointer in _pointers(element):
            problem, target = resolver.resolve(pointer, element)
            if problem is None and target is not None and element.tag == _LINK:
                kind = etree.QName(target).localname
                if kind not in ("s", "TEI"):
                    problem = f"an alignment link must point at <s>, not <{kind}>"
            if problem:
                findings.append(f"{where}:{element.sourceline}: @{attribute} {pointer}: "
                                f"{problem}")
    return findings


_LINK = f"{{{TEI_NS}}}link"


class _Resolver:
    """Finds the element a pointer names, indexing each other file's ids once."""

    def __init__(self, ids: dict[str, etree._Element], load: Loader | None):
        self.ids = ids
        self.load = load
        self.files: dict[str, dict[str, etree._Element] | str] = {}

    def _index(self, name: str) -> dict[str, etree._Element] | str:
        if name not in self.files:
            assert self.load is not None
            try:
                other = self.load(name)
            except TEIError as exc:
                self.files[name] = f"cannot load {name}: {exc.message}"
            else:
                self.files[name] = {e.get(XML_ID): e for e in other.iter()
                                    if isinstance(e.tag, str) and e.get(XML_ID) is not None}
        return self.files[name]

    def resolve(self, pointer: str, element: etree._Element
                ) -> tuple[str | None, etree._Element | None]:
        if "://" in pointer or pointer.startswith(("mailto:", "urn:")):
            return None, None  # web addresses (idno, ref to a page) are not ours to check
        document, _, fragment = pointer.partition("#")
        base = _base_of(element)
        if not document and not base:
            if fragment in self.ids:
                return None, self.ids[fragment]
            return "no element has this xml:id", None
        target_file = _join(base, document) if document else base
        if self.load is None:
            return "points into another file, which was not checked", None
        index = self._index(target_file)
        if isinstance(index, str):
            return index, None
        if not fragment:
            return None, None
        if fragment not in index:
            return f"{target_file} has no element with xml:id {fragment!r}", None
        return None, index[fragment]


def _base_of(element: etree._Element) -> str:
    """The xml:base in scope (set on roots included into a teiCorpus), or ''."""
    node: etree._Element | None = element
    while node is not None:
        base = node.get(XML_BASE)
        if base is not None:
            return base
        node = node.getparent()
    return ""


def _join(base: str, document: str) -> str:
    if not base:
        return document
    parent = PurePosixPath(base).parent
    return str(parent / document) if str(parent) != "." else document


def validate_tree(tree: etree._ElementTree, schemas: Sequence[Schema], where: str = "<tree>",
                  load: Loader | None = None) -> list[str]:
    """Every finding for one document: each schema, then ids and pointers.

    A ``teiCorpus`` with ``xi:include``s is expanded first (with ``load``); schema
    findings then refer to the expanded document, so each included file is also validated
    on its own to give line numbers in the file that needs fixing.
    """
    findings: list[str] = []
    if next(tree.iter(XI_INCLUDE), None) is not None:
        if load is None:
            return [f"{where}:1: xi:include cannot be followed without a loader"]
        for include in tree.iter(XI_INCLUDE):
            href = include.get("href", "")
            try:
                member = load(href)
            except TEIError as exc:
                findings.append(f"{where}:{include.sourceline}: xi:include {href}: "
                                f"{exc.message}")
                continue
            findings += validate_tree(member, schemas, href, load)
        if findings:
            return findings
        expanded = expand_includes(tree, load, where)
        # Reparse so error line numbers are those of the expanded document, not 0.
        expanded = parse_xml_bytes(etree.tostring(expanded), where)
        for schema in schemas:
            findings += schema.findings(expanded, f"{where} (expanded)")
        findings += check_references(expanded, f"{where} (expanded)", load)
        return findings
    for schema in schemas:
        findings += schema.findings(tree, where)
    findings += check_references(tree, where, load)
    return findings


def validate_file(path: str | Path, schemas: Sequence[Schema]) -> list[str]:
    """Findings for one file on disk; includes and pointers follow files in its folder."""
    path = Path(path)
    tree = parse_xml(path)
    load = _disk_loader(path.parent)
    findings = validate_tree(tree, schemas, str(path), load)
    # Files named relative to the folder are reported with the folder in front.
    prefix = str(path.parent)
    return [f if f.startswith(str(path)) or prefix in ("", ".") else f"{prefix}/{f}"
            for f in findings]


def assert_valid(tree: etree._ElementTree, schemas: Sequence[Schema], where: str = "<tree>",
                 load: Loader | None = None) -> None:
    """Raise ``SchemaError`` holding every finding, unless ``tree`` is valid."""
    findings = validate_tree(tree, schemas, where, load)
    if findings:
        raise SchemaError(f"{len(findings)} problem(s), first: {findings[0]}", where,
                          messages=findings)

