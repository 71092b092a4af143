"""TEI P5 encoding: build, parse back, validate, export corpora."""
