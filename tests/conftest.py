"""Shared fixtures: run the real CLI in a subprocess, as a user would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)

    def __str__(self) -> str:  # shown by pytest when an assert fails
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def guanjia(*args: str, cwd: Path | None = None, timeout: float = 60) -> Run:
    """Run ``python -m guanjia ARGS`` and capture everything."""
    proc = subprocess.run([sys.executable, "-m", "guanjia", *args], cwd=cwd or REPO, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def invoke(*args: str, env: dict | None = None) -> Run:
    """Run the CLI in this process (click's runner): the same commands, without a Python start-up each."""
    from click.testing import CliRunner

    from guanjia.cli import main

    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    return guanjia


def copy_demo(tmp_path: Path) -> Path:
    """A private copy of the demo project (settings, records, schemas) to break."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "guanjia.yml", root)
    shutil.copytree(REPO / "records", root / "records")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


@pytest.fixture
def demo(tmp_path) -> Path:
    return copy_demo(tmp_path)
