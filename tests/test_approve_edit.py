"""``guanjia approve`` changes the signoff block and not one other byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, guanjia, invoke

PLAN = "records/2026/plan.yaml"

ODD = """\ufeff# yaml-language-server: $schema=../../schemas/plan.schema.json\r
# 年度计划 —— 注释里有“引号”、: 冒号、# 井号\r
year: 2026   # 行尾注释\r
items:\r
  - {id: yuanxiao, date: 2026-03-03, theme: '元宵喜乐会', form: "室内游园会", content: 猜灯谜, budget: 5000, category: 节日}\r
  - id: zhishujie        # 植树\r
    date: 2026-03-12\r
    theme: "春风植绿·亲子植树"\r
    form: '户外亲子''公益''活动'\r
    content: >-\r
      业主家庭认领树苗，\r
      在小区北侧绿地补种。\r
    budget: 3000.00\r
    category: 公益\r
\r
  # 下半年\r
  - id: chongyang\r
    date: 2026-10-18\r
    theme: 九九重阳·敬老午宴\r
    form: 公益敬老活动\r
    content: |\r
      为小区老人举办午宴。\r
        （缩进的第二行）\r
    budget: 6000\r
    category: 公益\r
\r
# 签字\r
prepared:   # 经理编制\r
  by: wang-li\r
  date: 2026-01-04\r
  # digest 由 guanjia approve 写入\r
\r
# 以下为批准\r
"""


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(REPO / "tests/examples/base", root)
    (root / PLAN).write_bytes(ODD.encode("utf-8"))
    return root


def approve(root: Path, role: str, by: str, day: str):
    return guanjia("--root", str(root), "approve", str(root / PLAN), "--as", role, "--by", by, "--today", day)


def test_append_keeps_every_other_byte(project):
    before = (project / PLAN).read_bytes()
    assert approve(project, "manager", "wang-li", "2026-01-04").code == 0  # re-sign: replaces the block
    middle = (project / PLAN).read_bytes()
    head, tail = before.split(b"prepared:", 1)
    assert middle.startswith(head + b"prepared:\r\n  by: wang-li\r\n  date: 2026-01-04\r\n  digest: sha256:")
    assert middle.endswith(b"\r\n\r\n# \xe4\xbb\xa5\xe4\xb8\x8b\xe4\xb8\xba\xe6\x89\xb9\xe5\x87\x86\r\n")  # "# 以下为批准"
    for role, by, day, step in (("manager", "wang-li", "2026-01-06", "submitted"), ("gm", "zhao-guoqiang", "2026-01-08", "approved")):
        run = approve(project, role, by, day)
        assert run.code == 0, run
        after = (project / PLAN).read_bytes()
        assert after.startswith(middle)  # appended: everything before is byte-identical
        added = after[len(middle):].decode("utf-8")
        assert added.startswith(f"{step}:\r\n  by: {by}\r\n  date: {day}\r\n  digest: sha256:")
        assert added.count("\r\n") == 4 and "\n" not in added.replace("\r\n", "")
        middle = after
    assert after.startswith(b"\xef\xbb\xbf")
    result = guanjia("--root", str(project), "validate", "--format", "json")
    assert not [f for f in result.json()["findings"] if f["path"] == PLAN and f["severity"] == "error"], result


def sign_plan(project):
    for role, by, day in (("manager", "wang-li", "2026-01-04"), ("manager", "wang-li", "2026-01-06"),
                          ("gm", "zhao-guoqiang", "2026-01-08")):
        assert approve(project, role, by, day).code == 0


def test_re_signing_replaces_only_its_block(project):
    sign_plan(project)
    path = project / PLAN
    path.write_bytes(path.read_bytes().replace(b"budget: 6000\r", b"budget: 6500\r"))  # a change after signing
    before = path.read_bytes()
    run = approve(project, "manager", "wang-li", "2026-01-07")
    assert run.code == 0 and "编制" in run.out, run
    after = path.read_bytes()
    old = before.split(b"prepared:")[1].split(b"\r\n\r\n")[0]
    new = after.split(b"prepared:")[1].split(b"\r\n\r\n")[0]
    assert after == before.replace(old, new) and b"2026-01-07" in new and old != new


def test_signing_twice_changes_nothing(project):
    sign_plan(project)
    before = (project / PLAN).read_bytes()
    run = approve(project, "gm", "zhao-guoqiang", "2026-01-09")
    assert run.code == 0 and "已经签过" in run.out, run
    assert (project / PLAN).read_bytes() == before


def test_refuses_a_broken_file_and_leaves_it(project):
    (project / PLAN).write_bytes(b"year: 2026\nitems: [\n")
    run = approve(project, "gm", "zhao-guoqiang", "2026-01-08")
    assert run.code == 2 and "有错误" in run.err
    assert (project / PLAN).read_bytes() == b"year: 2026\nitems: [\n"


def test_refuses_a_signer_from_git_who_is_not_in_the_roster(project):
    run = guanjia("--root", str(project), "approve", str(project / PLAN), "--as", "gm", "--today", "2026-01-08")
    assert run.code == 2 and "不在花名册中" in run.err


def test_gm_signs_a_late_note_the_manager_wrote(tmp_path):
    """The manager writes the note (step and reason); the GM's signature goes into that entry, nothing else moves."""
    root = tmp_path / "p"
    shutil.copytree(REPO / "tests/examples/base", root)
    path = root / "records/2026/2026-03-12-zhishujie/proposal.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "late:\n  - step: approved   # 经理写\n    reason: 出差\n",
                    encoding="utf-8")
    before = path.read_bytes()
    run = invoke("--root", str(root), "approve", str(path), "--as", "gm", "--by", "zhao-guoqiang", "--today",
                 "2026-03-02", "--late", "approved")
    assert run.code == 0 and "逾期说明（批准）" in run.out, run
    after = path.read_bytes()
    assert after.startswith(before) and after[len(before):].decode().startswith("    approved:\n      by: zhao-guoqiang\n")
    wrong = invoke("--root", str(root), "approve", str(path), "--as", "gm", "--by", "zhao-guoqiang", "--today",
                   "2026-03-02", "--late", "approved", "--reason", "别的原因")
    assert wrong.code == 2 and "要改原因" in wrong.err
    nothing = invoke("--root", str(root), "approve", str(path), "--as", "gm", "--by", "zhao-guoqiang", "--today",
                     "2026-03-02", "--late", "reviewed")
    assert nothing.code == 2 and "--reason" in nothing.err
    manager = invoke("--root", str(root), "approve", str(path), "--as", "manager", "--by", "wang-li", "--today",
                     "2026-03-02", "--late", "approved")
    assert manager.code == 2 and "逾期说明由项目总经理签字" in manager.err


def test_gm_signs_every_pending_decision(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(REPO / "tests/examples/base", root)
    path = root / "records/2026/changes.yaml"
    path.write_text("changes:\n  - activity: zhishujie\n    action: cancelled\n    reason: 暴雨\n"
                    "  - activity: chongyang\n    action: postponed\n    new_date: 2026-10-25\n"
                    "    approval_carries_over: false\n    reason: 场地维修\n", encoding="utf-8")
    run = invoke("--root", str(root), "approve", str(path), "--as", "gm", "--by", "zhao-guoqiang", "--today", "2026-03-01")
    assert run.code == 0 and "第 1 项 zhishujie、第 2 项 chongyang" in run.out, run
    again = invoke("--root", str(root), "approve", str(path), "--as", "gm", "--by", "zhao-guoqiang", "--today", "2026-03-01")
    assert again.code == 0 and "已经签过" in again.out
    result = invoke("--root", str(root), "validate", "--format", "json")
    assert [f for f in result.json()["findings"] if f["path"] == "records/2026/changes.yaml"] == []
