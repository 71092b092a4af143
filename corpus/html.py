"""HTML pages to the line layout the text readers understand (one block element a line)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alinea.corpus.boilerplate import is_translation_switch
from alinea.errors import UnknownLayoutError

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section",
           "article", "header", "footer", "blockquote", "dd", "dt", "title", "hr", "ul", "ol",
           "table", "main", "nav", "aside", "pre"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


_CELLS = {"td", "th"}
# Bold that ends in a colon is a speaker label; the page may glue the text to it
# ("<strong>Sergey Lavrov:</strong>Contacts"), which the bold alone keeps apart on screen.
_EMPHASIS = {"b", "strong"}
# What separates the items of a menu ("Home | News · About"), besides spaces.
_MENU_PUNCTUATION = set("|·•/»>-–—,;")


@dataclass(frozen=True)
class HtmlPage:
    """An HTML page as the text readers see it: ``text`` one block element a line, and
    ``url`` the address the page gives as its own (``rel="canonical"`` or ``og:url``).
    ``source_lines`` holds, for each line of ``text``, the line of the page it comes from."""

    text: str
    url: str | None
    source_lines: tuple[int | None, ...] = ()

    def source_line(self, line: int | None) -> int | None:
        """The page's line for ``line`` of ``text`` (1-based), so that a message about the
        text names the line a user finds in the file; past the text, its last line's."""
        if line is None or not self.source_lines:
            return line
        known = [n for n in self.source_lines[:max(line, 1)] if n is not None]
        return known[-1] if known else line


def read_html(html: str, path: str | Path) -> HtmlPage:
    """The visible text of an HTML page, one line per block element, title first: the
    page's ``<h1>`` (its article's, not the site's logo), else its ``<title>``; and the
    page's own URL when it gives one.

    Scripts and styles are not text and are left out, and so are blocks made only of
    links (menus, "related" lists: a transcript's text is never all links); everything
    else visible is kept, so the readers' boilerplate rules see the rest of the page
    furniture and set it aside. Table cells are kept apart by `` | ``.
    """
    from lxml import etree, html as lxml_html

    parser = lxml_html.HTMLParser(no_network=True, huge_tree=True, remove_comments=True,
                                  remove_pis=True)
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnknownLayoutError(f"cannot parse HTML: {exc}", path) from exc
    lines: list[str] = []
    where: list[int | None] = []  # the page's line of each of lines
    title_element = root.find(".//title")
    title = title_element.text if title_element is not None else None
    h1 = _heading(root)
    heading = " ".join((h1.text_content() or "").split()) if h1 is not None else ""
    if heading:
        lines.append(heading)
        where.append(h1.sourceline)
    elif title and title.strip():
        lines.append(title.strip())
        where.append(title_element.sourceline)
    current: list[str] = []
    started: list[int | None] = [None]  # the page's line where the current line's text starts

    def add(text: str, element) -> None:  # type: ignore[no-untyped-def]
        if started[0] is None and text.strip():
            started[0] = element.sourceline
        current.append(text)

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
            where.append(started[0])
        current.clear()
        started[0] = None

    body = root.find("body")
    start = body if body is not None else root
    left_out = _links_only_blocks(start)
    # Walked with events rather than recursion: layout tables nest deeper than Python's
    # recursion limit on some sites.
    walker = etree.iterwalk(start, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        skipped = tag in _SKIP or (heading and element is h1) or element in left_out
        if event == "start":
            if skipped:
                walker.skip_subtree()
                continue
            if tag in _BLOCKS:
                flush()
            if tag in _CELLS and "".join(current).strip():
                current.append(" | ")
            if element.text:
                add(element.text, element)
            continue
        if tag in _BLOCKS and not skipped:
            flush()
        if element.tail and element is not start:
            if tag in _EMPHASIS and not element.tail[0].isspace() \
                    and "".join(current).rstrip().endswith(":"):
                current.append(" ")
            add(element.tail, element)
    flush()
    return HtmlPage("\n".join(lines) + "\n", _own_url(root), tuple(where))


def _heading(root):  # type: ignore[no-untyped-def]
    """The page's title heading: the first ``<h1>`` of its ``<article>`` or ``<main>``, else
    the first outside its ``<header>``, ``<nav>`` and ``<footer>`` (where sites put their
    logo or name as an ``<h1>``), else the first."""
    found = root.xpath("//article//h1 | //main//h1")
    if found:
        return found[0]
    outside = root.xpath("//h1[not(ancestor::header or ancestor::nav or ancestor::footer)]")
    if outside:
        return outside[0]
    return root.find(".//h1")


def _own_url(root) -> str | None:  # type: ignore[no-untyped-def]
    """The absolute http(s) URL a page declares as its own, canonical link first."""
    for found in (root.xpath("//link[@href and contains(concat(' ', "
                             "translate(@rel, 'CANONICAL', 'canonical'), ' '), ' canonical ')]/@href"),
                  root.xpath("//meta[@property='og:url']/@content")):
        for url in found:
            url = url.strip()
            if url.lower().startswith(("http://", "https://")):
                return url
    return None


def _links_only_blocks(start) -> set:  # type: ignore[no-untyped-def]
    """The block elements under ``start`` whose visible text is all inside links (menu
    separators aside), found in one pass from the leaves up."""
    elements = list(start.iter())
    has_link: dict = {}
    text_outside: dict = {}  # some text outside any link within the element

    def stray(text: str | None) -> bool:
        return bool(text) and not all(ch.isspace() or ch in _MENU_PUNCTUATION for ch in text)

    for element in reversed(elements):  # every element after all its descendants
        children = list(element)
        if element.tag == "a":
            has_link[element], text_outside[element] = True, False
            continue
        has_link[element] = any(has_link[c] for c in children)
        text_outside[element] = stray(element.text) or any(
            text_outside[c] or stray(c.tail) for c in children)
    # The "Translation (original)" switch is a link too, but it tells what the page is.
    return {e for e in elements if isinstance(e.tag, str) and e.tag in _BLOCKS
            and has_link[e] and not text_outside[e]
            and not is_translation_switch(" ".join(e.text_content().split()))}
