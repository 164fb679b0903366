"""JSON Schema files generated from the models, for editors and other tools."""

from __future__ import annotations

import json
from pathlib import Path

from .atomic import write_new
from .models import ALL

SCHEMA_DIR = "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def render() -> dict[str, str]:
    """File name → exact file text, for every document kind."""
    out = {}
    for name, model in ALL.items():
        schema = {"$schema": DIALECT, **model.model_json_schema(mode="validation")}
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def stale(root: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate now."""
    folder = root / SCHEMA_DIR
    wanted = render()
    names = [n for n, text in wanted.items()
             if not (folder / n).is_file() or (folder / n).read_text(encoding="utf-8") != text]
    if folder.is_dir():
        names += sorted(p.name for p in folder.glob("*.schema.json") if p.name not in wanted)
    return names


def write(root: Path) -> list[str]:
    folder = root / SCHEMA_DIR
    written = []
    for name, text in render().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_new(path, text)
            written.append(name)
    return written


def schema_line(kind: str, depth: int) -> str:
    """The first line of a scaffold or demo file: tells yaml-language-server which schema applies."""
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{kind}.schema.json"
