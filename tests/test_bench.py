"""The benchmarks measure what they claim: clean generated projects, and a plain site with the same pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import run  # noqa: E402  (bench/run.py)
from generate import generate  # noqa: E402


def test_generated_project_is_clean_and_sealed(tmp_path):
    root = generate(tmp_path / "p", 7)
    out = subprocess.run([sys.executable, "-m", "guanjia", "--root", str(root), "validate", "--format", "json"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout  # the benchmark times the clean path, not the error path
    assert '"files": 38' in out.stdout  # settings, roster, plan and 7 × 5 documents


def test_plain_site_has_the_same_pages(tmp_path):
    """The baseline builds the plugin's own pages as ordinary Markdown, so the ratio is guanjia's overhead."""
    rows = run.site_rows([7], tmp_path)
    (name, (ours, _), base_name, (base, _), limit), = rows
    ours_pages = sorted(p.relative_to(tmp_path / "s7" / "site") for p in (tmp_path / "s7" / "site").rglob("*.html"))
    plain_pages = sorted(p.relative_to(tmp_path / "p7" / "site") for p in (tmp_path / "p7" / "site").rglob("*.html"))
    assert ours_pages == plain_pages and len(ours_pages) > 20
    assert f"（{len(ours_pages)} 页）" in name and limit == 1.3 and ours > 0 and base > 0


def test_table_marks_each_target():
    text = run.table([("a", (1.0, 50.0), "b", (0.5, 40.0), 1.3), ("c", (1.0, 50.0), "d", (1.0, 40.0), 1.3),
                      ("e", (2.0, 0.0), "f", (1.0, 0.0), None)])
    assert "| 2.00× | ≤ 1.30×：**未达到** | 50 MiB | 40 MiB |" in text
    assert "| 1.00× | ≤ 1.30×：达到 |" in text
    assert "| 2.00× | — | — | — |" in text
