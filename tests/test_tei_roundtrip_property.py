"""Property: any transcript the model can hold (in XML-representable text) survives
model → TEI → model, with and without sentence markup, and the TEI is valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tei_samples import toy_segment

from alinea.corpus.model import KINDS, ROLES, Boilerplate, Paragraph, Speaker, Transcript, Turn
from alinea.tei.build import build_tei, tei_bytes
from alinea.tei.parse import parse_tei
from alinea.tei.safe_xml import parse_xml_bytes

# Characters XML 1.0 can carry: no C0 controls except tab, newline, carriage return.
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=[
    chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\ufffe", "\uffff"]), max_size=60)
ncname = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_.\-]{0,12}\Z")
lang = st.sampled_from(["en", "ru", "de", "fr", "zh", "sr-Latn"])


@st.composite
def transcripts(draw) -> Transcript:
    speakers = draw(st.lists(st.builds(Speaker, ncname, text, st.sampled_from(ROLES)),
                             min_size=1, max_size=3, unique_by=lambda s: s.id))
    turns = draw(st.lists(st.builds(
        Turn, st.sampled_from([s.id for s in speakers]),
        st.lists(st.builds(Paragraph, text, st.none() | lang), max_size=3).map(tuple),
        text), max_size=4))
    return Transcript(
        id=draw(ncname), title=draw(text), lang=draw(lang), turns=tuple(turns),
        speakers=tuple(speakers), date=draw(st.none() | st.sampled_from(["2017-12-25", "Dec"])),
        time=draw(st.none() | st.sampled_from(["11:16", "23:59:01", "noon"])),
        place=draw(st.none() | text), kind=draw(st.sampled_from(KINDS)),
        outlet=draw(st.none() | text), original_lang=draw(st.none() | lang),
        is_translation=draw(st.none() | st.booleans()),
        editions=tuple(draw(st.lists(lang, max_size=3))),
        source_url=draw(st.none() | text), source_id=draw(st.none() | text),
        boilerplate=tuple(draw(st.lists(st.builds(
            Boilerplate, text, st.sampled_from(["separator", "trailer", "language-marker"]),
            st.none() | st.integers(1, 9999)), max_size=3))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=transcripts(), sentences=st.booleans())
def test_any_transcript_round_trips_and_is_valid(doc, sentences, tei_schemas):
    from alinea.tei.validate import validate_tree

    tree = build_tei(doc, sentences=sentences, segment=toy_segment)
    data = tei_bytes(tree)
    assert parse_tei(parse_xml_bytes(data)) == doc
    assert validate_tree(parse_xml_bytes(data), tei_schemas) == []
