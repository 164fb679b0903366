"""The exported JSON Schemas accept the demo as an editor (YAML 1.2) reads it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from conftest import REPO


def _as_editor_sees(value):
    """yaml-language-server reads YAML 1.2: numbers are numbers, dates stay strings."""
    if isinstance(value, dict):
        return {str(k): _as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _files():
    yield REPO / "guanjia.yml", "settings"
    for path in sorted((REPO / "records").rglob("*.yaml")):
        yield path, "roster" if path.name == "roster.yaml" else path.stem


@pytest.mark.parametrize(("path", "kind"), list(_files()), ids=lambda v: v if isinstance(v, str) else
                         str(Path(v).relative_to(REPO)))
def test_demo_matches_schema(path, kind):
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    data = _as_editor_sees(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_titles_are_chinese():
    schema = json.loads((REPO / "schemas" / "proposal.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["external_proposals"]["title"] == "8 外部相关方提交的策划方案"
    assert "external_proposals" in schema["required"]
