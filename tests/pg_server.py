"""A throwaway PostgreSQL server for the store tests, from the machine's own binaries.

``PostgresServer`` runs ``initdb`` into a temporary directory, starts ``postgres`` on a free
port of 127.0.0.1 (its unix socket in the same temporary directory), and removes it all on
``stop``. PostgreSQL refuses to run as root, so when the tests run as root (CI does) every
server command runs as the ``postgres`` system user through ``runuser``; as a normal user it
runs directly. Durability is switched off (fsync, synchronous_commit, full_page_writes)
unless ``durable=True`` (the benchmark): the data is thrown away anyway, and it makes the
suite several times faster.

Tests get a fresh database per test, copied from a template that was migrated once
(``CREATE DATABASE ... TEMPLATE``), which takes a few tens of milliseconds.

The fixtures (``postgresql_server``, ``store_url``) are imported by ``conftest.py``.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVER_USER = "postgres"
DB_USER = "alinea"


def find_bindir() -> Path | None:
    """The directory holding ``initdb``/``pg_ctl``/``postgres``, or ``None``."""
    candidates = []
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).resolve().parent)
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for bindir in candidates:
        if all((bindir / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory; ``start()`` then ``stop()``."""

    def __init__(self, bindir: Path, durable: bool = False):
        self.bindir = bindir
        self.durable = durable
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="alinea-pg-"))
        self.data = self.base / "data"
        self.socket_dir = self.base
        self.log = self.base / "server.log"
        self.port = 0
        self._names = itertools.count()

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.base)
        if result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}{log}")
        return result

    def start(self) -> None:
        if self.as_root:
            try:
                user = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise RuntimeError(
                    f"running as root but there is no {SERVER_USER!r} user to run PostgreSQL"
                ) from None
            os.chown(self.base, user.pw_uid, user.pw_gid)
        os.chmod(self.base, 0o700)
        self._run("initdb", "-D", str(self.data), "-U", DB_USER, "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        self.port = _free_port()
        options = (f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
                   "-c max_connections=200")
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  "-t", "60", "start")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{DB_USER}@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=DB_USER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``); returns its SQLAlchemy URL."""
        name = f"alinea_{os.getpid()}_{next(self._names)}"
        self.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url(name)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    """A running throwaway PostgreSQL server (skipped without binaries, except in CI)."""
    bindir = find_bindir()
    if bindir is None:
        reason = "PostgreSQL binaries (initdb, pg_ctl, postgres) not found"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI must run the PostgreSQL tests (apt-get install postgresql)")
        pytest.skip(reason)
    server = PostgresServer(bindir)
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgresql_template(postgresql_server: PostgresServer) -> str:
    """Name of a database migrated to the newest schema, to copy for each test."""
    from sqlalchemy import create_engine

    from alinea.corpus.migrate import upgrade

    url = postgresql_server.create_database()
    engine = create_engine(url)
    upgrade(engine)
    engine.dispose()
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLAlchemy URL of an empty store: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'alinea.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgresql_server")
    template: str = request.getfixturevalue("postgresql_template")
    url = server.create_database(template=template)
    yield url
    server.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")
