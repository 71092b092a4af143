"""Registers each area's subcommands on the app (one import per area)."""

from alinea.cli import info  # noqa: F401
from alinea.cli import ingest  # noqa: F401
from alinea.cli import store  # noqa: F401
from alinea.cli import documents  # noqa: F401
from alinea.cli import tei  # noqa: F401
from alinea.cli import segment  # noqa: F401
from alinea.cli import compare  # noqa: F401
from alinea.cli import serve  # noqa: F401
from alinea.cli import export  # noqa: F401
from alinea.cli import align  # noqa: F401
from alinea.cli import corrections  # noqa: F401
from alinea.cli import concordance  # noqa: F401
