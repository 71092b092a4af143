"""``alinea documents`` and ``alinea delete``: what the store holds, and taking a document
back out of it."""

from __future__ import annotations

import typer

from alinea.cli import app, counted
from alinea.cli.store import DB_OPTION, open_store
from alinea.corpus.store import DeletedDocument, DocumentInfo


def format_document(d: DocumentInfo) -> str:
    """One line per stored document: id, language, date, kind, version, sentences, title."""
    version = "" if d.version == 1 and d.is_current else (
        f" v{d.version}{'' if d.is_current else ' (replaced)'}")
    return (f"#{d.id} {d.lang} {d.date or 'undated'} {d.kind}{version} "
            f"({d.n_sentences} sentences): {d.title}")


def format_deleted(deleted: DeletedDocument) -> str:
    """What a deletion removed, and the version it brought back if any."""
    line = (f"deleted #{deleted.document_id}: {deleted.sentences} sentences, "
            f"{counted(deleted.alignments, 'alignment')}")
    if deleted.restored is not None:
        line += f"; #{deleted.restored} (the previous version) is current again"
    return line


@app.command()
def documents(
    lang: str | None = typer.Option(None, "--lang", help="Only this language."),
    kind: str | None = typer.Option(None, "--kind", help="Only this kind (interview, "
                                    "speech, press-conference, ...)."),
    all_versions: bool = typer.Option(False, "--all-versions",
                                      help="Also list versions replaced by a re-ingest."),
    duplicates: bool = typer.Option(False, "--duplicates",
                                    help="List only documents that read as the same text "
                                    "as an older one (copies kept from a store written "
                                    "before alinea recognised them), with what to delete."),
    db: str | None = DB_OPTION,
) -> None:
    """List the stored documents, one line each: id, language, date, kind, sentences,
    title."""
    if duplicates:
        _list_duplicates(db)
        return
    n = 0
    with open_store(db) as store:
        for d in store.iter_documents(lang=lang, kind=kind, all_versions=all_versions):
            typer.echo(format_document(d))
            n += 1
    if n == 0:
        typer.echo("no documents", err=True)


def _list_duplicates(db: str | None) -> None:
    from alinea.corpus.duplicates import duplicate_documents

    with open_store(db) as store:
        sets = duplicate_documents(store)
    if not sets:
        typer.echo("no documents read as the same text as another", err=True)
        return
    for found in sets:
        typer.echo(format_document(found.kept))
        for copy in found.copies:
            typer.echo(f"  same text: {format_document(copy)}")
    copies = [c.id for found in sets for c in found.copies]
    typer.echo(f"{counted(len(copies), 'copy', 'copies')}; ingest now answers "
               "for the first of each set. To keep those and remove the copies: "
               f"alinea delete {' '.join(map(str, copies))}", err=True)


@app.command()
def delete(
    ids: list[int] = typer.Argument(..., metavar="ID...", help="Document ids (see "
                                    "`alinea documents`)."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    db: str | None = DB_OPTION,
) -> None:
    """Delete documents from the store with their sentences, alignments and corrections.

    Deleting the current version of a re-ingested document makes the previous version
    current again. Every id is checked before anything is deleted.
    """
    with open_store(db) as store:
        found = [store.document(i) for i in dict.fromkeys(ids)]
        if not yes:
            for d in found:
                typer.echo(format_document(d))
            typer.confirm(f"Delete {counted(len(found), 'document')}?",
                          abort=True)
        for d in found:
            typer.echo(format_deleted(store.delete_document(d.id)))
