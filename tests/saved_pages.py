"""Saved web pages of text transcripts, as tests of the readers and the store need them."""

from __future__ import annotations

import html


def html_page_of(raw: bytes) -> bytes:
    """The page a browser or an editor saves for a text transcript: a menu, the title as the
    article's heading, one ``<p>`` a line (runs of spaces and no-break spaces shown as one
    space), a copyright footer."""
    lines = [line.strip() for line in raw.decode("utf-8-sig").split("\n") if line.strip()]
    title, body = lines[0], lines[1:]
    parts = ["<!DOCTYPE html>", "<html><head><meta charset='utf-8'>",
             f"<title>{html.escape(title)} | MFA</title></head><body>",
             "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>",
             "<article>", f"<h1>{html.escape(title)}</h1>"]
    parts += [f"<p>{html.escape(line)}</p>" for line in body]
    parts += ["</article>", "<footer>© 2005–2019 Ministry of Foreign Affairs</footer>", "</body></html>"]
    return "\n".join(parts).encode("utf-8")
