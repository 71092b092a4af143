"""``alinea corrections``: the links people corrected in an alignment, undoing the last
correction, and handing links set by hand back to the aligner."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import typer

from alinea.cli import app, counted
from alinea.align.types import Link
from alinea.cli.store import DB_OPTION, open_store
from alinea.corpus.store import Correction, StoredLink
from alinea.errors import ConflictError

if TYPE_CHECKING:
    from alinea.corpus.link_edits import CorrectionView

#: Characters of each side's text shown per link.
TEXT_WIDTH = 60


def _clip(text: str) -> str:
    return text if len(text) <= TEXT_WIDTH else text[:TEXT_WIDTH - 1].rstrip() + "…"


def format_link(sl: StoredLink, view: CorrectionView) -> str:
    """``en [0, 1] ⟷ ru [0]  manual 1.00 by Anna: text ⟷ text`` (0-based positions, as the
    API and the error messages give them)."""
    by = f" by {sl.corrected_by}" if sl.corrected_by else ""
    src = _clip(" ".join(view.src_sentences[i].text for i in sl.link.src)) or "—"
    tgt = _clip(" ".join(view.tgt_sentences[j].text for j in sl.link.tgt)) or "—"
    return (f"{view.src.lang} {list(sl.link.src)} ⟷ {view.tgt.lang} {list(sl.link.tgt)}  "
            f"{sl.origin} {sl.link.confidence:.2f}{by}: {src} ⟷ {tgt}")


def format_correction(c: Correction, view: CorrectionView) -> list[str]:
    """A correction: when and by whom, whether undone, then each link it replaced (``-``)
    and put in (``+``)."""
    head = f"#{c.id}  {c.made_at:%Y-%m-%d %H:%M} UTC"
    if c.made_by:
        head += f"  by {c.made_by}"
    if c.is_release:
        head += "  handed back to the aligner"
    if c.undone_at is not None:
        head += f"  (undone {c.undone_at:%Y-%m-%d %H:%M} UTC"
        head += f" by {c.undone_by})" if c.undone_by else ")"
    return ([head] + [f"  - {format_link(sl, view)}" for sl in c.replaced]
            + [f"  + {format_link(sl, view)}" for sl in c.added])


def format_history(view: CorrectionView) -> str:
    """Every correction, the most recent first, under a line naming the pair."""
    history = view.corrections
    pair = f"#{view.src.id} {view.src.lang} ⟷ #{view.tgt.id} {view.tgt.lang}"
    if not history:
        return f"no corrections of {pair}"
    in_effect = sum(c.in_effect for c in history)
    lines = [f"{counted(len(history), 'correction')} of {pair} "
             f"({in_effect} in effect), the most recent first:"]
    for c in history:
        lines += format_correction(c, view)
    return "\n".join(lines)


_POSITIONS = r"\s*(\d+(?:\s*,\s*\d+)*)?\s*"
_LINK = re.compile(_POSITIONS + ":" + _POSITIONS)


def parse_link(spec: str) -> Link:
    """``0,1:0`` (source positions, a colon, target positions; a side may be empty, as in
    ``3:``) as a link."""
    match = _LINK.fullmatch(spec)
    if match is None or not any(match.groups()):
        raise typer.BadParameter(f"{spec!r} is not a link: give its source and target "
                                 "sentence positions as alinea corrections lists them, "
                                 "e.g. 0,1:0 for A's sentences 0 and 1 with B's sentence "
                                 "0, or 3: for A's sentence 3 alone", param_hint="--link")

    def side(text: str | None) -> tuple[int, ...]:
        return tuple(int(p) for p in text.split(",")) if text else ()

    return Link(side(match.group(1)), side(match.group(2)))


@app.command()
def corrections(
    a: int = typer.Argument(..., metavar="A", help="A document id (see `alinea documents`)."),
    b: int = typer.Argument(..., metavar="B", help="The edition aligned with it."),
    undo: bool = typer.Option(False, "--undo", help="Undo the most recent correction still "
                              "in effect: the links it replaced come back as they were."),
    release: bool = typer.Option(False, "--release", help="Hand the links set by hand "
                                 "(or those given with --link) back to the aligner, which "
                                 "aligns the stretch they cover again."),
    link: list[str] | None = typer.Option(None, "--link", metavar="SRC:TGT", help="With "
                                          "--release: a link to hand back, by the positions "
                                          "of A's and B's sentences (0,1:0); repeatable."),
    by: str | None = typer.Option(None, "--by", help="With --undo or --release: who does it "
                                  "(kept in the history)."),
    db: str | None = DB_OPTION,
) -> None:
    """List the corrections people made to the alignment of documents A and B (in the
    viewer, through the API), the most recent first: when, by whom, the links each replaced
    (-) and put in (+). With --undo, take back the last one still in effect; run again to
    go further back. With --release, hand links set by hand back to the aligner (what to
    do when an undo is refused because a re-alignment redid the links around them); the
    history keeps it, and --undo takes it back. Exit code 1 when there is nothing to undo
    or hand back, or it cannot be done.
    """
    from alinea.corpus.link_edits import correction_history, release_links, undo_correction

    if undo and release:
        raise typer.BadParameter("give --undo or --release, not both", param_hint="--undo")
    if link and not release:
        raise typer.BadParameter("--link names links to hand back: add --release",
                                 param_hint="--link")
    named = [parse_link(spec) for spec in link] if link else None
    with open_store(db) as store:
        if release:
            try:
                view = release_links(store, a, b, named, by=by)
            except ConflictError as exc:
                typer.echo(str(exc), err=True)
                raise typer.Exit(1) from None
            (released,) = view.corrections
            typer.echo(f"handed back to the aligner as correction #{released.id} (--undo "
                       "takes it back): the links marked + are the aligner's, in place of "
                       "those marked -")
            typer.echo("\n".join(format_correction(released, view)))
            return
        if not undo:
            typer.echo(format_history(correction_history(store, a, b)))
            return
        try:
            view = undo_correction(store, a, b, by=by)
        except ConflictError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
        (undone,) = view.corrections
        typer.echo(f"undid correction #{undone.id}: the links marked - are back in place "
                   "of those marked +")
        typer.echo("\n".join(format_correction(undone, view)))
