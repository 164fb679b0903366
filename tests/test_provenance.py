"""Who put each signoff into history, however the file got there, tried as an adversary would.

Every kind of signoff (a step, a late note, a change decision, a plan step, an amendment) must be
introduced by a commit of its signer; copies, renamed folders, merges, rebases, squashes and
cherry-picks neither hide a forgery nor disown a genuine signature; a pull request's own roster
changes grant nothing in it.
"""

from __future__ import annotations

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from conftest import invoke
from signers import ACT, PROPOSAL, make_repo

RECORD = f"{ACT}/record.yaml"
PLAN = "records/2026/plan.yaml"
CHANGES = "records/2026/changes.yaml"


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path)


def chain(r, path=PROPOSAL, days=("2026-02-20", "2026-02-27", "2026-03-02")):
    for (role, who), day in zip((("director", "chen-jing"), ("manager", "wang-li"), ("gm", "zhao-guoqiang")), days,
                                strict=True):
        run = r.sign(path, role, who, day)
        assert run.code == 0, run


def forge_gm(r, path=PROPOSAL, day="2026-03-02", who="wang-li", *extra):
    """Someone else writes the GM's signoff with guanjia (``--by``) and commits it as themselves."""
    run = r.sign(path, "gm", who, day, "--by", "zhao-guoqiang", *extra)
    assert run.code == 0, run


def codes(r, base=None):
    """Errors of ``approvals`` for what came after ``base`` (default: the initial commit, as for a pull request)."""
    return r.errors("approvals", "--base", base or r.initial)


# ---------------------------------------------------------------- however the file got there


def test_renamed_folder_keeps_genuine_signoffs_and_exposes_a_forged_one(repo):
    chain(repo, days=("2026-02-20", "2026-02-27", "2026-02-27"))
    repo.git("mv", ACT, "records/2026/2026-03-14-zhishujie", day="2026-02-28", who="chen-jing")
    repo.git("commit", "-qm", "改目录名", day="2026-02-28", who="chen-jing")
    assert codes(repo) == []  # every genuine signoff is still found in its signer's commit
    moved = "records/2026/2026-03-14-zhishujie/proposal.yaml"
    path = repo.root / moved
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2026-03-12", "date: 2026-03-14", 1), encoding="utf-8")
    repo.commit("改日期", "chen-jing", "2026-02-28")
    chain(repo, moved, days=("2026-02-28", "2026-02-28", "2026-02-28"))
    assert codes(repo) == []
    path.write_text(path.read_text(encoding="utf-8").replace("place: 小区北侧绿地", "place: 会所前广场"), encoding="utf-8")
    repo.commit("改地点", "chen-jing", "2026-03-01")
    assert repo.sign(moved, "director", "chen-jing", "2026-03-01").code == 0
    assert repo.sign(moved, "manager", "wang-li", "2026-03-01").code == 0
    forge_gm(repo, moved, "2026-03-01")
    assert codes(repo) == ["GJ-C010", "GJ-C011"]


def test_a_copied_activity_carries_no_approval(repo):
    """Copying a whole approved activity (a second budget approved for free) is caught: each copied signoff."""
    chain(repo)
    base = repo.head()
    shutil.copytree(repo.root / ACT, repo.root / "records/2026/2026-03-12-zhishujie-b")
    repo.commit("复制活动", "wang-li", "2026-03-03")
    found = codes(repo, base)
    assert found and set(found) == {"GJ-C018"}


def test_a_copied_proposal_is_signed_anew_and_a_forged_one_is_caught(repo):
    """The director starts from a copy of another proposal, as docs/roles/director.md suggests."""
    chain(repo)
    base = repo.head()
    copy = "records/2026/2026-03-12-zhishujie-copy/proposal.yaml"
    (repo.root / copy).parent.mkdir()
    text = (repo.root / PROPOSAL).read_text(encoding="utf-8").replace("place: 小区北侧绿地", "place: 会所前广场")
    (repo.root / copy).write_text(text, encoding="utf-8")  # the old signoffs came along
    repo.commit("复制策划表", "chen-jing", "2026-03-03")
    assert "GJ-C002" in repo.errors("validate") and "GJ-C018" in codes(repo, base)
    (repo.root / copy).write_text(text[: text.index("\nprepared:\n") + 1], encoding="utf-8")  # as the page says: delete them
    repo.commit("删掉复制来的签字", "chen-jing", "2026-03-03")
    for role, who in (("director", "chen-jing"), ("manager", "wang-li")):
        assert repo.sign(copy, role, who, "2026-03-03").code == 0
    assert codes(repo, base) == []
    forge_gm(repo, copy, "2026-03-03")
    assert codes(repo, base) == ["GJ-C010", "GJ-C011"]


def test_last_years_decision_copied_into_this_year_is_caught(repo):
    path = repo.root / CHANGES
    path.write_text("changes:\n  - activity: zhishujie\n    action: cancelled\n    reason: 雨天\n", encoding="utf-8")
    repo.commit("取消", "wang-li", "2026-03-05")
    assert repo.sign(CHANGES, "gm", "zhao-guoqiang", "2026-03-05").code == 0
    base = repo.head()
    assert invoke("--root", str(repo.root), "new", "plan", "--year", "2027").code == 0
    shutil.copy(path, repo.root / "records/2027/changes.yaml")
    repo.commit("抄一份决定", "wang-li", "2026-03-06")
    assert "GJ-C018" in codes(repo, base)


def test_a_withdrawn_approval_cannot_be_restored(repo):
    chain(repo)
    path = repo.root / PROPOSAL
    signed = path.read_text(encoding="utf-8")
    path.write_text(signed[: signed.index("\napproved:\n") + 1], encoding="utf-8")
    repo.commit("撤回批准", "zhao-guoqiang", "2026-03-03", key=repo.gm_key)
    base = repo.head()
    path.write_text(signed, encoding="utf-8")  # the manager puts the GM's old approval back
    repo.commit("恢复批准", "wang-li", "2026-03-04")
    assert codes(repo, base) == ["GJ-C010", "GJ-C011", "GJ-C012"]


def test_padding_a_value_with_spaces_hides_nothing(repo):
    """The models read ``"zhao-guoqiang "`` as ``zhao-guoqiang``: so does the history."""
    for role, who, day in (("director", "chen-jing", "2026-02-20"), ("manager", "wang-li", "2026-02-27")):
        assert repo.sign(PROPOSAL, role, who, day).code == 0
    base = repo.head()
    forge_gm(repo)
    path = repo.root / PROPOSAL
    text = path.read_text(encoding="utf-8")
    for old, new in (("by: zhao-guoqiang", 'by: "zhao-guoqiang\u3000"'), ("  date: 2026-03-02", '  date: " 2026-03-02\t"')):
        text = text.replace(old, new)
    digest = text.split("digest: ")[-1].split()[0]
    text = text.replace(f"digest: {digest}\n", f'digest: "\\x73ha256:{digest[7:]} "\n', 1)  # escaped and padded
    path.write_text(text, encoding="utf-8")
    repo.commit("手改", "wang-li", "2026-03-02")
    assert codes(repo, base) == ["GJ-C010", "GJ-C011"]


def test_gm_approval_slipped_into_a_merge_commit_is_caught(repo):
    repo.git("switch", "-qc", "proposal")
    for role, who, day in (("director", "chen-jing", "2026-02-20"), ("manager", "wang-li", "2026-02-27")):
        assert repo.sign(PROPOSAL, role, who, day).code == 0
    repo.git("switch", "-q", "main")
    (repo.root / "docs.txt").write_text("别的改动\n", encoding="utf-8")
    repo.commit("另一处改动", "liu-yang", "2026-02-28")
    main = repo.head()
    repo.git("switch", "-q", "proposal")
    repo.git("merge", "--no-ff", "--no-commit", "main", day="2026-03-02", who="wang-li")
    forge = invoke("--root", str(repo.root), "approve", str(repo.root / PROPOSAL), "--as", "gm", "--by",
                   "zhao-guoqiang", "--today", "2026-03-02", env=repo.env("wang-li", "2026-03-02"))
    assert forge.code == 0, forge
    repo.git("add", "-A", day="2026-03-02", who="wang-li")
    repo.git("commit", "-qm", "Merge branch 'main' into proposal", day="2026-03-02", who="wang-li")
    assert len(repo.git("log", "-1", "--format=%P").split()) == 2  # a real merge commit
    assert codes(repo, main) == ["GJ-C010", "GJ-C011"]


def test_squash_merge_disowns_every_signoff(repo):
    repo.git("switch", "-qc", "proposal")
    chain(repo)
    repo.git("switch", "-q", "main")
    repo.git("merge", "--squash", "proposal", day="2026-03-03", who="chen-jing")
    repo.git("commit", "-qm", "策划表（压缩合并）", day="2026-03-03", who="chen-jing")
    found = codes(repo)
    # the manager's and the GM's signoffs are now the director's, and every signoff is dated before its commit
    assert found == ["GJ-C010", "GJ-C010", "GJ-C011", "GJ-C012", "GJ-C012", "GJ-C012"]


@pytest.mark.parametrize("how", ["rebase", "cherry-pick"])
def test_rewritten_commits_lose_the_gm_signature(repo, how):
    repo.git("switch", "-qc", "proposal")
    chain(repo)
    repo.git("switch", "-q", "main")
    (repo.root / "docs.txt").write_text("别的改动\n", encoding="utf-8")
    repo.commit("另一处改动", "liu-yang", "2026-02-28")
    if how == "rebase":
        repo.git("switch", "-q", "proposal")
        repo.git("rebase", "-q", "main", day="2026-03-03", who="wang-li")
    else:
        for sha in reversed(repo.git("log", "--format=%H", "main..proposal").split()):
            repo.git("cherry-pick", sha, day="2026-03-03", who="wang-li")
    assert codes(repo) == ["GJ-C011"]  # authors and author dates survive; the GM's SSH signature does not


# ---------------------------------------------------------------- every kind of signoff


def test_late_note_written_by_the_manager_is_caught(repo):
    """The proposal is approved late; the manager signs the GM's late note herself."""
    chain(repo, days=("2026-02-20", "2026-02-27", "2026-03-08"))
    assert "GJ-D001" in repo.errors("validate")
    base = repo.head()
    forged = repo.sign(PROPOSAL, "gm", "wang-li", "2026-03-08", "--by", "zhao-guoqiang", "--late", "approved",
                       "--reason", "总经理出差")
    assert forged.code == 0, forged
    assert "GJ-D001" not in repo.errors("validate")  # the note itself is in order…
    assert codes(repo, base) == ["GJ-C010", "GJ-C011"]  # …but the GM did not write it


def test_genuine_late_note_passes(repo):
    chain(repo, days=("2026-02-20", "2026-02-27", "2026-03-08"))
    base = repo.head()
    run = repo.sign(PROPOSAL, "gm", "zhao-guoqiang", "2026-03-08", "--late", "approved", "--reason", "总经理出差")
    assert run.code == 0, run
    assert codes(repo, base) == []
    late = [f["code"] for f in repo.findings("validate") if f["path"] == PROPOSAL and f["code"].startswith("GJ-D")]
    assert late == ["GJ-D002"]


def test_change_decision_written_by_the_manager_is_caught(repo):
    path = repo.root / CHANGES
    path.write_text("changes:\n  - activity: zhishujie\n    action: postponed\n    new_date: 2026-03-19\n"
                    "    approval_carries_over: true\n    reason: 雨天\n", encoding="utf-8")
    repo.commit("改期", "wang-li", "2026-03-05")
    base = repo.head()
    assert [f["code"] for f in repo.findings("validate") if f["path"] == CHANGES] == ["GJ-C006"]
    forged = repo.sign(CHANGES, "gm", "wang-li", "2026-03-05", "--by", "zhao-guoqiang")
    assert forged.code == 0, forged
    assert codes(repo, base) == ["GJ-C010", "GJ-C011"]
    repo.git("reset", "-q", "--hard", base)
    assert repo.sign(CHANGES, "gm", "zhao-guoqiang", "2026-03-05").code == 0
    assert codes(repo, base) == []


def test_edited_decision_after_the_gm_signed_is_stale(repo):
    path = repo.root / CHANGES
    path.write_text("changes:\n  - activity: zhishujie\n    action: postponed\n    new_date: 2026-03-19\n"
                    "    approval_carries_over: true\n    reason: 雨天\n", encoding="utf-8")
    repo.commit("改期", "wang-li", "2026-03-05")
    assert repo.sign(CHANGES, "gm", "zhao-guoqiang", "2026-03-05").code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("2026-03-19", "2026-03-26"), encoding="utf-8")
    assert "GJ-C002" in repo.errors("validate")


def test_plan_approval_written_by_the_manager_is_caught(tmp_path):
    r = make_repo(tmp_path, unsigned=(PLAN,))
    for day in ("2026-01-04", "2026-01-06"):
        assert r.sign(PLAN, "manager", "wang-li", day).code == 0
    forge_gm(r, PLAN, "2026-01-08")
    assert codes(r, r.initial) == ["GJ-C010", "GJ-C011"]


def test_amendment_written_by_a_butler_is_caught(repo):
    record = repo.root / RECORD
    record.write_text(record.read_text(encoding="utf-8").replace("households: 46", "households: 47"), encoding="utf-8")
    (repo.root / ACT / "amendments.yaml").write_text(
        "amendments:\n  - date: 2026-12-01\n    reason: 更正参加户数笔误\n    files: [record.yaml]\n", encoding="utf-8")
    run = repo.sign(f"{ACT}/amendments.yaml", "manager", "liu-yang", "2026-12-01", "--by", "wang-li")
    assert run.code == 0, run
    assert codes(repo, repo.initial) == ["GJ-C010"]


# ---------------------------------------------------------------- authority from the base


def test_butler_who_makes_himself_gm_in_the_pull_request_gains_nothing(repo):
    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    base = repo.head()
    roster = repo.root / "records/roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace(
        "      - role: butler\n        start: 2024-06-01\n",
        "      - role: butler\n        start: 2024-06-01\n      - role: gm\n        start: 2026-03-01\n"), encoding="utf-8")
    repo.commit("花名册", "liu-yang", "2026-03-02")
    assert repo.sign(PROPOSAL, "gm", "liu-yang", "2026-03-02").code == 0
    assert [c for c in repo.errors("validate") if c.startswith(("GJ-A", "GJ-C"))] == []  # his own roster says yes
    assert "GJ-C016" in codes(repo, base)  # the base's roster says no


@pytest.mark.parametrize("grant", ["email", "key"])
def test_manager_who_adds_her_identity_to_the_gm_gains_nothing(repo, grant):
    from signers import keygen

    assert repo.sign(PROPOSAL, "director", "chen-jing", "2026-02-20").code == 0
    assert repo.sign(PROPOSAL, "manager", "wang-li", "2026-02-27").code == 0
    base = repo.head()
    roster = repo.root / "records/roster.yaml"
    text = roster.read_text(encoding="utf-8")
    key, pub = keygen(repo.keys, "hers")
    if grant == "email":
        text = text.replace("[zhaoguoqiang@huasheng-wy.example]", "[zhaoguoqiang@huasheng-wy.example, wangli2@huasheng-wy.example]")
    else:
        text = text.replace(repo.gm_pub, pub)
    roster.write_text(text, encoding="utf-8")
    repo.commit("花名册", "wang-li", "2026-03-02")
    forged = repo.sign(PROPOSAL, "gm", "wang-li", "2026-03-02", "--by", "zhao-guoqiang", key=key)
    assert forged.code == 0, forged
    assert {"GJ-C010", "GJ-C011"} <= set(codes(repo, base))


# ---------------------------------------------------------------- the clock and the command line


def test_base_that_does_not_exist_is_a_usage_error(repo):
    run = invoke("--root", str(repo.root), "approvals", "--base", "origin/mian")
    assert run.code == 2 and "找不到提交“origin/mian”" in run.err, run
    run = invoke("--root", str(repo.root), "archive-check", "--base", "origin/mian")
    assert run.code == 2 and "找不到提交" in run.err, run


def test_no_pre_signing(repo):
    refused = repo.sign(PROPOSAL, "director", "chen-jing", "2099-01-01")
    assert refused.code == 2 and "不能预先签字" in refused.err, refused
    from datetime import date

    from guanjia.archive import build
    from guanjia.edit import set_signoff
    from guanjia.signing import digest

    proposal = build(repo.root).years[2026].activity_for("zhishujie").proposal
    path = repo.root / PROPOSAL
    path.write_bytes(set_signoff(path.read_bytes(), "prepared", "chen-jing", date(2099, 1, 1), digest(proposal)))
    assert "GJ-C015" in repo.errors("validate")
    repo.commit("预签", "chen-jing", "2099-01-01")
    assert "GJ-C015" in codes(repo, repo.initial)


def test_uncommitted_signoff_is_only_a_warning(repo):
    run = invoke("--root", str(repo.root), "approve", str(repo.root / PROPOSAL), "--as", "director", "--by",
                 "chen-jing", "--today", "2026-02-20")
    assert run.code == 0, run
    found = repo.findings("approvals", "--base", repo.initial)
    assert [(f["code"], f["severity"]) for f in found] == [("GJ-C014", "warning")]


# ---------------------------------------------------------------- on the git host (GitHub API on loopback)


class _Host(BaseHTTPRequestHandler):
    pull: dict = {}
    reviews: list = []

    def do_GET(self):  # noqa: N802 - the http.server API
        body = self.reviews if self.path.endswith("/reviews?per_page=100") else self.pull
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode("utf-8"))

    def log_message(self, *args):
        pass


@pytest.fixture
def host():
    server = HTTPServer(("127.0.0.1", 0), _Host)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield _Host, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def review(login: str, day: str, state: str = "APPROVED") -> dict:
    return {"user": {"login": login}, "state": state, "submitted_at": f"{day}T02:00:00Z"}


def on_host(r, api: str, base: str) -> list[str]:
    env = {"GITHUB_API_URL": api, "GITHUB_REPOSITORY": "huasheng/cuihu-huodong", "GITHUB_TOKEN": "t"}
    run = invoke("--root", str(r.root), "approvals", "--base", base, "--github-pr", "7", "--format", "json", env=env)
    assert run.code in (0, 1), run
    return sorted(f["code"] for f in run.json()["findings"] if f["severity"] == "error")


def test_roster_change_needs_the_gm_on_the_host(repo, host):
    handler, api = host
    roster = repo.root / "records/roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("login: liuyang-gj", "login: liuyang-new"), encoding="utf-8")
    repo.commit("花名册：刘洋换了账号", "wang-li", "2026-03-02")
    handler.pull = {"user": {"login": "wangli-gj"}}
    handler.reviews = [review("wangli-gj", "2026-03-02")]
    assert on_host(repo, api, repo.initial) == ["GJ-C024"]
    handler.reviews = [review("wangli-gj", "2026-03-02"), review("zhao-guoqiang", "2026-03-02")]
    assert on_host(repo, api, repo.initial) == []


def test_every_kind_of_signoff_needs_its_signer_on_the_host(repo, host):
    """The GM's late note needs the GM's approving review like an approval does; the author's own signoffs do not."""
    handler, api = host
    chain(repo, days=("2026-02-20", "2026-02-27", "2026-03-08"))
    assert repo.sign(PROPOSAL, "gm", "zhao-guoqiang", "2026-03-08", "--late", "approved", "--reason", "出差").code == 0
    handler.pull = {"user": {"login": "chenjing-gj"}}
    handler.reviews = [review("wangli-gj", "2026-02-27")]
    assert on_host(repo, api, repo.initial) == ["GJ-C021", "GJ-C021"]  # the GM's approval and his late note
    handler.reviews = [review("wangli-gj", "2026-02-27"), review("zhao-guoqiang", "2026-03-08")]
    assert on_host(repo, api, repo.initial) == []
    handler.reviews.append(review("zhao-guoqiang", "2026-03-09", "DISMISSED"))
    assert on_host(repo, api, repo.initial) == ["GJ-C021", "GJ-C021"]


def test_a_shallow_clone_is_refused_not_misread(repo, tmp_path):
    chain(repo)
    clone = tmp_path / "shallow"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    run = invoke("--root", str(clone), "approvals")
    assert run.code == 2 and "浅克隆" in run.err and "fetch-depth: 0" in run.err, run


def test_the_base_time_zone_decides_what_is_pre_signed(repo):
    """A pull request that moves the project to UTC+14 cannot sign tomorrow's date: China's today is the base's."""
    import os
    import subprocess
    import sys
    from datetime import date

    from guanjia.archive import build
    from guanjia.edit import set_signoff
    from guanjia.signing import digest

    base = repo.head()
    settings = repo.root / "guanjia.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("timezone: Asia/Shanghai", "timezone: Pacific/Kiritimati"),
                        encoding="utf-8")
    path = repo.root / PROPOSAL
    proposal = build(repo.root).years[2026].activity_for("zhishujie").proposal
    path.write_bytes(set_signoff(path.read_bytes(), "prepared", "chen-jing", date(2026, 2, 21), digest(proposal)))
    repo.git("add", "-A")
    repo.git("commit", "-qm", "签字", day="2026-02-21", who="chen-jing")
    env = {**os.environ, "TZ": "UTC", "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run(["faketime", "2026-02-20 11:00:00", sys.executable, "-m", "guanjia", "--root", str(repo.root),
                          "approvals", "--base", base, "--format", "json"], capture_output=True, text=True, env=env)
    codes = sorted(f["code"] for f in __import__("json").loads(run.stdout)["findings"])
    assert "GJ-C015" in codes, run.stdout + run.stderr  # 20 February 19:00 in China; already the 21st at UTC+14
