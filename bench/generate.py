"""Synthetic projects for the benchmarks: N activities shaped like the demo, sealed and hashed.

Each activity has a plan item, a proposal, an owners' notice, a readiness check, a record with
its attachments and an evaluation, all signed with real digests, spread over as many years as
needed (at most PER_YEAR activities a year), so that ``guanjia validate`` finds nothing wrong.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

from guanjia.archive import build  # noqa: E402
from guanjia.signing import digest  # noqa: E402

DEMO = REPO / "records" / "2026" / "2026-03-12-zhishujie"
PER_YEAR = 300
CATEGORIES = ["节日", "公益", "社区文化", "安全", "公益", "亲子"]  # 公益 in both halves even for a handful


def emit(value, indent: int = 0) -> str:
    """Block YAML from plain data; strings as JSON (valid YAML), dates and numbers plain."""
    pad = " " * indent
    if isinstance(value, dict):
        out = ""
        for k, v in value.items():
            if isinstance(v, dict | list) and v:
                out += f"{pad}{k}:\n{emit(v, indent + 2)}"
            else:
                out += f"{pad}{k}: {scalar(v)}\n"
        return out
    return "".join(f"{pad}- " + (emit(item, indent + 2).lstrip() if isinstance(item, dict)
                                 else scalar(item) + "\n") for item in value)


def scalar(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, list):
        return "[]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float | Decimal | date):
        return str(v)
    if isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-":
        return v
    return json.dumps(v, ensure_ascii=False)


def _data(model) -> dict:
    return model.model_dump(mode="json", exclude_none=True, exclude={"late"} if not model.late else set())


def _sign(model, steps: dict[str, tuple[str, date]]):
    seal = digest(model)
    update = {step: {"by": by, "date": day, "digest": seal} for step, (by, day) in steps.items()}
    return type(model).model_validate({**_data(model), **update})


def generate(root: Path, activities: int) -> Path:
    """A project with ``activities`` activities (5 documents each) under ``root``."""
    if root.exists():
        shutil.rmtree(root)
    (root / "records").mkdir(parents=True)
    shutil.copy(REPO / "guanjia.yml", root / "guanjia.yml")
    roster = (REPO / "records" / "roster.yaml").read_text(encoding="utf-8")
    roster = roster.replace("start: 2023-07-01", "start: 2000-01-01").replace("start: 2024-03-01", "start: 2000-01-01")
    roster = roster.replace("start: 2025-01-01", "start: 2000-01-01").replace("start: 2024-06-01", "start: 2000-01-01")
    (root / "records" / "roster.yaml").write_text(roster, encoding="utf-8")
    (root / "guanjia.yml").write_text((root / "guanjia.yml").read_text(encoding="utf-8").replace(
        "annual_budget: 60000", "annual_budget: 100000000"), encoding="utf-8")
    demo = build(REPO).years[2026].activity_for("zhishujie")
    years = max(1, -(-activities // PER_YEAR))
    made = 0
    for y in range(years):
        year = 2026 - years + 1 + y
        count = min(PER_YEAR, activities - made)
        items = []
        for i in range(count):
            day = date(year, 1, 15) + timedelta(days=(i * 340) // max(count, 1))
            slug = f"huodong-{i:04d}"
            items.append({"id": slug, "date": day.isoformat(), "theme": f"{demo.proposal.theme}（第 {i + 1} 场）",
                          "form": demo.proposal.form, "content": demo.proposal.content.strip(), "budget": 3000,
                          "category": CATEGORIES[i % len(CATEGORIES)]})
            _activity(root / "records" / str(year), demo, slug, day, i)
        made += count
        folder = root / "records" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        plan = {"year": year, "items": items}
        from guanjia.models import Plan

        sealed = _sign(Plan.model_validate(plan), {"prepared": ("wang-li", date(year, 1, 4)),
                                                   "submitted": ("wang-li", date(year, 1, 6)),
                                                   "approved": ("zhao-guoqiang", date(year, 1, 8))})
        (folder / "plan.yaml").write_text(emit(_data(sealed)), encoding="utf-8")
    return root


def _activity(year_folder: Path, demo, slug: str, day: date, i: int) -> None:
    folder = year_folder / f"{day.isoformat()}-{slug}"
    shutil.copytree(DEMO / "attachments", folder / "attachments")
    p = demo.proposal.model_copy(update={"plan_item": slug, "theme": f"{demo.proposal.theme}（第 {i + 1} 场）",
                                         "when": demo.proposal.when.model_copy(update={"date": day})})
    p = p.model_copy(update={"schedule": [m.model_copy(update={"date": day - timedelta(days=14 - k)})
                                          for k, m in enumerate(p.schedule)]})
    docs = {
        "proposal": _sign(p, {"prepared": ("chen-jing", day - timedelta(days=20)),
                              "reviewed": ("wang-li", day - timedelta(days=12)),
                              "approved": ("zhao-guoqiang", day - timedelta(days=8))}),
        "notice": _sign(demo.notice.model_copy(update={"sent": day - timedelta(days=6)}),
                        {"prepared": ("liu-yang", day - timedelta(days=6))}),
        "readiness": _sign(demo.readiness, {"prepared": ("wang-li", day - timedelta(days=2))}),
        "record": _sign(demo.record.model_copy(update={"held": demo.record.held.model_copy(update={"date": day})}),
                        {"prepared": ("liu-yang", day + timedelta(days=1))}),
        "evaluation": _sign(demo.evaluation, {"prepared": ("liu-yang", day + timedelta(days=5)),
                                              "reviewed": ("wang-li", day + timedelta(days=6)),
                                              "approved": ("zhao-guoqiang", day + timedelta(days=7))}),
    }
    for kind, model in docs.items():
        (folder / f"{kind}.yaml").write_text(emit(_data(model)), encoding="utf-8")


if __name__ == "__main__":
    target = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(target)
