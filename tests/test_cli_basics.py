"""The ``alinea`` command as a whole: every subcommand has help, errors are one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alinea.cli import app

runner = CliRunner()


def _subcommands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_top_level_help_lists_subcommands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in _subcommands():
        assert name in result.output


@pytest.mark.parametrize("name", _subcommands())
def test_every_subcommand_has_help(name: str):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_console_script_is_installed_and_runs():
    exe = Path(sys.executable).parent / "alinea"
    out = subprocess.run([str(exe), "version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip()


def test_no_bare_top_level_modules_are_installed():
    code = "import importlib.util as u; print([m for m in ('api','corpus','align','tei') if u.find_spec(m)])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd="/")
    assert out.stdout.strip() == "[]"
