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


def _pud(lang: str) -> list[str]:
    import json

    out: list[str] = []
    with open(SHARED / "data" / "seg-gold" / f"{lang}.jsonl", encoding="utf-8") as f:
        for line in f:
            unit = json.loads(line)
            if unit["treebank"].endswith("-PUD"):
                out.extend(unit["sentences"])
    return out


def pud_synthetic(start: int = 500, count: int = 500, seed: int = 5) -> list[Doc]:
    """en → de/fr/es/ru PUD sentences ``start:start+count`` with target sentences merged
    (2-1, 3-1), split-side merges on the source (1-2) and drops (1-0, 0-1), about one
    edit in eight sentences. The test suite uses PUD sentences below 500."""
    import random

    en = _pud("en")[start:start + count]
    docs = []
    for k, lang in enumerate(("de", "fr", "es", "ru")):
        rng = random.Random(seed + k)
        tg = _pud(lang)[start:start + count]
        src: list[str] = []
        tgt: list[str] = []
        gold = []
        i = 0
        while i < count:
            r = rng.random()
            if r < 0.04 and i + 1 < count:      # 2-1: two target sentences joined
                gold.append(((len(src), len(src) + 1), (len(tgt),)))
                src += en[i:i + 2]
                tgt.append(tg[i] + " " + tg[i + 1])
                i += 2
            elif r < 0.06 and i + 2 < count:    # 3-1
                gold.append(((len(src), len(src) + 1, len(src) + 2), (len(tgt),)))
                src += en[i:i + 3]
                tgt.append(" ".join(tg[i:i + 3]))
                i += 3
            elif r < 0.10 and i + 1 < count:    # 1-2: two source sentences joined
                gold.append(((len(src),), (len(tgt), len(tgt) + 1)))
                src.append(en[i] + " " + en[i + 1])
                tgt += tg[i:i + 2]
                i += 2
            elif r < 0.115:                     # 1-0
                gold.append(((len(src),), ()))
                src.append(en[i])
                i += 1
            elif r < 0.13:                      # 0-1
                gold.append(((), (len(tgt),)))
                tgt.append(tg[i])
                i += 1
            else:
                gold.append(((len(src),), (len(tgt),)))
                src.append(en[i])
                tgt.append(tg[i])
                i += 1
        docs.append(Doc(f"pud-en-{lang}", src, tgt, "en", lang, gold, Path("-"), Path("-")))
    return docs
