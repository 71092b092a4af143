"""``alinea concordance``: the parallel concordance of the store, as KWIC lines."""

from __future__ import annotations

import typer

from alinea.cli import DATE_FROM_OPTION, DATE_TO_OPTION, KIND_OPTION, app
from alinea.cli.store import DB_OPTION, open_store
from alinea.corpus.concordance import KwicLine


def format_kwic(line: KwicLine, width: int) -> str:
    """A KWIC line with its left context right-aligned to ``width`` characters, so the
    matches stand in one column; then each aligned sentence on a line of its own with
    its language and confidence."""
    head = f"#{line.sentence.document_id} {line.lang}"
    text = f"{line.left:>{width}}[{line.match}]{line.right}".rstrip()
    out = [f"{head}  {text}"]
    for c in line.counterparts:
        marker = " (by hand)" if c.origin == "manual" else ""
        out.append(f"{' ' * len(head)}  ↳ {c.lang} {c.confidence:.2f}{marker}  {c.sentence.text}")
    return "\n".join(out)


def tsv_row(line: KwicLine) -> str:
    """document id, sentence id, language, left, match, right, then per aligned sentence
    its language, confidence and text; tabs and newlines in text become spaces."""
    def clean(text: str) -> str:
        return " ".join(text.split("\t")).replace("\n", " ")

    cells = [str(line.sentence.document_id), str(line.sentence.id), line.lang,
             clean(line.left), clean(line.match), clean(line.right)]
    for c in line.counterparts:
        cells += [c.lang, f"{c.confidence:.3f}", clean(c.sentence.text)]
    return "\t".join(cells)


@app.command()
def concordance(
    query: str = typer.Argument(..., help='Words (all must match), prefix* or "a phrase".'),
    lang: str | None = typer.Option(None, "--lang", help="Only sentences in this language."),
    target_lang: str | None = typer.Option(None, "--target-lang",
                                           help="Show the sentences aligned with each "
                                           "match in this language."),
    kind: str | None = KIND_OPTION,
    date_from: str | None = DATE_FROM_OPTION,
    date_to: str | None = DATE_TO_OPTION,
    speaker: str | None = typer.Option(None, "--speaker", help="Only what a speaker whose "
                                       "name contains this (any case), or of this id, says."),
    limit: int = typer.Option(50, "--limit", min=1, max=1000, help="Most lines to show."),
    width: int = typer.Option(40, "--width", min=0, max=1000,
                              help="Characters of context each side."),
    tsv: bool = typer.Option(False, "--tsv", help="Tab-separated lines instead (document, "
                             "sentence, language, left, match, right, then language, "
                             "confidence and text of each aligned sentence)."),
    db: str | None = DB_OPTION,
) -> None:
    """Find a word or phrase in the corpus: each matching sentence as a KWIC line (left
    context, [match], right context), with --target-lang the sentences aligned with it.
    The API's GET /concordance and the viewer's search give the same lines."""
    from alinea.corpus.concordance import DocumentFilter
    from alinea.corpus.concordance import concordance as find

    filters = DocumentFilter(lang=lang, kind=kind, date_from=date_from, date_to=date_to,
                             speaker=speaker)
    with open_store(db) as store:
        page = find(store, query, filters, target=target_lang, limit=limit, width=width)
    for line in page.lines:
        typer.echo(tsv_row(line) if tsv else format_kwic(line, width))
    if not page.lines:
        typer.echo(f"no sentence matches {query!r}", err=True)
    elif page.next_cursor is not None:
        typer.echo(f"first {len(page.lines)} lines; --limit shows more", err=True)
