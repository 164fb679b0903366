"""Records signed on paper before the estate adopted guanjia: brought in with their original dates and scans.

The base example's activity (12 March 2026) was run on paper; the estate adopted guanjia on 1 December
2026. The IT person types the proposal in and brings in the three paper signatures with their scan; a new
record can never take that route to skip the real chain.
"""

from __future__ import annotations

import pytest

from conftest import invoke
from signers import ACT, PROPOSAL, make_repo
from test_provenance import host, on_host, review  # noqa: F401 - the loopback host fixture

SCAN = "attachments/B54-签字页.pdf"
PAPER = (("director", "chen-jing", "2026-02-20"), ("manager", "wang-li", "2026-02-27"),
         ("gm", "zhao-guoqiang", "2026-03-02"))


def adopt(r, day: str = "2026-12-01") -> None:
    settings = r.root / "guanjia.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("timezone:", f"adopted: {day}\ntimezone:", 1),
                        encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    r = make_repo(tmp_path, files={f"{ACT}/{SCAN}": b"%PDF-1.4 scan of the signed B54\n"})
    adopt(r)
    r.commit("开始使用 guanjia", "wang-li", "2026-12-01")
    r.adopted = r.head()
    return r


def bring_in(r, steps=PAPER, scan=SCAN):
    """The IT person (here the manager's account) types in each paper signature with its original date."""
    for role, who, day in steps:
        run = invoke("--root", str(r.root), "approve", str(r.root / PROPOSAL), "--as", role, "--by", who,
                     "--today", day, "--paper", scan, env=r.env("wang-li", "2026-12-02"))
        if run.code:
            return run
    r.commit("导入纸质策划表的签字", "wang-li", "2026-12-02")
    return run


def errors(r, *args):
    return sorted(f["code"] for f in r.findings(*args) if f["severity"] == "error")


def test_paper_signatures_pass_every_check(repo):
    assert bring_in(repo).code == 0
    text = (repo.root / PROPOSAL).read_text(encoding="utf-8")
    assert f'paper: "{SCAN}"' in text and text.count("digest: sha256:") == 3
    assert errors(repo, "validate") == []
    assert errors(repo, "approvals", "--base", repo.adopted) == []  # not looked for in git: the signers never used it


def test_the_gm_approves_the_import_on_the_host(repo, host):  # noqa: F811
    handler, api = host
    assert bring_in(repo).code == 0
    handler.pull = {"user": {"login": "wangli-gj"}}
    handler.reviews = [review("wangli-gj", "2026-12-02")]
    assert on_host(repo, api, repo.adopted) == ["GJ-C025", "GJ-C025", "GJ-C025"]
    handler.reviews.append(review("zhao-guoqiang", "2026-12-02"))
    assert on_host(repo, api, repo.adopted) == []


def test_late_on_paper_is_recorded_not_blocking(repo):
    assert bring_in(repo, PAPER[:2] + (("gm", "zhao-guoqiang", "2026-03-09"),)).code == 0
    found = [(f["code"], f["severity"]) for f in repo.findings("validate") if f["path"] == PROPOSAL]
    assert ("GJ-D007", "warning") in found and "GJ-D001" not in [c for c, _ in found]


def test_the_scan_must_be_there(repo):
    refused = bring_in(repo, scan="attachments/没有这个文件.pdf")
    assert refused.code == 2 and "找不到" in refused.err, refused


def set_adopted(r, day: str) -> None:
    settings = r.root / "guanjia.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace(text[text.index("adopted: "):text.index("adopted: ") + 19], f"adopted: {day}"),
                        encoding="utf-8")


def test_an_activity_after_adoption_cannot_be_signed_on_paper(repo):
    set_adopted(repo, "2026-03-01")  # guanjia was in use before 12 March: that activity's signatures are guanjia's
    refused = bring_in(repo)
    assert refused.code == 2 and "纸质签字只用于开始使用 guanjia 之前" in refused.err, refused
    from datetime import date

    from guanjia.archive import build
    from guanjia.edit import set_signoff
    from guanjia.signing import digest

    path = repo.root / PROPOSAL
    current = digest(build(repo.root).years[2026].activity_for("zhishujie").proposal)
    path.write_bytes(set_signoff(path.read_bytes(), "prepared", "chen-jing", date(2026, 2, 20), current, paper=SCAN))
    assert "GJ-C007" in errors(repo, "validate")  # written by hand: validate refuses it too


def test_moving_the_adoption_date_in_the_same_pull_request_gains_nothing(repo):
    """The pull request moves adoption to next year so that a signature made after adoption passes as paper:
    its own settings allow it, the base's do not."""
    set_adopted(repo, "2027-01-01")
    repo.commit("adopted 推后", "wang-li", "2026-12-02")
    assert bring_in(repo, (("director", "chen-jing", "2026-12-02"),)).code == 0
    assert "GJ-C007" not in errors(repo, "validate")
    assert "GJ-C017" in errors(repo, "approvals", "--base", repo.adopted)
