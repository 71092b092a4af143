"""A ``Comparison`` as JSON-ready data and as a standalone HTML page (pure formatting)."""

from __future__ import annotations

import html
from dataclasses import asdict

from alinea.align.compare import Comparison, PairScore


def comparison_to_dict(comparison: Comparison) -> dict:
    """Everything in the report as plain JSON types (lists for index tuples)."""
    def pair(p: PairScore) -> dict:
        data = asdict(p)
        data["src"], data["tgt"] = list(p.src), list(p.tgt)
        return data

    return {
        "src_lang": comparison.src_lang,
        "tgt_lang": comparison.tgt_lang,
        "signature": comparison.signature,
        "metrics": asdict(comparison.metrics) if comparison.metrics else None,
        "counts": summary_counts(comparison),
        "omissions": [pair(p) for p in comparison.omissions],
        "additions": [pair(p) for p in comparison.additions],
        "hidden_omissions": [{"index": i, "text": t} for i, t in comparison.hidden_omissions],
        "hidden_additions": [{"index": i, "text": t} for i, t in comparison.hidden_additions],
        "length_outliers": [pair(p) for p in comparison.length_outliers],
        "low_similarity": [pair(p) for p in comparison.low_similarity],
        "pairs": [pair(p) for p in comparison.pairs],
        "notes": list(comparison.notes),
    }


def summary_counts(comparison: Comparison) -> dict[str, int]:
    """Link and finding counts: how many of each bead type, omissions, additions, outliers."""
    counts: dict[str, int] = {}
    for p in comparison.pairs:
        key = f"{len(p.src)}-{len(p.tgt)}"
        counts[key] = counts.get(key, 0) + 1
    return {
        "links": len(comparison.pairs),
        **{f"links_{k}": v for k, v in sorted(counts.items())},
        "omissions": len(comparison.omissions) + len(comparison.hidden_omissions),
        "additions": len(comparison.additions) + len(comparison.hidden_additions),
        "length_outliers": len(comparison.length_outliers),
        "low_similarity": len(comparison.low_similarity),
    }


def comparison_to_html(comparison: Comparison, title: str = "Edition comparison") -> str:
    """A self-contained HTML page: summary, findings, and every aligned pair."""
    e = html.escape
    flagged = {(p.src, p.tgt) for p in (*comparison.omissions, *comparison.additions,
                                        *comparison.length_outliers, *comparison.low_similarity)}
    rows = []
    for p in comparison.pairs:
        cls = ' class="flag"' if (p.src, p.tgt) in flagged else ""
        metric = "" if p.chrf is None else f"{p.chrf:.1f}"
        sim = "" if p.similarity is None else f"{p.similarity:.2f}"
        rows.append(f"<tr{cls}><td>{e(','.join(map(str, p.src)))}</td><td>{e(p.src_text)}</td>"
                    f"<td>{e(','.join(map(str, p.tgt)))}</td><td>{e(p.tgt_text)}</td>"
                    f"<td>{p.confidence:.2f}</td><td>{sim}</td><td>{metric}</td></tr>")
    metrics = ""
    if comparison.metrics:
        m = comparison.metrics
        metrics = (f"<p>BLEU {m.bleu:.2f} <code>{e(m.bleu_signature)}</code><br>"
                   f"chrF {m.chrf:.2f} <code>{e(m.chrf_signature)}</code></p>")

    def items(entries: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{x}</li>" for x in entries) + "</ul>" if entries else "<p>none</p>"

    omissions = [e(p.src_text) for p in comparison.omissions] + \
        [f"{e(t)} <em>(inside a merged link)</em>" for _, t in comparison.hidden_omissions]
    additions = [e(p.tgt_text) for p in comparison.additions] + \
        [f"{e(t)} <em>(inside a merged link)</em>" for _, t in comparison.hidden_additions]
    counts = summary_counts(comparison)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}tr.flag{{background:#fff3cd}}</style>
</head><body><h1>{e(title)}</h1>
<p>{e(comparison.src_lang)} → {e(comparison.tgt_lang)}: {counts['links']} links,
{counts['omissions']} omissions, {counts['additions']} additions,
{counts['length_outliers']} length outliers, {counts['low_similarity']} low-similarity pairs.</p>
{metrics}<p><small>{e(comparison.signature)}</small></p>
<h2>Omissions</h2>{items(omissions)}<h2>Additions</h2>{items(additions)}
<h2>All pairs</h2><table><tr><th>#</th><th>{e(comparison.src_lang)}</th><th>#</th>
<th>{e(comparison.tgt_lang)}</th><th>confidence</th><th>similarity</th><th>chrF</th></tr>
{''.join(rows)}</table>
{''.join(f'<p><em>{e(n)}</em></p>' for n in comparison.notes)}
</body></html>
"""
