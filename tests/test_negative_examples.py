"""Broken projects, one slip each, run through the real CLI as a user would.

``examples/base/`` is a small valid project. Each ``examples/negative/<case>/`` holds the files
to lay over a copy of it (same relative paths), an optional ``delete.txt`` (base paths to remove
first) and ``expect.json``: the finding a user must get — code, path, line and column, exactly — and, under ``also``,
the others the same run must report where one file holds several mistakes.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent / "examples"
BASE = EXAMPLES / "base"
CASES = sorted(p for p in (EXAMPLES / "negative").iterdir() if p.is_dir())
CONTROL = {"expect.json", "delete.txt"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def project(tmp_path: Path, case: Path | None = None) -> Path:
    """A copy of the base project with ``case`` laid over it."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    if case is None:
        return root
    delete = case / "delete.txt"
    for rel in delete.read_text(encoding="utf-8").split() if delete.exists() else []:
        (root / rel).unlink()
    for src in case.rglob("*"):
        if src.is_file() and src.relative_to(case).as_posix() not in CONTROL:
            dst = root / src.relative_to(case)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return root


def validate(cli, root: Path):
    run = cli("--root", str(root), "validate", "--format", "json", cwd=root)
    assert "Traceback" not in run.out + run.err, run
    return run


def test_base_is_valid(cli, tmp_path):
    run = validate(cli, project(tmp_path))
    assert run.code == 0, run
    assert run.json()["findings"] == []


def _param(case: Path):
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    marks = [pytest.mark.xfail(strict=True, reason=expect["xfail"])] if "xfail" in expect else []
    return pytest.param(case, expect, id=case.name, marks=marks)


@pytest.mark.parametrize(("case", "expect"), [_param(c) for c in CASES])
def test_negative_example(cli, tmp_path, case, expect):
    run = validate(cli, project(tmp_path, case))
    assert run.code == 1, run
    want = {k: expect[k] for k in ("code", "path", "line", "column")}
    found = [f for f in run.json()["findings"] if {k: f[k] for k in want} == want]
    assert found, f"expected {want} ({expect['why']}); got:\n{run}"
    for also in expect.get("also", []):  # the other mistakes of the same file, found in the same run
        assert any({k: f[k] for k in also} == also for f in run.json()["findings"]), f"expected {also} too; got:\n{run}"
    message = found[0]["message"]
    assert CJK.search(message), message
    if "message_has" in expect:
        assert expect["message_has"] in message, message


def test_enough_cases():
    assert len(CASES) >= 30
