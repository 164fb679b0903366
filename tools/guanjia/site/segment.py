"""Chinese words for site search. The search index is segmented by jieba at build time, and the browser
splits a query into words the index holds; a query matches a word it begins (Material adds a trailing
wildcard). So a name jieba keeps as one long word, 九九重阳 or 跳蚤市场, is not found by its later part,
重阳 or 市场, and the query falls apart into single characters that match unrelated pages. Such words in
the activities' names are split into their parts for the build."""

from __future__ import annotations

import re
from collections.abc import Iterable

HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")  # CJK ideographs (Material segments these)


def split_names(names: Iterable[str]) -> None:
    """Tell jieba to cut each long word of these names whose parts are not all at its start (for this build)."""
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a dependency
        return
    for name in names:
        for word in jieba.cut(name):
            if len(word) < 3 or not HAN.match(word):
                continue
            parts = [p for p in jieba.cut_for_search(word) if p != word and len(p) >= 2]
            if any(not word.startswith(p) for p in parts):
                jieba.del_word(word)
