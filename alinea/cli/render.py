"""Printing library results for people (rich tables); formatting lives in the library."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from alinea.align.compare import Comparison
from alinea.align.compare_report import summary_counts


def print_comparison(comparison: Comparison, title: str, show_pairs: bool = False,
                     console: Console | None = None) -> None:
    """The comparison report: summary, metrics, findings (and every pair on request)."""
    console = console or Console()
    counts = summary_counts(comparison)
    console.print(f"[bold]{title}[/bold]  {comparison.src_lang} → {comparison.tgt_lang}")
    console.print(f"{counts['links']} links · {counts['omissions']} omissions · {counts['additions']} "
                  f"additions · {counts['length_outliers']} length outliers · "
                  f"{counts['low_similarity']} low-similarity pairs")
    if comparison.metrics:
        m = comparison.metrics
        console.print(f"BLEU {m.bleu:.2f}  ({m.bleu_signature})")
        console.print(f"chrF {m.chrf:.2f}  ({m.chrf_signature})")
    findings = Table(title="Findings", show_lines=False, expand=True)
    findings.add_column("what", no_wrap=True)
    findings.add_column(comparison.src_lang, ratio=1)
    findings.add_column(comparison.tgt_lang, ratio=1)
    findings.add_column("score", no_wrap=True)
    for p in comparison.omissions:
        findings.add_row("omission", p.src_text, "—", f"{p.confidence:.2f}")
    for _, text in comparison.hidden_omissions:
        findings.add_row("omission (in merge)", text, "—", "")
    for p in comparison.additions:
        findings.add_row("addition", "—", p.tgt_text, f"{p.confidence:.2f}")
    for _, text in comparison.hidden_additions:
        findings.add_row("addition (in merge)", "—", text, "")
    for p in comparison.length_outliers:
        findings.add_row("length ratio", p.src_text, p.tgt_text, f"×{p.length_ratio:.2f}")
    for p in comparison.low_similarity:
        score = f"{p.similarity:.2f}" if p.similarity is not None else f"conf {p.confidence:.2f}"
        findings.add_row("low similarity", p.src_text, p.tgt_text, score)
    console.print(findings)
    if show_pairs:
        pairs = Table(title="Aligned pairs", expand=True)
        pairs.add_column(comparison.src_lang, ratio=1)
        pairs.add_column(comparison.tgt_lang, ratio=1)
        pairs.add_column("conf", no_wrap=True)
        for p in comparison.pairs:
            pairs.add_row(p.src_text or "—", p.tgt_text or "—", f"{p.confidence:.2f}")
        console.print(pairs)
    for note in comparison.notes:
        console.print(f"[dim]note: {note}[/dim]")
