"""Benchmarks: guanjia against the floor and the alternatives, as ratios measured in one run.

Usage: python bench/run.py [--quick] [--write docs/benchmarks.md]
Each command runs in its own process; wall time is the median of a few runs, memory is the
peak resident set of that process (from wait4). Ratios are what matter: the machines are noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

PY = sys.executable
TODAY = "2026-12-01"  # the site's "today": every generated activity is in the past, the archive is complete
TODAY_DEADLINES = "2026-06-01"  # mid-year: deadlines and status have open work to report
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "tools")}


def measure(cmd: list[str], repeat: int = 3) -> tuple[float, float]:
    """(median seconds, peak MiB) of ``cmd``, which must succeed (the generated projects are clean)."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}")
    return statistics.median(times), max(peaks)


def guanjia(root: Path, *args: str) -> list[str]:
    return [PY, "-m", "guanjia", "--root", str(root), *args]


def documents(root: Path) -> list[Path]:
    return sorted(p for p in (root / "records").rglob("*.yaml") if p.name != "roster.yaml")


def validate_rows(sizes: list[int], work: Path) -> list[tuple]:
    rows, by_size = [], {}
    for docs in sizes:
        root = generate(work / f"v{docs}", max(1, docs // 5))
        n = len(documents(root))
        floor = measure([PY, str(REPO / "bench" / "floor.py"), str(root)])
        ours = measure(guanjia(root, "validate", "--format", "json"))
        rows.append((f"validate，{n} 份文件", ours, "C 解析下限", floor, 2.0))
        by_size[n] = ours[0]
        shutil.copytree(REPO / "schemas", root / "schemas", dirs_exist_ok=True)
        if shutil.which("check-jsonschema", path=str(Path(PY).parent)):
            cj = _check_jsonschema(root)
            rows.append((f"validate，{n} 份文件", ours, "check-jsonschema", cj, 0.2 if n >= 10000 else None))
        today = TODAY_DEADLINES
        rows.append((f"deadlines，{n} 份文件", measure(guanjia(root, "deadlines", "--today", today, "--warn-only")),
                     "C 解析下限", floor, None))
        rows.append((f"status，{n} 份文件", measure(guanjia(root, "status", "--today", today, "--format", "json")),
                     "C 解析下限", floor, None))
    return rows + growth("validate", "份文件", by_size, None)


def _check_jsonschema(root: Path) -> tuple[float, float]:
    total, peak = 0.0, 0.0
    tool = str(Path(PY).parent / "check-jsonschema")
    for kind in ("plan", "proposal", "notice", "readiness", "record", "evaluation"):
        files = [str(p) for p in documents(root) if p.stem == kind]
        seconds, mib = measure([tool, "--schemafile", str(root / "schemas" / f"{kind}.schema.json"), *files], repeat=1)
        total, peak = total + seconds, max(peak, mib)
    return total, peak


def site_rows(sizes: list[int], work: Path) -> list[tuple]:
    rows, by_size = [], {}
    for n in sizes:
        root = generate(work / f"s{n}", n)
        (root / "docs").mkdir()
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0]
        (root / "mkdocs.yml").write_text(config.replace("  - guanjia\n", f"  - guanjia:\n      today: '{TODAY}'\n"),
                                         encoding="utf-8")
        ours = measure([PY, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], repeat=1)
        pages = len(list((root / "site").rglob("*.html")))
        plain = _plain_site(root, work / f"p{n}", config)
        base = measure([PY, "-m", "mkdocs", "build", "-q", "-f", str(plain / "mkdocs.yml")], repeat=1)
        rows.append((f"网站，{n} 个活动（{pages} 页）", ours, "同样页面的普通 mkdocs", base, 1.3))
        by_size[n] = ours[0]
    return rows + growth("网站", "个活动", by_size, 3.5 if sizes[-2:] == [1000, 3000] else None)


def growth(what: str, unit: str, seconds: dict[int, float], limit: float | None) -> list[tuple]:
    """How time grew from the second-largest size to the largest, next to linear growth."""
    if len(seconds) < 2:
        return []
    (small, t_small), (large, t_large) = sorted(seconds.items())[-2:]
    return [(f"{what} {large} / {small} {unit}", (t_large, 0.0), f"线性 {large / small:.1f}×", (t_small, 0.0), limit)]


def _plain_site(project: Path, root: Path, config: str) -> Path:
    """The very pages the plugin makes (the shipped ones included), as ordinary Markdown files, with the same nav:
    so the difference is what guanjia adds (reading, checking and laying out the records)."""
    from datetime import date

    from guanjia.archive import build  # importable: generate put tools/ on the path
    from guanjia.site import handbook
    from guanjia.site.build import generate as pages
    from guanjia.site.context import Site

    docs = root / "docs"
    nav = []
    archive = build(project)
    shipped = [(src, text, True) for src, text in handbook.pages(archive.settings)]  # the procedure and role pages
    for src, content, in_nav in [*shipped, *pages(Site(archive, date.fromisoformat(TODAY), False))]:
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        if in_nav:
            nav.append(f"  - {src}")
    config = config.replace("  - guanjia\n", "").replace("extra:\n", "extra_css:\n  - assets/guanjia.css\n\nextra:\n", 1)
    config = config.replace("omitted_files: warn", "omitted_files: info")  # what the plugin marks "not in nav"
    (root / "mkdocs.yml").write_text(config + "\nnav:\n" + "\n".join(nav) + "\n", encoding="utf-8")
    return root


def startup_rows() -> list[tuple]:
    ours = measure([PY, "-m", "guanjia", "--help"], repeat=9)
    click = measure([PY, "-c", "import click"], repeat=9)
    return [("guanjia --help", ours, "python -c 'import click'", click, 1.5)]


def table(rows: list[tuple]) -> str:
    """Rows of (name, (seconds, MiB), baseline name, (seconds, MiB), highest ratio allowed or None)."""
    lines = ["| 测量 | guanjia | 基准 | 基准用时 | 倍数 | 目标 | 峰值内存 | 基准峰值内存 |",
             "|---|---|---|---|---|---|---|---|"]
    for name, (ours, mem), base_name, (base, base_mem), limit in rows:
        ratio = ours / base if base else float("nan")
        goal = "—" if limit is None else f"≤ {limit:.2f}×：" + ("达到" if ratio <= limit else "**未达到**")
        memory = f"{mem:.0f} MiB | {base_mem:.0f} MiB" if mem else "— | —"
        lines.append(f"| {name} | {ours:.2f} 秒 | {base_name} | {base:.2f} 秒 | {ratio:.2f}× | {goal} | {memory} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} 核 {cpu}；Python {platform.python_version()}；{platform.platform()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="小规模，几分钟内跑完")
    parser.add_argument("--write", type=Path, default=None, help="把结果写进这个 Markdown 文件的结果段")
    args = parser.parse_args()
    # measure guanjia as installed (pip byte-compiles at install), not compiling its sources at each start
    subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "tools" / "guanjia")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = startup_rows()
        rows += validate_rows([1000] if args.quick else [1000, 10000], work)
        rows += site_rows([30, 100] if args.quick else [300, 1000, 3000], work)
    result = table(rows)
    print(machine())
    print(result)
    if args.write:
        page = args.write.read_text(encoding="utf-8")
        head, _, rest = page.partition("<!-- results -->")
        _, _, tail = rest.partition("<!-- /results -->")
        args.write.write_text(f"{head}<!-- results -->\n机器：{machine()}\n\n{result}\n<!-- /results -->{tail}",
                              encoding="utf-8")


if __name__ == "__main__":
    main()
