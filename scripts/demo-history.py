"""Replay the demo's signing in git, each signoff committed by its signer on the day they signed.

The demo estate's records are written by guanjia's developers, so in this repository's history every
signoff looks as if a developer had made it, and ``guanjia approvals`` says so (GJ-C010). This script
replays the signing as the estate would have done it: a branch of its own (no common ancestor) where the
IT person first commits the signed documents without their signoffs, and then each person commits their
own signoffs, authored and dated as they signed; it is merged into the current branch with the "ours"
strategy, so no file changes. ``guanjia approvals`` then finds, for every signoff, a commit by its signer
that introduced it.

Run it (``python scripts/demo-history.py``) after a change to the demo's signoffs; tests/test_demo.py says
when it is needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

from guanjia.archive import build  # noqa: E402
from guanjia.edit import _end_of, set_entry_signoff, set_signoff, signoff_values  # noqa: E402
from guanjia.load import load_bytes  # noqa: E402
from guanjia.signing import ORDER  # noqa: E402
from guanjia.signoffs import every  # noqa: E402


def git(*args: str, env: dict | None = None, stdin: bytes | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=REPO, capture_output=True, input=stdin, env={**os.environ, **(env or {})})
    if proc.returncode:
        raise SystemExit(f"git {args[0]}: {proc.stderr.decode()}")
    return proc.stdout.decode().strip()


def unsigned(raw: bytes, keys: list[tuple]) -> bytes:
    """``raw`` without the signoff blocks at ``keys`` (entries keep their other lines)."""
    doc = load_bytes(raw, "")
    lines = raw.decode("utf-8").split("\n")
    spans = []
    for key in keys:
        pos = doc.pos(key)
        start = pos.key_line - 1
        spans.append((start, _end_of(lines, start, pos.key_column)))
    for start, end in sorted(spans, reverse=True):
        del lines[start:end]
    return "\n".join(lines).encode("utf-8")


def resign(raw: bytes, s) -> bytes:
    values = signoff_values(s.signoff.by, s.signoff.date, s.signoff.digest, s.signoff.paper)
    if s.is_step:
        return set_signoff(raw, s.slot, s.signoff.by, s.signoff.date, s.signoff.digest, "", s.signoff.paper)
    return set_entry_signoff(raw, s.key[:2], s.key[2], values)  # a late note, a decision, an amendment


def commit(files: dict[str, bytes], parent: str | None, who: tuple[str, str], day, message: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        git("read-tree", "--empty", env=env)
        for path, raw in sorted(files.items()):
            blob = git("hash-object", "-w", "--stdin", stdin=raw)
            git("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=env)
        tree = git("write-tree", env=env)
    stamp = f"{day.isoformat()}T10:00:00+08:00"
    env = {"GIT_AUTHOR_NAME": who[0], "GIT_AUTHOR_EMAIL": who[1], "GIT_AUTHOR_DATE": stamp,
           "GIT_COMMITTER_NAME": who[0], "GIT_COMMITTER_EMAIL": who[1], "GIT_COMMITTER_DATE": stamp}
    return git("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message, env=env)


def main() -> None:
    archive = build(REPO)
    people = {p.id: p for p in archive.roster.people}
    signed = [s for s in every(archive) if s.signoff.paper is None]
    by_file: dict[Path, list] = defaultdict(list)
    for s in signed:
        by_file[s.doc.path].append(s)
    files = {path.relative_to(REPO).as_posix(): unsigned(path.read_bytes(), [s.key for s in group])
             for path, group in by_file.items()}
    first = min(s.signoff.date for s in signed) - timedelta(days=1)
    head = commit(files, None, ("IT", "it@huasheng-wy.example"), first, "演示项目的档案（签字前）")
    groups: dict[tuple, list] = defaultdict(list)
    for s in signed:
        groups[s.signoff.date, s.signoff.by].append(s)
    for (day, by), group in sorted(groups.items(), key=lambda kv: (kv[0][0], min(ORDER.get(s.slot, 9) for s in kv[1]))):
        for s in sorted(group, key=lambda s: s.key):
            path = s.doc.path.relative_to(REPO).as_posix()
            files[path] = resign(files[path], s)
        person = people[by]
        names = "、".join(sorted({f"{s.doc.shown}（{s.name}）" for s in group}))
        head = commit(files, head, (person.name, person.emails[0]), day, f"签字：{names}")
    git("merge", "-s", "ours", "--allow-unrelated-histories", "--no-edit", "-m",
        "演示项目的签字历史：每个签字由签字人本人在签字当天提交（scripts/demo-history.py）", head)
    print(f"已重放 {len(signed)} 个签字，{len(groups)} 次提交，并合并到当前分支。")


if __name__ == "__main__":
    main()
