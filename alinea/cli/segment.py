"""``alinea segment`` and ``alinea eval-seg``: sentence segmentation and its measurement."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import typer

from alinea.cli import ENCODING_OPTION, app
from alinea.errors import SegmentError

_LINE_BREAK_SPACE = re.compile(r"\s*\n\s*")
_EVAL_LANGS = ("en", "ru", "de", "fr", "es")
_MARKUP = re.compile(r"\s*(?:<\?xml|<!doctype html|<html|<tei|<body)", re.IGNORECASE)


def _read_text(file: Path, encoding: str | None = None) -> str:
    if str(file) == "-":
        return sys.stdin.read()
    from alinea.corpus.decode import read_text_file

    return read_text_file(file, encoding)


def format_paragraphs(paragraphs: list[list[str]], one_line: bool = False) -> str:
    """One sentence per line, one empty line between paragraphs.

    Sentences are printed exactly as in the input, so a sentence that spans a line
    break keeps it, unless ``one_line`` joins its lines with a space.
    """
    blocks = []
    for sentences in paragraphs:
        if one_line:
            sentences = [_LINE_BREAK_SPACE.sub(" ", s) for s in sentences]
        blocks.append("\n".join(sentences))
    return "\n\n".join(blocks)


@app.command()
def segment(
    file: Path = typer.Argument(..., help="A text file ('-' reads standard input)."),
    lang: str = typer.Option(..., "--lang", help="Language code: en, ru, de, fr, es "
                             "(any other code gets a language-neutral fallback)."),
    one_line: bool = typer.Option(False, "--one-line", help="Join the lines of a sentence "
                                  "that spans a line break with one space."),
    encoding: str | None = ENCODING_OPTION,
) -> None:
    """Split a text into sentences: one per line, an empty line between paragraphs.

    Blank lines separate paragraphs, and a paragraph end is always a sentence end.
    Sentences are printed exactly as they are in the input; no character is changed.
    """
    from alinea.align.segment import segment_paragraphs

    text = _read_text(file, encoding)
    if _MARKUP.match(text):
        # Segmenting markup is rarely what was meant: say how to get at the transcript.
        typer.echo(f"note: {file} is HTML or XML; its markup is split as text. To segment the "
                   f"transcript in it, run 'alinea tei {file} --sentences -o -'", err=True)
    paragraphs = segment_paragraphs(text, lang)
    out = format_paragraphs([[s.text for s in p] for p in paragraphs], one_line)
    if out:
        typer.echo(out)


@app.command("eval-seg")
def eval_seg(
    shared: Path = typer.Option(Path(os.environ.get("ALINEA_SHARED", "../shared")),
                                "--shared", help="The shared data folder holding "
                                "data/seg-gold/ (default: $ALINEA_SHARED or ../shared)."),
    lang: list[str] = typer.Option(list(_EVAL_LANGS), "--lang",
                                   help="Language(s) to score; repeat the option."),
    peers: bool = typer.Option(True, "--peers/--no-peers",
                               help="Also score Punkt, pysbd, syntok and razdel."),
    repeat: int = typer.Option(1, "--repeat", min=1, help="Time each tool this many "
                               "times and report the fastest."),
) -> None:
    """Score sentence boundaries (P/R/F1, sentences/s) on the UD gold in seg-gold.

    Prints alinea and, with --peers, the other splitters on the same paragraphs, for
    all of a language's gold and for each treebank in it (PUD and the other one).
    """
    from alinea.align.seg_eval import load_gold
    from alinea.align.seg_peers import compare, format_table
    from alinea.align.segment import signature

    gold_dir = shared / "data" / "seg-gold"
    rows = []
    for code in lang:
        path = gold_dir / f"{code}.jsonl"
        if not path.is_file():
            raise SegmentError(f"no gold file {path}; pass --shared DIR (the folder that "
                               f"holds data/seg-gold) or set ALINEA_SHARED")
        rows += compare(code, load_gold(path), with_peers=peers, repeat=repeat)
        typer.echo(f"# {signature(code)}")
    typer.echo(format_table(rows))
