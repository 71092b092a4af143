"""TEI P5 encoding: build, parse back, validate, export corpora.

Modules: ``build`` (model → TEI), ``parse`` (TEI → model), ``safe_xml`` (untrusted XML),
``validate`` (schemas, ids, pointers), ``parallel`` (aligned editions, teiCorpus).
"""

from alinea.tei.build import build_tei, edition_sentences, sentence_ids, tei_bytes
from alinea.tei.parallel import build_alignment, build_corpus, read_alignment, write_corpus
from alinea.tei.parse import parse_tei, read_tei
from alinea.tei.safe_xml import parse_xml
from alinea.tei.validate import Schema, alinea_schema, load_schema, validate_file, validate_tree

__all__ = [
    "build_tei", "tei_bytes", "sentence_ids", "edition_sentences", "parse_tei", "read_tei", "parse_xml",
    "validate_file", "validate_tree", "alinea_schema", "load_schema", "Schema",
    "build_corpus", "build_alignment", "write_corpus", "read_alignment",
]
