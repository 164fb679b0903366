"""The command contract: exit codes, the JSON shape, schema freshness, help text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, copy_demo, guanjia
from guanjia.models import Settings
from guanjia.site.handbook import render

PACKAGE = REPO / "tools" / "guanjia"


# the demo's deliberate doubts: 六一 approved a day late (the GM signed why), 重阳敬老 went over budget
DEMO_WARNINGS = [("GJ-D002", "records/2026/2026-05-31-liuyi/proposal.yaml"),
                 ("GJ-A021", "records/2026/2026-10-18-chongyang/evaluation.yaml")]


def test_demo_validates_clean():
    run = guanjia("validate")
    assert run.code == 0, run
    assert "0 个错误" in run.out


def test_json_contract():
    run = guanjia("validate", "--format", "json")
    assert run.code == 0, run
    payload = run.json()
    assert set(payload) == {"findings", "summary"}
    assert [(f["code"], f["path"]) for f in payload["findings"]] == DEMO_WARNINGS
    assert all(f["severity"] == "warning" for f in payload["findings"])
    assert set(payload["summary"]) == {"files", "errors", "warnings"}
    assert payload["summary"]["files"] >= 30 and payload["summary"]["errors"] == 0


def test_json_and_github_report_findings(tmp_path):
    project = copy_demo(tmp_path)
    (project / "records/2026/2026-03-12-zhishujie/proposal.yaml").write_text("theme: [\n", encoding="utf-8")
    run = guanjia("--root", str(project), "validate", "--format", "json")
    assert run.code == 1, run
    finding = run.json()["findings"][0]
    assert list(finding) == ["severity", "code", "path", "line", "column", "message", "hint"]
    assert finding["path"] == "records/2026/2026-03-12-zhishujie/proposal.yaml"
    assert finding["severity"] == "error" and finding["code"].startswith("GJ-L")
    gh = guanjia("--root", str(project), "validate", "--format", "github")
    assert gh.code == 1
    assert gh.out.startswith("::error file=records/2026/2026-03-12-zhishujie/proposal.yaml,line=")


def test_validate_paths_filter(tmp_path):
    project = copy_demo(tmp_path)
    (project / "records/2026/2026-03-12-zhishujie/record.yaml").write_text("held: [\n", encoding="utf-8")
    other = guanjia("--root", str(project), "validate", str(project / "records/2026/plan.yaml"))
    assert other.code == 0, other
    this = guanjia("--root", str(project), "validate", str(project / "records/2026/2026-03-12-zhishujie"))
    assert this.code == 1, this


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["nosuchcommand"]])
def test_usage_errors_exit_2(args):
    assert guanjia(*args).code == 2


def test_missing_project_exits_2(tmp_path):
    run = guanjia("validate", cwd=tmp_path)
    assert run.code == 2, run
    assert "找不到 guanjia 项目" in run.err and "Traceback" not in run.err


def test_schema_check_passes_on_main():
    run = guanjia("schema", "--check")
    assert run.code == 0, run


def test_schema_check_fails_after_a_model_change(tmp_path):
    """Add a field to a model without regenerating: the check must notice."""
    code = tmp_path / "code"
    shutil.copytree(PACKAGE, code / "guanjia")
    model = code / "guanjia" / "models" / "record.py"
    text = model.read_text(encoding="utf-8")
    text = text.replace('    place: Text = Field(title="实际地点")',
                        '    place: Text = Field(title="实际地点")\n    weather: Text | None = Field(None, title="天气")')
    model.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(code)}
    check = subprocess.run([sys.executable, "-m", "guanjia", "schema", "--check"], cwd=REPO, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 1, check.stderr
    assert "record.schema.json" in check.stderr


def test_schema_write_then_check(tmp_path):
    project = tmp_path / "p"
    (project / "records").mkdir(parents=True)
    assert guanjia("--root", str(project), "schema", "--check").code == 1
    assert guanjia("--root", str(project), "schema").code == 0
    assert guanjia("--root", str(project), "schema", "--check").code == 0
    assert sorted(p.name for p in (project / "schemas").iterdir()) == sorted(
        p.name for p in (REPO / "schemas").iterdir())


def test_every_command_has_help_with_an_example():
    from guanjia.cli import main

    for name, command in main.commands.items():
        run = guanjia(name, "--help")
        assert run.code == 0, run
        assert "例子" in (command.help or ""), f"{name} 的帮助没有例子"


def test_demo_files_carry_the_schema_line():
    for path in (REPO / "records").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        depth = len(path.relative_to(REPO).parts) - 1
        kind = "roster" if path.name == "roster.yaml" else path.stem
        assert first == f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json", path


def test_modules_stay_small():
    for path in PACKAGE.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 320, f"{path.relative_to(REPO)} has {lines} lines"




def test_every_finding_code_is_documented():
    import re

    codes = set()
    for path in PACKAGE.rglob("*.py"):
        codes |= set(re.findall(r"GJ-[A-Z]\d{3}", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"GJ-[A-Z]\d{3}", render("codes.md", Settings())))
    assert codes and codes <= documented, sorted(codes - documented)


def test_every_command_is_in_the_readme():
    from guanjia.cli import main

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"guanjia {name}" in readme, name


def test_the_signoff_table_is_the_procedure():
    """The documents page lists each form's signoff blocks exactly as the procedure's steps define them."""
    from guanjia.models.common import ROLES
    from guanjia.signing import STEP_ZH, STEPS, steps_of
    from guanjia.signoffs import DOC_ZH

    rows = ["| 表单 | " + " | ".join(f"`{s}` {STEP_ZH[s]}" for s in STEPS) + " |", "|---" * (len(STEPS) + 1) + "|"]
    for kind in ("plan", "proposal", "notice", "readiness", "record", "evaluation"):
        steps = steps_of(kind)
        rows.append(f"| {DOC_ZH[kind]} | " + " | ".join("或".join(ROLES[r] for r in steps[s]) if s in steps else "—"
                                                       for s in STEPS) + " |")
    assert "\n".join(rows) in render("documents.md", Settings())
    from guanjia.models import DOCUMENTS

    for kind in ("plan", "proposal", "notice", "readiness", "record", "evaluation"):
        assert DOCUMENTS[kind].steps() == tuple(steps_of(kind)), kind  # the models declare exactly these blocks
