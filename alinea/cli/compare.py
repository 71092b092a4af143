"""``alinea compare A B``: how one edition differs from another."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from alinea.cli import ENCODING_OPTION, app
from alinea.cli.store import DB_OPTION


@app.command()
def compare(
    edition_a: str = typer.Argument(..., help="The source or reference edition: a file, or a stored document id (#12)."),
    edition_b: str = typer.Argument(..., help="The edition to compare with it: a file or #ID."),
    lang_a: str | None = typer.Option(None, "--lang-a", help="Language of A (detected when not given)."),
    lang_b: str | None = typer.Option(None, "--lang-b", help="Language of B (detected when not given)."),
    sentences_per_line: bool = typer.Option(False, "--sentences-per-line",
                                            help="Inputs are already split: one sentence per line."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the full report as JSON here."),
    html_out: Path | None = typer.Option(None, "--html", help="Also write the report as an HTML page here."),
    show_pairs: bool = typer.Option(False, "--pairs", help="Print every aligned pair, not only the findings."),
    encoding: str | None = ENCODING_OPTION,
    db: str | None = DB_OPTION,
) -> None:
    """Compare two editions: BLEU/chrF (same language), omissions, additions, outliers."""
    from alinea.align.blocks import shared_blocks
    from alinea.align.compare import compare as run_compare
    from alinea.align.compare_report import comparison_to_dict, comparison_to_html
    from alinea.cli.align import load_side
    from alinea.cli.render import print_comparison

    src, src_places, src_lang = load_side(edition_a, lang_a, sentences_per_line, db, "--lang-a",
                                          encoding)
    tgt, tgt_places, tgt_lang = load_side(edition_b, lang_b, sentences_per_line, db, "--lang-b",
                                          encoding)
    src_blocks, tgt_blocks = shared_blocks(src_places, tgt_places)
    result = run_compare(src, tgt, src_lang, tgt_lang, src_blocks=src_blocks, tgt_blocks=tgt_blocks)
    title = f"{Path(edition_a).name} ⟷ {Path(edition_b).name}"
    print_comparison(result, title, show_pairs)
    if json_out:
        json_out.write_text(json.dumps(comparison_to_dict(result), ensure_ascii=False, indent=2),
                            encoding="utf-8")
    if html_out:
        html_out.write_text(comparison_to_html(result, title), encoding="utf-8")

