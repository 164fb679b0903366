"""The approval chain in a real git repository, with real people and real SSH signatures.

Four identities (director, manager, GM, butler) each sign on their own machine, i.e. with
their own ``user.email``; the GM signs commits with an SSH key made by ssh-keygen here.
"""

from __future__ import annotations

from datetime import date

import pytest

from guanjia.edit import set_signoff
from signers import PROPOSAL, keygen, make_repo


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path)


def chain(r, gm_day: str = "2026-03-02", gm_key=None) -> None:
    assert r.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert r.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    run = r.sign(PROPOSAL, "gm", "zhao-guoqiang", gm_day, key=gm_key)
    assert run.code == 0, run


def approvals(r) -> list[str]:
    return r.errors("approvals", "--base", r.initial)


def hand_sign(r, step: str, by: str, day: date) -> None:
    """A signoff written by hand (not through guanjia approve), with the current digest."""
    path = r.root / PROPOSAL
    digest = next(line.split()[-1] for line in path.read_text(encoding="utf-8").splitlines() if "digest:" in line)
    path.write_bytes(set_signoff(path.read_bytes(), step, by, day, digest))


def test_genuine_chain_passes(repo):
    chain(repo)
    assert approvals(repo) == []
    assert [c for c in repo.errors("validate") if c.startswith("GJ-C")] == []
    log = repo.git("log", "--format=%ae %s")
    assert "zhaoguoqiang@huasheng-wy.example 批准：" in log


def test_forged_approval(repo):
    """The director writes the GM's approval into the file and commits it."""
    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    assert repo.sign(PROPOSAL, "gm", "chen-jing", "2026-03-02", "--by", "zhao-guoqiang").code == 0
    assert "GJ-C010" in approvals(repo)


def test_stale_after_edit(repo):
    chain(repo)
    path = repo.root / PROPOSAL
    path.write_text(path.read_text(encoding="utf-8").replace("place: 小区北侧绿地", "place: 小区南侧绿地"),
                    encoding="utf-8")
    repo.git("commit", "-qam", "改地点", day="2026-03-03", who="chen-jing")
    assert repo.errors("validate") == ["GJ-C002", "GJ-C002", "GJ-C002"]


def test_out_of_order(repo):
    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    refused = repo.sign(PROPOSAL, "gm", "zhao-guoqiang", "2026-03-02")
    assert refused.code == 2 and "复核" in refused.err
    hand_sign(repo, "approved", "zhao-guoqiang", date(2026, 3, 2))  # without the re-check: out of order
    assert "GJ-C003" in repo.errors("validate")


def test_wrong_role(repo):
    refused = repo.sign(PROPOSAL, "gm", "wang-li", "2026-03-02")
    assert refused.code == 2 and "不是项目总经理" in refused.err
    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    hand_sign(repo, "approved", "liu-yang", date(2026, 3, 2))
    assert "GJ-A006" in repo.errors("validate")


def test_not_in_role_on_that_date(repo):
    """孙浩 became a butler on 16 March: a record he signs on 13 March is refused."""
    record = "records/2026/2026-03-12-zhishujie/record.yaml"
    refused = repo.guanjia("approve", str(repo.root / record), "--as", "butler", "--by", "sun-hao", "--today", "2026-03-13",
                           day="2026-03-13", who="liu-yang")
    assert refused.code == 2 and "2026-03-13 不是管家" in refused.err
    path = repo.root / record
    path.write_text(path.read_text(encoding="utf-8").replace("by: liu-yang", "by: sun-hao"), encoding="utf-8")
    codes = repo.errors("validate")
    assert "GJ-A028" in codes and "GJ-A006" not in codes


def test_signed_with_the_wrong_key(repo):
    other, _ = keygen(repo.keys, "someone-else")
    chain(repo, gm_key=other)
    assert approvals(repo) == ["GJ-C011"]


def test_unsigned_when_a_key_is_registered(repo):
    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    run = repo.guanjia("approve", str(repo.root / PROPOSAL), "--as", "gm", "--today", "2026-03-02", "--commit", day="2026-03-02",
                       who="zhao-guoqiang")  # no key: an unsigned commit
    assert run.code == 0, run
    assert approvals(repo) == ["GJ-C011"]


def test_backdated(repo):
    """The GM signs on 4 March but writes 2 March."""
    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    run = repo.guanjia("approve", str(repo.root / PROPOSAL), "--as", "gm", "--today", "2026-03-02", "--commit", day="2026-03-04",
                       who="zhao-guoqiang", key=repo.gm_key)
    assert run.code == 0, run
    assert approvals(repo) == ["GJ-C012"]


def test_only_new_signoffs_are_checked_against_a_base(repo):
    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    base = repo.head()
    assert repo.sign(PROPOSAL, "gm", "chen-jing", "2026-03-02", "--by", "zhao-guoqiang").code == 0  # forged
    lines = (repo.root / PROPOSAL).read_text(encoding="utf-8").splitlines()
    by_line = next(i for i, line in enumerate(lines, 1) if line == "approved:") + 1
    found = repo.findings("approvals", "--base", base)
    assert {(f["code"], f["line"]) for f in found} == {("GJ-C010", by_line), ("GJ-C011", by_line)}
