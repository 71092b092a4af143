"""``alinea tei`` (a transcript → TEI P5) and ``alinea validate`` (TEI against schemas)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from alinea.cli import ENCODING_OPTION, app


@app.command("tei")
def tei_command(
    file: Path = typer.Argument(..., help="A transcript: plain text, HTML or alinea TEI."),
    out: Path = typer.Option(..., "-o", "--out",
                             help="Where to write the TEI document (- for standard output)."),
    lang: str | None = typer.Option(None, "--lang", help="The edition's language (detected when not given)."),
    sentences: bool = typer.Option(False, "--sentences/--no-sentences",
                                   help="Mark sentences as `<s xml:id>` inside each paragraph."),
    encoding: str | None = ENCODING_OPTION,
) -> None:
    """Encode one transcript as a TEI P5 document."""
    from alinea.corpus.model import with_known_originals
    from alinea.corpus.readers import read_transcript
    from alinea.tei.build import build_tei, tei_bytes

    (doc,) = with_known_originals([read_transcript(file, lang, encoding=encoding)])
    data = tei_bytes(build_tei(doc, sentences=sentences))
    summary = f"{doc.id} [{doc.lang}] {len(doc.turns)} turns"
    if str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        typer.echo(f"<stdout>: {summary}", err=True)
        return
    try:
        out.write_bytes(data)
    except OSError as exc:
        from alinea.errors import TEIError

        raise TEIError(f"cannot write: {exc.strerror}", out) from exc
    typer.echo(f"{out}: {summary}")


@app.command("validate")
def validate_command(
    files: list[Path] = typer.Argument(..., help="TEI files (a teiCorpus is checked with its includes)."),
    schema: list[Path] = typer.Option(
        [], "--schema",
        help="Also validate against this RelaxNG .rng (repeatable), e.g. TEI P5's tei_all.rng."),
    alinea_schema: bool = typer.Option(True, "--alinea/--no-alinea",
                                       help="Validate against alinea's own TEI schema."),
) -> None:
    """Validate TEI files; print every problem as FILE:LINE: message.

    Besides the schemas, checks that xml:ids are unique and every pointer resolves.
    Exit code 1 when any file is invalid.
    """
    from alinea.errors import TEIError
    from alinea.tei import validate

    schemas = [validate.alinea_schema()] if alinea_schema else []
    schemas += [validate.load_schema(path) for path in schema]
    invalid = 0
    for path in files:
        try:
            findings = validate.validate_file(path, schemas)
        except TEIError as exc:  # unreadable, not XML, or unsafe: a finding like any other
            findings = [str(exc)]
        for finding in findings:
            typer.echo(finding)
        if findings:
            invalid += 1
        else:
            names = ", ".join(s.name for s in schemas) or "references only"
            typer.echo(f"{path}: valid ({names})")
    if invalid:
        typer.echo(f"{invalid} of {len(files)} files invalid", err=True)
        raise typer.Exit(1)
