"""The gold sets of ``shared/data/align-gold`` as (name, src, tgt, langs, gold) documents."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from alinea.align.evaluate import read_gold

SHARED = Path(os.environ.get("ALINEA_SHARED", Path(__file__).resolve().parents[2] / "shared"))
GOLD = SHARED / "data" / "align-gold"


@dataclass
class Doc:
    name: str
    src: list[str]
    tgt: list[str]
    src_lang: str
    tgt_lang: str
    gold: list
    src_path: Path
    tgt_path: Path


def _lines(p: Path) -> list[str]:
    text = p.read_text(encoding="utf-8")
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def doc(name, sp, tp, sl, tl, gp) -> Doc:
    return Doc(name, _lines(sp), _lines(tp), sl, tl, read_gold(gp), sp, tp)


def dev_sets() -> dict[str, list[Doc]]:
    """Development sets: textberg-dev, nonlit-en-zh (3 docs), hunalign hand alignments."""
    g = GOLD
    sets: dict[str, list[Doc]] = {}
    tb = g / "textberg-dev"
    sets["textberg-dev"] = [doc("dev", tb / "dev.de", tb / "dev.fr", "de", "fr", tb / "dev.defr")]
    nl = []
    for genre, no, sl, tl in (("aca", "001", "en", "zh"), ("pol", "002", "zh", "en"),
                              ("mag", "003", "en", "zh")):
        d = g / "nonlit-en-zh" / genre
        nl.append(doc(genre, d / "src" / no, d / "tgt" / no, sl, tl, d / "gold" / f"{no}.align"))
    sets["nonlit-en-zh"] = nl
    hu = g / "hunalign-handaligns-en-hu-ro"
    for name, lang in (("1984.hu", "hu"), ("1984.ro.utf8", "ro"), ("steinbeck", "hu"),
                       ("dtm", "hu")):
        d = hu / name
        sets[f"hunalign-{name.split('.utf8')[0]}"] = [
            doc(name, d / "hu.sen", d / "en.sen", lang, "en", d / "hand.ladder")]
    return sets


def bible(no: str = "001") -> Doc:
    d = GOLD / "bible-en-zh"
    return doc(f"bible-{no}", d / "src" / no, d / "tgt" / no, "en", "zh", d / "gold" / f"{no}.align")
