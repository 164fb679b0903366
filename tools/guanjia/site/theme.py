"""What the plugin adds around Material's pages: its script before Material's bundle, a Chinese 404 page,
and the search index as a script, so search works from files (file://) as well as over http."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic

SCRIPT = "assets/guanjia.js"
OVERRIDES = Path(__file__).parent / "overrides"


def extend(config) -> None:
    """guanjia.js in the page head (Material's ``polyfills``: before the bundle starts the search worker);
    the plugin's templates after the project's own ``custom_dir``, so a project can still override them."""
    scripts = list(config.extra.get("polyfills") or [])
    if SCRIPT not in scripts:
        config.extra["polyfills"] = [*scripts, SCRIPT]
    dirs = config.theme.dirs
    if str(OVERRIDES) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))


def index_script(site_dir: str) -> None:
    """search/search_index.js beside the index: on file:// Material loads the index by a script tag (no fetch)."""
    index = Path(site_dir) / "search" / "search_index.json"
    if index.is_file():
        write_atomic(index.with_suffix(".js"), "var __index = " + index.read_text(encoding="utf-8") + ";\n")
