"""Exceptions raised by alinea.

Every error a user can cause is an ``AlineaError``; the CLI and the API turn these into
one-line messages (CLI) or ``application/problem+json`` (API) in exactly one place each.
Errors from lxml, sqlite, psycopg and friends are wrapped once, with ``raise ... from exc``.

    AlineaError
    ├── InputError                  bad input that names a file and, where known, a line
    │   ├── IngestError             a transcript cannot be read into the document model
    │   │   ├── EmptyInputError     the file is empty or holds only whitespace
    │   │   ├── EncodingError       binary data or text that is not valid in the encoding
    │   │   ├── NoBodyError         a header was found but no transcript text
    │   │   └── UnknownLayoutError  no reader recognises the layout
    │   └── LanguageError           a language code we cannot handle, or none detected
    ├── TEIError                    TEI cannot be built or read back
    │   ├── UnsafeXMLError          DTDs, external entities, entity bombs
    │   └── SchemaError             a document is invalid against a schema
    ├── SegmentError                sentence segmentation was given bad input
    ├── AlignError                  alignment input is unusable (empty side, bad gold file)
    ├── ModelError                  the sentence-embedding model cannot be loaded or fails
    │                               while encoding (a broken install, no memory left, not
    │                               the user's input)
    └── StoreError                  the corpus database failed or was asked for nonsense
        ├── NotFoundError           an id that is not in the store
        └── ConflictError           what is stored now rules the request out (nothing to
                                    undo, links changed since a correction was made)
"""

from __future__ import annotations

from pathlib import Path


class AlineaError(Exception):
    """Base class of every error alinea raises on purpose."""


class InputError(AlineaError):
    """Bad input, located by file and (1-based) line when known.

    ``str(error)`` reads ``FILE:LINE: message``, the form editors and compilers use.
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return self.located(self.message)

    def located(self, message: str) -> str:
        """``message`` after this error's file and line, as ``str()`` reads."""
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + message


class IngestError(InputError):
    """A transcript file cannot be read into the document model."""


class EmptyInputError(IngestError):
    """The file is empty or holds only whitespace."""


class EncodingError(IngestError):
    """The file is binary or not valid text in the expected encoding."""


class NoBodyError(IngestError):
    """The file has a header but no transcript text."""


class UnknownLayoutError(IngestError):
    """No reader recognises the file's layout."""


class LanguageError(InputError):
    """A language code alinea cannot handle, or text whose language cannot be told.

    When giving the language would settle it, ``parameter`` names the parameter that takes
    it (``"lang"``, ``"src-lang"``) and the message is a template asking for it at
    ``{parameter}``, its other values passed apart (``values``: braces in them are kept).
    ``str()`` asks as the command line does ("give --lang"); ``worded(name)`` as another
    interface names the parameter (the API: "give the lang parameter").
    """

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 *, parameter: str | None = None, **values: object):
        self.template, self.parameter, self.values = message, parameter, values
        text = message if parameter is None else message.format(parameter=f"--{parameter}",
                                                                **values)
        super().__init__(text, path, line)

    def worded(self, name: str) -> str:
        """The error as ``str()`` reads, asking for the language by ``name`` instead of
        the command line's option; as ``str()`` when no parameter would settle it."""
        if self.parameter is None:
            return str(self)
        return self.located(self.template.format(parameter=name, **self.values))


class TEIError(InputError):
    """TEI cannot be built, or a TEI file cannot be read back into the model."""


class UnsafeXMLError(TEIError):
    """XML that uses DTDs, external entities or entity expansion, which alinea refuses."""


class SchemaError(TEIError):
    """A document is invalid against a schema; ``messages`` holds every finding."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 messages: list[str] | None = None):
        self.messages = list(messages or [])
        super().__init__(message, path, line)


class SegmentError(AlineaError):
    """Sentence segmentation was given input it cannot handle."""


class AlignError(AlineaError):
    """Alignment input is unusable: an empty side, mismatched languages, a bad gold file."""


class ModelError(AlineaError):
    """The sentence-embedding model the aligner needs cannot be loaded, or failed while
    encoding: the installation is broken or the machine is out of memory, whatever the
    input. Nothing was aligned."""


class StoreError(AlineaError):
    """The corpus database failed or was asked for something impossible."""


class NotFoundError(StoreError):
    """An id that is not in the store."""


class ConflictError(StoreError):
    """The request does not fit what is stored now: there is no correction left to undo,
    or the links a correction put in have changed since, so undoing it would undo those
    changes too. Nothing was written."""
