"""The one finding type every check speaks through, and the result that collects them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong (or doubtful) in one place of one file.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    ``path`` is relative to the project root, with forward slashes.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        return {k: d[k] for k in ("severity", "code", "path", "line", "column", "message", "hint")}


def rel(path: Path, root: Path) -> str:
    """A path as shown to users: relative to the project root, forward slashes."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Result:
    """Collects findings; the exit code comes from here, not from exceptions."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    details: dict = field(default_factory=dict)  # a command's own counts, added to the summary

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings) -> None:
        self.findings.extend(findings)

    def sorted(self) -> list[Finding]:
        return sorted(set(self.findings), key=lambda f: (f.path, f.line, f.column, f.code, f.message))

    @property
    def errors(self) -> int:
        return sum(1 for f in set(self.findings) if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in set(self.findings) if f.severity is Severity.WARNING)

    def summary(self) -> dict:
        return {"files": self.files_checked, "errors": self.errors, "warnings": self.warnings, **self.details}

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0
