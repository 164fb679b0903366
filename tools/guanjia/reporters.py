"""Reporters: the only code that prints findings. ``--format text|json|github``."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from .findings import SEVERITY_ZH, Finding, Result
from .names import visible


class Reporter:
    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout

    def report(self, result: Result) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class TextReporter(Reporter):
    """For people: one block per finding, then a one-line summary."""

    def report(self, result: Result) -> None:
        out = self.stream
        for f in result.sorted():
            where = visible(f.path) + (f":{f.line}:{f.column}" if f.line else "")  # a name may hold a line break
            out.write(f"{where}: {SEVERITY_ZH[f.severity]} {f.code} {f.message}\n")
            if f.hint:
                out.write(f"    提示：{f.hint}\n")
        s = result.summary()
        if result.findings:
            out.write(f"\n检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告。\n")
        else:
            out.write(f"检查了 {s['files']} 个文件，没有发现问题。\n")


class JsonReporter(Reporter):
    """The contract: {"findings": [...], "summary": {...}}."""

    def report(self, result: Result) -> None:
        payload = {"findings": [f.as_dict() for f in result.sorted()], "summary": result.summary()}
        json.dump(payload, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: annotations on the pull request's diff."""

    def report(self, result: Result) -> None:
        for f in result.sorted():
            level = "error" if f.severity.value == "error" else "warning"
            props = f"file={_prop(f.path)}"
            if f.line:
                props += f",line={f.line},col={max(f.column, 1)}"
            props += f",title={_prop(f.code)}"
            text = f.message + (f" 提示：{f.hint}" if f.hint else "")
            self.stream.write(f"::{level} {props}::{_data(text)}\n")
        s = result.summary()
        self.stream.write(f"检查了 {s['files']} 个文件：{s['errors']} 个错误，{s['warnings']} 个警告。\n")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


REPORTERS: dict[str, type[Reporter]] = {"text": TextReporter, "json": JsonReporter, "github": GithubReporter}


def report(result: Result, fmt: str, stream: TextIO | None = None) -> None:
    REPORTERS[fmt](stream).report(result)


__all__ = ["REPORTERS", "Finding", "Result", "report"]
