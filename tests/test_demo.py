"""The demo passes its own checks: a newcomer who clones this repository and runs the documented checks
sees them pass (the demo's signing history is replayed by scripts/demo-history.py)."""

from __future__ import annotations

import subprocess

import pytest

from conftest import REPO, invoke


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A fresh clone of what is committed here, as a newcomer gets it."""
    root = tmp_path_factory.mktemp("clone") / "guanjia"
    subprocess.run(["git", "clone", "-q", str(REPO), str(root)], check=True)
    return root


@pytest.mark.parametrize("args", [
    ("validate",), ("approvals",), ("verify",), ("schema", "--check"), ("codeowners", "--check"),
    ("archive-check", "--base", "HEAD"),
])
def test_the_demo_passes(clone, args):
    run = invoke("--root", str(clone), *args)
    hint = "（签字改动后请运行 python scripts/demo-history.py 重放签字历史）" if args[0] == "approvals" else ""
    assert run.code == 0, f"{run}{hint}"
    assert " 错误 GJ-" not in run.out, run
