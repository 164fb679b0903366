"""The git-host setup: workflows that pass zizmor, init, CODEOWNERS, and PR reviews checked offline."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from conftest import REPO, guanjia
from guanjia import github
from guanjia.archive import build
from guanjia.init import SOURCE_INSTALL, github_files, workflows

RECORDED = REPO / "tests" / "examples" / "github"
ZIZMOR = Path(sys.executable).parent / "zizmor"


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ZIZMOR), "--offline", "--persona", "auditor", "--no-progress", str(folder)],
                          capture_output=True, text=True)


def test_our_workflows_pass_zizmor():
    run = zizmor(REPO / ".github" / "workflows")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout


def test_our_github_folder_is_the_template(cli):
    """One source: this repository's workflows are the init templates, installing from source."""
    for rel, text in workflows(SOURCE_INSTALL).items():
        assert (REPO / rel).read_text(encoding="utf-8") == text, rel
    rendered = github_files(SOURCE_INSTALL, None, __import__("datetime").date(2026, 1, 1))
    assert (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8") == \
        rendered[".github/pull_request_template.md"]
    assert cli("codeowners", "--check").code == 0


def test_our_mkdocs_yml_is_the_template():
    """One source: this repository's mkdocs.yml is what init gives an estate, with the demo's names."""
    from guanjia.init import project_files

    rendered = project_files("翠湖花园", "华晟物业管理有限公司", __import__("datetime").date(2026, 1, 1))
    assert (REPO / "mkdocs.yml").read_text(encoding="utf-8") == rendered["mkdocs.yml"]


@pytest.mark.parametrize(("today", "year"), [("2026-01-02", 2026), ("2026-11-30", 2026), ("2026-12-01", 2027)])
def test_init_names_the_plan_year_to_write(tmp_path, today, year):
    """In December a new estate plans next year; before that, this year."""
    from conftest import invoke

    run = invoke("init", str(tmp_path / "p"), "--today", today)
    assert run.code == 0 and f"guanjia new plan --year {year} " in run.out, run


@pytest.mark.parametrize("name", ["", "  ", "翠湖\n花园", "翠湖\t花园", "翠湖\x00花园", "翠湖\u200b花园"])
def test_init_refuses_a_name_that_is_not_one_line_of_text(tmp_path, name):
    from conftest import invoke

    run = invoke("init", str(tmp_path / "p"), "--project", name)
    assert run.code == 2 and "要写一行文字" in run.err and not (tmp_path / "p").exists(), run


def test_init_makes_a_project_that_validates_builds_and_passes_zizmor(tmp_path):
    target = tmp_path / "cuihu"
    made = guanjia("init", str(target), "--project", "翠湖花园", "--company", "华晟物业管理有限公司")
    assert made.code == 0, made
    run = guanjia("validate", cwd=target)
    assert run.code == 0, run
    assert guanjia("codeowners", "--check", cwd=target).code == 0
    assert guanjia("schema", "--check", cwd=target).code == 0
    site = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=target,
                          capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert site.returncode == 0, site.stderr
    assert "翠湖花园" in (target / "site" / "index.html").read_text(encoding="utf-8")
    for page in ("plan/index.html", "calendar/index.html", "stats.html", "procedure.html", "roles/it.html"):
        assert (target / "site" / page).is_file(), page
    check = zizmor(target / ".github" / "workflows")
    assert check.returncode == 0, check.stdout + check.stderr
    workflow = (target / ".github/workflows/guanjia-check.yml").read_text(encoding="utf-8")
    assert "pull_request_target:" not in workflow and "pip install -r requirements.txt" in workflow
    assert 'cron: "30 0 * * *"' in (target / ".github/workflows/guanjia-reminder.yml").read_text(encoding="utf-8")


def test_init_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    run = guanjia("init", str(tmp_path))
    assert run.code == 2 and "不是空目录" in run.err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_codeowners_follows_the_roster(demo):
    shutil.copytree(REPO / ".github", demo / ".github")
    assert guanjia("--root", str(demo), "codeowners", "--check").code == 0
    roster = demo / "records/roster.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace("login: wangli-gj", "login: wangli-new"),
                      encoding="utf-8")
    assert guanjia("--root", str(demo), "codeowners", "--check").code == 1
    assert guanjia("--root", str(demo), "codeowners").code == 0
    assert "/records/**/record.yaml @wangli-new" in (demo / ".github/CODEOWNERS").read_text(encoding="utf-8")


def test_codeowners_and_the_role_pages_say_the_same():
    """One source (init.OWNERS) for CODEOWNERS and for what the pages tell each role about it."""
    from guanjia.init import owners_table
    from guanjia.models import Settings
    from guanjia.site.handbook import render, shipped

    pages = {src.removeprefix("roles/"): render(src, Settings()) for src in shipped() if src.startswith("roles/")}
    assert owners_table() in pages["it.md"]
    assert guanjia("codeowners", "--check").code == 0
    # stale approvals are kept (the digest already voids a signature on changed content): no page may say otherwise
    assert "| ├ **Dismiss stale pull request approvals when new commits are pushed** | **不要**勾选" in pages["it.md"]
    for name, text in pages.items():
        for claim in ("自动作废", "自动撤销", "会被撤销", "只有您一个 Code Owner", "Code Owner 只有你一个人"):
            assert claim not in text, (name, claim)


def test_pre_commit_hook_runs_validate():
    from guanjia.load import load_file

    [hook] = load_file(REPO / ".pre-commit-hooks.yaml").data
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == ("guanjia-validate", "guanjia validate", "false")


# ---------------------------------------------------------------- pull-request reviews, offline


def proposal_signoffs():
    from guanjia.signoffs import of_document

    archive = build(REPO / "tests" / "examples" / "base")
    activity = archive.years[2026].activity_for("zhishujie")
    return archive, list(of_document("proposal", activity.docs["proposal"], activity.proposal, activity.folder))


def recorded(name: str):
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


def codes(reviews, pull=None) -> list[tuple[str, str]]:
    archive, items = proposal_signoffs()
    found = github.check_reviews(items, archive.roster, pull or recorded("pull.json"), reviews, "Asia/Shanghai")
    return [(f.code, f.severity.value) for f in found]


def test_recorded_reviews_match_the_chain():
    """The GM approved at 17:20 UTC on 1 March: 2 March in China, the date of the signoff."""
    assert codes(recorded("reviews.json")) == []


def test_missing_approval_is_reported():
    reviews = [r for r in recorded("reviews.json") if r["user"]["login"] != "zhao-guoqiang"]
    assert codes(reviews) == [("GJ-C021", "error")]


def test_changes_requested_after_approval_withdraws_it():
    reviews = recorded("reviews.json")
    later = copy.deepcopy(reviews[2])
    later.update(id=2004, state="CHANGES_REQUESTED", submitted_at="2026-03-02T03:00:00Z")
    assert codes([*reviews, later]) == [("GJ-C021", "error")]


def test_review_dates_against_signoff_dates():
    reviews = recorded("reviews.json")
    reviews[1]["submitted_at"] = "2026-02-25T01:00:00Z"  # the manager approved before signing on 27 Feb
    reviews[2]["submitted_at"] = "2026-03-04T01:00:00Z"  # the GM approved two days after the signoff
    assert codes(reviews) == [("GJ-C022", "error"), ("GJ-C023", "warning")]


def test_preparation_needs_the_author_or_an_approval():
    pull = recorded("pull.json")
    pull["user"]["login"] = "someone-else"
    assert codes(recorded("reviews.json"), pull) == [("GJ-C021", "error")]


class _Recorded(BaseHTTPRequestHandler):
    """Serves the recorded API responses on loopback, reviews in two pages."""

    def do_GET(self):  # noqa: N802 - the http.server API
        port = self.server.server_address[1]
        if self.path == "/repos/huasheng/cuihu-huodong/pulls/12":
            body, link = recorded("pull.json"), None
        elif self.path.startswith("/repos/huasheng/cuihu-huodong/pulls/12/reviews"):
            reviews = recorded("reviews.json")
            first = "page=2" not in self.path
            body = reviews[:2] if first else reviews[2:]
            link = f'<http://127.0.0.1:{port}/repos/huasheng/cuihu-huodong/pulls/12/reviews?per_page=100&page=2>; ' \
                   'rel="next"' if first else None
        else:
            self.send_response(404)
            self.end_headers()
            return
        assert self.headers["Authorization"] == "Bearer test-token"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if link:
            self.send_header("Link", link)
        self.end_headers()
        self.wfile.write(json.dumps(body).encode("utf-8"))

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    server = HTTPServer(("127.0.0.1", 0), _Recorded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_follows_pages(api):
    pull, reviews = github.fetch("huasheng/cuihu-huodong", 12, token="test-token", api=api)
    assert pull["number"] == 12 and [r["id"] for r in reviews] == [2001, 2002, 2003]


def test_fetch_failure_is_a_chinese_error(api):
    from guanjia.errors import GuanjiaError

    with pytest.raises(GuanjiaError, match="无法读取 GitHub 上的审核记录"):
        github.fetch("huasheng/cuihu-huodong", 99, token="test-token", api=api)


def test_markdown_reminder_keeps_record_text_as_text(demo):
    plan = demo / "records/2026/plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("theme: 跨年迎新音乐会", 'theme: "跨年|<b>迎新</b>"'),
                    encoding="utf-8")
    run = guanjia("--root", str(demo), "deadlines", "--today", "2026-12-10", "--format", "markdown")
    assert "跨年\\|\\<b\\>迎新\\</b\\>" in run.out, run
