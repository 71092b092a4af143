"""HTML pages to the line layout the text readers understand (one block element a line)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alinea.errors import UnknownLayoutError

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section",
           "article", "header", "footer", "blockquote", "dd", "dt", "title", "hr", "ul", "ol",
           "table", "main", "nav", "aside", "pre"}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


_CELLS = {"td", "th"}
# What separates the items of a menu ("Home | News · About"), besides spaces.
_MENU_PUNCTUATION = set("|·•/»>-–—,;")


@dataclass(frozen=True)
class HtmlPage:
    """An HTML page as the text readers see it: ``text`` one block element a line, and
    ``url`` the address the page gives as its own (``rel="canonical"`` or ``og:url``)."""

    text: str
    url: str | None


def read_html(html: str, path: str | Path) -> HtmlPage:
    """The visible text of an HTML page, one line per block element, title first: the
    page's ``<h1>``, else its ``<title>``; and the page's own URL when it gives one.

    Scripts and styles are not text and are left out, and so are blocks made only of
    links (menus, "related" lists: a transcript's text is never all links); everything
    else visible is kept, so the readers' boilerplate rules see the rest of the page
    furniture and set it aside. Table cells are kept apart by `` | ``.
    """
    from lxml import etree, html as lxml_html

    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnknownLayoutError(f"cannot parse HTML: {exc}", path) from exc
    lines: list[str] = []
    title = root.findtext(".//title")
    h1 = root.find(".//h1")
    heading = " ".join((h1.text_content() or "").split()) if h1 is not None else ""
    if heading:
        lines.append(heading)
    elif title and title.strip():
        lines.append(title.strip())
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        left_out = tag in _SKIP or (heading and element is h1) or (
            tag in _BLOCKS and _links_only(element))
        if left_out:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if tag in _CELLS and "".join(current).strip():
            current.append(" | ")
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return HtmlPage("\n".join(lines) + "\n", _own_url(root))


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


def _links_only(element) -> bool:  # type: ignore[no-untyped-def]
    """A block whose visible text is all inside links (menu separators aside)."""
    if element.find(".//a") is None:
        return False
    outside = "".join(element.xpath(".//text()[not(ancestor::a)]"))
    return all(ch.isspace() or ch in _MENU_PUNCTUATION for ch in outside)
