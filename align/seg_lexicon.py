"""Word lists behind the segmentation rules in ``alinea.align.segment``.

General knowledge of each language's writing conventions, not learned from any gold:
abbreviations written with a period that do not end a sentence before a capitalised word
(titles, "e.g.", "z.B.", "т.е."), abbreviations taking a number, and the function words
that, capitalised after an abbreviation, show that a new sentence has begun.
Entries are lower case, without the final period; internal periods are kept ("z.b").
"""

from __future__ import annotations

# Before a capitalised word these stay with it: titles and "that is"-type abbreviations.
NONFINAL: dict[str, frozenset[str]] = {
    "en": frozenset({
        "mr", "mrs", "ms", "messrs", "dr", "drs", "prof", "st", "mt", "ft", "sr", "rev",
        "gen", "col", "capt", "lt", "sgt", "cpl", "maj", "gov", "sen", "rep", "hon",
        "pres", "supt", "atty", "e.g", "i.e", "cf", "vs", "viz", "approx", "ca", "esp",
        "mme", "mlle",
    }),
    "ru": frozenset({
        "т.е", "т.к", "т.н", "т.о", "т.ч", "см", "ср", "напр", "им", "ул", "пл", "пер",
        "просп", "пр-т", "наб", "проф", "акад", "доц", "канд", "тов", "г-н", "г-жа",
        "гг-н", "св", "ген", "подп", "полк", "ген.-л", "ген.-м", "о", "оз", "р", "д",
        "с", "пос", "дер", "ст", "обл", "р-н", "зам", "пред", "ред", "ок", "около",
        "мр", "мс", "др-р", "рис", "табл", "гл", "стр", "т", "ч", "вып",
    }),
    "de": frozenset({
        "z.b", "d.h", "u.u", "bzw", "ca", "vgl", "evtl", "ggf", "inkl", "sog", "hr",
        "fr", "frl", "dr", "prof", "st", "abs", "art", "nr", "bd", "s", "ziff", "lt",
        "gem", "geb", "z.t", "o.g", "u.a.m", "mr", "mrs", "dipl", "ing", "mag", "v", "hl",
        "str", "tel",
    }),
    "fr": frozenset({
        "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "st", "ste",
        "cf", "p", "pp", "art", "vol", "chap", "env", "av", "apr", "n°", "no", "gén",
        "col", "cdt", "lt", "sgt",
    }),
    "es": frozenset({
        "sr", "sra", "srta", "sres", "sras", "dr", "dra", "d", "dña", "ud", "uds", "vd",
        "vds", "pág", "págs", "núm", "art", "cap", "vol", "p.ej", "lic", "ing", "prof",
        "gral", "avda", "av", "sto", "sta", "fr", "st", "mons", "excmo", "excma", "ilmo",
        "ilma", "aprox",
    }),
}

# Before a number these stay with it ("No. 5", "S. 12", "стр. 5", "núm. 3").
NUMERIC: dict[str, frozenset[str]] = {
    "en": frozenset({"no", "nos", "nr", "p", "pp", "fig", "figs", "vol", "vols", "ch",
                     "chap", "sec", "art", "para", "ex", "op", "tel", "ph", "approx",
                     "ca", "c", "n", "v", "vs", "rm", "apt", "ste", "st", "rte", "hwy",
                     # months and weekdays: "Jan. 5", "on Sat. you said"
                     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                     "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
                     "fri", "sat", "sun"}),
    "ru": frozenset({"стр", "с", "рис", "гл", "табл", "ст", "п", "пп", "кн", "т", "ч",
                     "д", "кв", "корп", "тел", "№", "вып", "разд", "прил", "ок", "род", "ум"}),
    "de": frozenset({"nr", "s", "abb", "kap", "bd", "ziff", "art", "abs", "tab", "tel",
                     "ca", "bzw", "vgl", "bd", "jg", "hft", "h", "str"}),
    "fr": frozenset({"n", "no", "nos", "art", "chap", "fig", "vol", "p", "pp", "tél",
                     "tel", "env", "t", "al"}),
    "es": frozenset({"núm", "num", "no", "n", "art", "cap", "fig", "vol", "pág", "págs",
                     "p", "pp", "tel", "tfno", "aprox", "c", "ca"}),
}

# Function words that, capitalised after an ambiguous abbreviation ("U.S.", "etc.",
# "Inc."), start a new sentence: they are never part of a name.
STARTERS: dict[str, frozenset[str]] = {
    "en": frozenset({
        "the", "he", "she", "it", "we", "they", "i", "you", "this", "these", "those",
        "there", "but", "and", "however", "his", "her", "their", "our", "my", "its",
        "what", "when", "where", "who", "why", "how", "if", "after", "before", "then",
        "so", "yet", "although", "while", "meanwhile", "also", "some", "many", "most",
        "in", "on", "at", "for", "with", "as", "by", "from", "one", "that", "thus",
        "instead", "moreover", "still", "now", "today", "last", "both", "such", "all",
    }),
    "ru": frozenset({"он", "она", "оно", "они", "мы", "я", "вы", "это", "этот", "эта",
                     "эти", "но", "и", "а", "однако", "в", "во", "на", "по", "при",
                     "после", "так", "там", "тогда", "кроме", "также", "все", "его",
                     "их", "ее", "её", "у", "с", "к", "из", "за", "как", "что", "если"}),
    "de": frozenset({"der", "die", "das", "er", "sie", "es", "wir", "ich", "ihr", "man",
                     "ein", "eine", "aber", "und", "doch", "dann", "dort", "hier", "im",
                     "in", "auf", "mit", "nach", "seit", "als", "wenn", "dies", "diese",
                     "dieser", "dieses", "auch", "so", "da", "zudem", "außerdem"}),
    "fr": frozenset({"le", "la", "les", "il", "elle", "ils", "elles", "nous", "vous", "je",
                     "on", "ce", "cette", "ces", "mais", "et", "puis", "ensuite", "en",
                     "dans", "un", "une", "des", "son", "sa", "ses", "leur", "leurs",
                     "cela", "ceci", "si", "par", "pour", "après", "avant", "depuis"}),
    "es": frozenset({"el", "la", "los", "las", "él", "ella", "ellos", "ellas", "nosotros",
                     "yo", "este", "esta", "estos", "estas", "eso", "esto", "pero", "y",
                     "en", "un", "una", "su", "sus", "sin", "con", "por", "para", "tras",
                     "después", "antes", "también", "además", "así", "si", "se", "no"}),
}

# German function words that are capitalised only at the start of a sentence (or in a
# title): after a lower-case word they show a missing period.
DE_CAPITAL_STARTS = frozenset({
    "Der", "Die", "Das", "Wir", "Ich", "Er", "Es", "Ein", "Eine", "Im", "In", "Zu", "Nur",
    "Dann", "Aber", "Dabei", "Dazu", "Daraufhin", "Danach", "Deshalb", "Leider", "Auch",
})

# Pronouns written with a capital only at the start of a sentence ("I" is not one).
CAPITAL_PRONOUNS: dict[str, frozenset[str]] = {
    "en": frozenset({"He", "She", "They", "We", "It", "This", "There", "These", "Those",
                     "Thanks", "Please"}),
    "ru": frozenset({"Он", "Она", "Они", "Мы", "Я", "Это", "Этот", "Эта", "Эти"}),
    "fr": frozenset({"Il", "Elle", "Ils", "Elles", "Nous", "Je", "C'est", "Ce", "Cette",
                     "Ces"}),
    "es": frozenset({"Yo", "Él", "Ella", "Ellos", "Ellas", "Nosotros", "Estos", "Estas",
                     "Hay"}),  # not "Este": Punta del Este
}

# Russian abbreviations that follow a number or a Roman numeral and can end a sentence:
# "в 2016 г." (year), "в XVIII в." (century); elsewhere "г." and "в." mean "город",
# "в." an initial, and they stay with the next word ("г. Москва").
RU_AFTER_NUMBER = frozenset({"г", "гг", "в", "вв", "тыс", "млн", "млрд", "руб", "коп",
                             "км", "кг", "см", "мм", "м", "т", "экз", "чел", "л", "с",
                             "долл", "мин", "сек", "ч"})

# Words of a Russian date adverbial: "1 января 49 года до н. э.", "в середине 1970-х гг."
RU_DATE_WORDS = frozenset({
    "в", "во", "с", "со", "до", "к", "по", "после", "около", "примерно", "приблизительно",
    "одновременно", "уже", "лишь", "только", "ещё", "еще", "летом", "зимой", "весной",
    "осенью", "между", "и", "середине", "начале", "конце", "году", "года", "годах",
    "годов", "годы", "век", "века", "веке", "веков", "веках", "январе", "феврале",
    "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре",
    "декабре", "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
    "сентября", "октября", "ноября", "декабря",
})

# Russian two-part abbreviations, written with or without the space, that often end
# a sentence ("и т. д.", "и т. п.", "до н. э.").
# Abbreviations that end a sentence before a capitalised word: "и т. д.", "700 a. C.",
# "etc." ("etc." in any language).
FINAL: dict[str, frozenset[str]] = {
    "en": frozenset({"etc", "b.c", "a.d", "b.c.e", "c.e"}),
    "ru": frozenset({"т.д", "т.п", "н.э", "др", "пр", "н.ч", "etc"}),
    "de": frozenset({"usw", "etc", "u.ä", "v.chr", "n.chr", "o.ä"}),
    "fr": frozenset({"etc", "j.-c", "j-c", "av.j.-c", "apr.j.-c"}),
    "es": frozenset({"etc", "a.c", "d.c", "a.de.c", "d.de.c"}),
}

# Greetings and closings that open (or are) a short line of their own in letters and
# e-mails: "Hi David, Thanks for ..." is two sentences.
SALUTATIONS: dict[str, frozenset[str]] = {
    "en": frozenset({"hi", "hello", "hey", "dear", "thanks", "thank", "best", "regards",
                     "cheers", "sincerely", "yours", "love", "greetings"}),
    "ru": frozenset({"здравствуйте", "привет", "уважаемый", "уважаемая", "уважаемые",
                     "дорогой", "дорогая", "дорогие", "спасибо"}),
    "de": frozenset({"hallo", "liebe", "lieber", "danke", "grüße", "gruß"}),
    "fr": frozenset({"bonjour", "salut", "cher", "chère", "chers", "merci", "cordialement",
                     "amitiés"}),
    "es": frozenset({"hola", "querido", "querida", "estimado", "estimada", "gracias",
                     "saludos", "atentamente"}),
}

# Two-word greetings and closings whose first word alone is an ordinary word.
SALUTATION_PAIRS: dict[str, frozenset[tuple[str, str]]] = {
    "en": frozenset({("good", "morning"), ("good", "afternoon"), ("good", "evening"),
                     ("good", "luck"), ("good", "night"), ("kind", "regards"),
                     ("warm", "regards"), ("many", "thanks"), ("all", "the")}),
    "ru": frozenset({("с", "уважением"), ("добрый", "день"), ("доброе", "утро"),
                     ("добрый", "вечер")}),
    "de": frozenset({("sehr", "geehrte"), ("sehr", "geehrter"), ("viele", "grüße"),
                     ("mit", "freundlichen"), ("beste", "grüße"), ("guten", "tag"),
                     ("guten", "morgen")}),
    "fr": frozenset({("bien", "cordialement"), ("bien", "à")}),
    "es": frozenset({("un", "saludo"), ("muchas", "gracias"), ("buenos", "días"),
                     ("buenas", "tardes")}),
}


#: Lower-case words inside a name or title ("Madame la Ministre", "Jean de la Fontaine").
NAME_PARTICLES: frozenset[str] = frozenset({
    "de", "la", "le", "du", "des", "da", "del", "di", "van", "von", "der", "den", "y", "e",
    "al", "bin", "ibn"})
