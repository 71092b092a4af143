"""``alinea compare A B``: how one edition differs from another."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from alinea.cli import app


@app.command()
def compare(
    edition_a: Path = typer.Argument(..., help="The source or reference edition (a transcript file)."),
    edition_b: Path = typer.Argument(..., help="The edition to compare with it."),
    lang_a: str | None = typer.Option(None, "--lang-a", help="Language of A (detected when not given)."),
    lang_b: str | None = typer.Option(None, "--lang-b", help="Language of B (detected when not given)."),
    sentences_per_line: bool = typer.Option(False, "--sentences-per-line",
                                            help="Inputs are already split: one sentence per line."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the full report as JSON here."),
    html_out: Path | None = typer.Option(None, "--html", help="Also write the report as an HTML page here."),
    show_pairs: bool = typer.Option(False, "--pairs", help="Print every aligned pair, not only the findings."),
) -> None:
    """Compare two editions: BLEU/chrF (same language), omissions, additions, outliers."""
    from alinea.align.compare import compare as run_compare
    from alinea.align.compare_report import comparison_to_dict, comparison_to_html
    from alinea.cli.render import print_comparison

    (src, src_lang, src_blocks), (tgt, tgt_lang, tgt_blocks) = _load_pair(
        edition_a, edition_b, lang_a, lang_b, sentences_per_line)
    result = run_compare(src, tgt, src_lang, tgt_lang, src_blocks=src_blocks, tgt_blocks=tgt_blocks)
    print_comparison(result, f"{edition_a.name} ⟷ {edition_b.name}", show_pairs)
    if json_out:
        json_out.write_text(json.dumps(comparison_to_dict(result), ensure_ascii=False, indent=2),
                            encoding="utf-8")
    if html_out:
        html_out.write_text(comparison_to_html(result, f"{edition_a.name} ⟷ {edition_b.name}"),
                            encoding="utf-8")


def _load_pair(a: Path, b: Path, lang_a: str | None, lang_b: str | None, sentences_per_line: bool):
    if sentences_per_line:
        from alinea.corpus.language import detect_language, normalise_language
        from alinea.corpus.decode import decode_text

        out = []
        for path, lang in ((a, lang_a), (b, lang_b)):
            lines = [line for line in decode_text(path.read_bytes(), path).split("\n") if line.strip()]
            out.append((lines, normalise_language(lang) if lang else detect_language("\n".join(lines)), None))
        return out
    from alinea.corpus.readers import read_transcript
    from alinea.corpus.sentences import document_sentences, parallel_blocks

    doc_a, doc_b = read_transcript(a, lang_a), read_transcript(b, lang_b)
    sa, sb = document_sentences(doc_a), document_sentences(doc_b)
    ba, bb = parallel_blocks(doc_a, sa, doc_b, sb)
    return ([s.text for s in sa], doc_a.lang, ba), ([s.text for s in sb], doc_b.lang, bb)
