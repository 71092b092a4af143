"""``alinea align SRC TGT`` (two files or two stored documents) and ``alinea eval``.

``alinea align --all`` (every pending pair of the store) runs the store's batch
(``alinea.cli.store.align_pending``): both forms live under one command.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import typer

from alinea.align.blocks import Place
from alinea.cli import ENCODING_OPTION, app
from alinea.cli.store import DB_OPTION
from alinea.errors import AlignError, InputError, LanguageError

_DOC_ID = re.compile(r"^#?(\d+)$")


def load_side(arg: str, lang: str | None, sentences_per_line: bool, db: str | None,
              lang_option: str, encoding: str | None = None
              ) -> tuple[list[str], list[Place] | None, str]:
    """Sentences, their places (paragraph, turn) and language of one side: a file (in
    ``encoding``, see :func:`alinea.align.formats.read_text`), or ``#ID`` of the store.
    ``alinea align`` and ``alinea compare`` read their editions through this."""
    from alinea.corpus.language import SHORT_TEXT, edition_language, normalise_language

    m = _DOC_ID.match(arg)
    if m and not Path(arg).exists():
        from alinea.cli.store import open_store

        with open_store(db) as store:
            info = store.document(int(m.group(1)))
            sentences, places = store.alignment_input(info.id)
        stored = normalise_language(info.lang)
        if lang and normalise_language(lang) != stored:
            raise LanguageError(f"stored document #{info.id} is in '{stored}', not "
                                f"'{lang}': drop {lang_option} or pick another document")
        return sentences, places, stored

    from alinea.align.formats import read_sentences, read_text

    text = read_text(arg, encoding)
    parameter = lang_option.removeprefix("--")  # what a LanguageError asks for
    if lang:
        code = normalise_language(lang)
        # Only a text long enough for its words to tell is checked against the option.
        if sum(ch.isalpha() for ch in text) >= SHORT_TEXT:
            detected = edition_language(text, path=arg, parameter=parameter, header=False)
            if detected != code:
                raise LanguageError(f"{lang_option} says '{code}' but the text looks like "
                                    f"'{detected}': fix {lang_option}, or leave it out to "
                                    "use the detected language", arg)
    else:
        # As ingest detects it: a short text goes by its file's name, or asks for the option.
        code = edition_language(text, path=arg, parameter=parameter, header=False)
    sentences, places = read_sentences(arg, code, sentences_per_line, encoding)
    return sentences, places, code


@app.command("align")
def align_command(
    src: str | None = typer.Argument(
        None, help="Source edition: a text file, or a stored document id (#12)."),
    tgt: str | None = typer.Argument(
        None, help="Target edition: a text file, or a stored document id (#13)."),
    src_lang: str | None = typer.Option(
        None, "--src-lang", help="Source language (ISO 639-1); detected if not given."),
    tgt_lang: str | None = typer.Option(
        None, "--tgt-lang", help="Target language (ISO 639-1); detected if not given."),
    sentences_per_line: bool = typer.Option(
        False, "--sentences-per-line", help="Input is already split: one sentence per "
        "line, kept exactly (blank lines too). Otherwise files are segmented, and their "
        "paragraphs (blank-line separated) anchor the alignment."),
    fmt: str = typer.Option(
        "tsv", "--format", "-f", help="tsv (source, target, confidence), json, or beads "
        "(vecalign's '[0]:[0, 1]' lines)."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here instead of standard output."),
    no_embeddings: bool = typer.Option(
        False, "--no-embeddings", help="Length and lexical anchors only (no model)."),
    encoding: str | None = ENCODING_OPTION,
    all_pairs: bool = typer.Option(
        False, "--all", help="Align every edition pair in the store not yet aligned (or "
        "aligned by another alinea version)."),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="With --all: processes to use (default: one per core)."),
    realign: bool = typer.Option(
        False, "--realign", help="With --all: redo every pair (corrections made by hand "
        "are kept)."),
    dask: str | None = typer.Option(
        None, "--dask", metavar="ADDRESS", help="With --all: spread the work over a Dask "
        "cluster: a scheduler address, or 'local' (needs alinea[dask])."),
    db: str | None = DB_OPTION,
) -> None:
    """Align the sentences of two editions of a document; print the links.

    Each link pairs up to five source with up to five target sentences (1-1 to 1-5,
    5-1, 2-4, 4-2 and 3-3; 1-0 and 0-1 for sentences left out) and has a confidence in
    [0, 1]: check the lowest first. With --all, align the store's pending edition pairs
    instead.
    """
    if all_pairs:
        if src or tgt:
            raise typer.BadParameter("give either SRC TGT or --all, not both",
                                     param_hint="--all")
        from alinea.cli.store import align_pending

        align_pending(workers=workers, realign=realign, dask=dask, db=db)
        return
    if not src or not tgt:
        raise typer.BadParameter("give two editions, SRC and TGT (or --all)",
                                 param_hint="SRC TGT")
    from alinea.align.aligner import align
    from alinea.align.blocks import shared_blocks
    from alinea.align.formats import FORMATS, render

    if fmt not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    s_text, s_places, s_lang = load_side(src, src_lang, sentences_per_line, db, "--src-lang",
                                         encoding)
    t_text, t_places, t_lang = load_side(tgt, tgt_lang, sentences_per_line, db, "--tgt-lang",
                                         encoding)
    if not s_text or not t_text:
        raise AlignError("one side has no sentences: nothing to align")
    s_blocks, t_blocks = shared_blocks(s_places, t_places)
    use = False if no_embeddings else None
    result = align(s_text, t_text, s_lang, t_lang, src_blocks=s_blocks, tgt_blocks=t_blocks,
                   use_embeddings=use)
    text = render(result, s_text, t_text, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"{len(result.links)} links written to {output}", err=True)


@app.command("eval")
def eval_command(
    gold: list[Path] = typer.Option(
        ..., "--gold", "-g", help="Gold alignment: vecalign bead lines or a hunalign "
        "ladder (repeat for several documents)."),
    test: list[Path] = typer.Option(
        ..., "--test", "-t", help="Alignment to score, bead lines or ladder (one per --gold, "
        "same order)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score alignments against gold: strict and lax precision, recall and F1.

    vecalign's definitions: strict counts identical beads; lax also counts beads that
    overlap a gold bead on both sides. Several documents are micro-averaged.
    """
    import json

    from alinea.align.evaluate import read_gold, score

    if len(gold) != len(test):
        raise InputError(f"{len(gold)} --gold files but {len(test)} --test files: give one "
                         f"--test per --gold, in the same order")
    scores = score((read_gold(g), read_gold(t)) for g, t in zip(gold, test))
    if as_json:
        typer.echo(json.dumps(scores.as_dict(), indent=1))
        return
    typer.echo(f"{'':8}{'precision':>10}{'recall':>8}{'F1':>8}")
    typer.echo(f"{'strict':8}{scores.strict_precision:>10.3f}{scores.strict_recall:>8.3f}"
               f"{scores.strict_f1:>8.3f}")
    typer.echo(f"{'lax':8}{scores.lax_precision:>10.3f}{scores.lax_recall:>8.3f}"
               f"{scores.lax_f1:>8.3f}")
    typer.echo(f"{scores.n_test} test beads, {scores.n_gold} gold beads | {scores.signature}")
