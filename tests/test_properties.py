"""Property-based tests: generated valid documents round-trip; corrupted files never raise."""

from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from guanjia import rules
from guanjia.archive import build
from guanjia.edit import set_signoff
from guanjia.load import load_bytes
from guanjia.models import Proposal, Record
from guanjia.signing import digest
from guanjia.validate import parse

sys.path.insert(0, str(REPO / "bench"))
from generate import emit  # noqa: E402  (the benchmark generator's block-YAML emitter)

BASE = REPO / "tests" / "examples" / "base"
ACT = "records/2026/2026-03-12-zhishujie"
CODE = re.compile(r"^GJ-[A-Z]\d{3}$")

# text a butler might type, hostile characters included; never empty after stripping
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(lambda s: s.strip())
department = st.sampled_from(["管家部", "行政部", "办公室", "工程部", "安环部", "消防保卫部"])
amount = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)

TODAY = date(2026, 12, 2)  # the rules' "today": signoffs dated later are pre-signed


@st.composite
def proposals(draw):
    lines = draw(st.lists(st.tuples(text, amount), min_size=1, max_size=5))
    return {
        "plan_item": "zhishujie", "theme": draw(text), "form": draw(text),
        "when": {"date": date(2026, 3, 12), "start": "09:00", "end": "11:30"},
        "place": draw(text), "content": draw(text),
        "schedule": [{"date": date(2026, 3, 1), "task": draw(text), "department": draw(department)}],
        "divisions": [{"department": draw(department), "tasks": draw(st.lists(text, min_size=1, max_size=3))}],
        "external_proposals": [],
        "emergency_plan": [{"risk": draw(text), "response": draw(text), "owner": draw(text)}],
        "evaluation_method": [{"goal": draw(text), "measure": draw(text)}],
        "budget": {"items": [{"item": name, "amount": value} for name, value in lines],
                   "total": sum((value for _, value in lines), Decimal(0))},
    }


@settings(max_examples=200, deadline=None)
@given(proposals())
def test_valid_proposals_round_trip_through_load_validate_and_approve(data):
    raw = emit(data).encode("utf-8")
    doc = load_bytes(raw, "proposal.yaml")
    assert doc.ok, doc.findings
    proposal, problems = parse(doc, Proposal)
    assert problems == [] and proposal is not None
    assert proposal.theme == data["theme"].strip() and proposal.budget.total == data["budget"]["total"]
    sealed = digest(proposal)
    signed = set_signoff(raw, "prepared", "chen-jing", date(2026, 2, 20), sealed, "proposal.yaml")
    assert signed.startswith(raw)  # approve appends; every byte before stays
    again, problems = parse(load_bytes(signed, "proposal.yaml"), Proposal)
    assert problems == [] and digest(again) == sealed and again.prepared.digest == sealed


SOURCES = {name: (BASE / ACT / name).read_bytes() for name in ("proposal.yaml", "record.yaml")}
NASTY = [b": ", "：".encode(), b"\t", b"&a ", b"*a", b"!!python/object ", b"[", b"{", b"\x00", b"\xff", b"---\n",
         b"<<: ", b"- ", "\u3000".encode(), b"\r", b'"', b"'", b"#", b"|", b"\n  ", "１２".encode()]


@st.composite
def corrupted(draw):
    name = draw(st.sampled_from(sorted(SOURCES)))
    raw = bytearray(SOURCES[name])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        kind = draw(st.sampled_from(["insert", "delete", "flip"]))
        if kind == "insert":
            raw[at:at] = draw(st.sampled_from(NASTY) | st.binary(min_size=1, max_size=4))
        elif kind == "delete":
            del raw[at: at + draw(st.integers(1, 30))]
        elif raw:
            raw[min(at, len(raw) - 1)] ^= draw(st.integers(1, 255))
    return name, bytes(raw)


@settings(max_examples=400, deadline=None)
@given(corrupted())
def test_corrupted_documents_give_findings_never_exceptions(case):
    name, raw = case
    doc = load_bytes(raw, name)
    found = doc.findings
    if doc.ok:
        _, found = parse(doc, Proposal if name == "proposal.yaml" else Record)
    for f in found:
        assert CODE.match(f.code) and f.line >= 0 and f.column >= 0 and f.message


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corrupted())
def test_corrupted_projects_run_every_rule_without_raising(tmp_path_factory, case):
    name, raw = case
    root = Path(tmp_path_factory.mktemp("p")) / "project"
    shutil.copytree(BASE, root)
    (root / ACT / name).write_bytes(raw)
    archive = build(root)
    for f in archive.findings + rules.run(archive, TODAY):
        assert CODE.match(f.code)
