"""Options of the ``guanjia`` MkDocs plugin. A wrong value is a MkDocs configuration error in Chinese.

```yaml
plugins:
  - guanjia:
      project: .            # the folder holding guanjia.yml and records/, relative to mkdocs.yml
      today: "2026-12-01"   # the pages as of this day; default: today in the project's time zone
```
"""

from __future__ import annotations

import os
from datetime import date

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError


class ProjectFolder(c.BaseConfigOption[str]):
    """The project folder, relative to mkdocs.yml: it must exist and hold guanjia.yml or records/."""

    def __init__(self, default: str = "."):
        super().__init__()
        self.default = default
        self.base = ""

    def pre_validation(self, config: Config, key_name: str) -> None:
        self.base = os.path.dirname(config.config_file_path) if config.config_file_path else ""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"project 应写项目目录的路径（相对于 mkdocs.yml 所在的目录，例如 .），现在是 {value!r}。")
        folder = os.path.abspath(os.path.join(self.base, value))
        if not os.path.isdir(folder):
            raise ValidationError(f"找不到项目目录 {value}（{folder}）：project 是相对于 mkdocs.yml 所在目录的路径，"
                                  "指向放 guanjia.yml 和 records/ 的目录。")
        if not (os.path.isfile(os.path.join(folder, "guanjia.yml")) or os.path.isdir(os.path.join(folder, "records"))):
            raise ValidationError(f"{folder} 不是 guanjia 项目目录：里面既没有 guanjia.yml，也没有 records/。"
                                  "请把 project 改成项目目录，或在那里运行 guanjia init。")
        return folder


class Day(c.BaseConfigOption[date | None]):
    """A day written 年-月-日; YAML may already have read it as a date."""

    def run_validation(self, value: object) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(f"today 应是一个日期，写成 年-月-日，例如 '2026-12-01'；现在是 {value!r}。") from None


class GuanjiaConfig(Config):
    project = ProjectFolder()
    today = Day()

    def _validate(self):
        failed, warnings = super()._validate()
        unknown = sorted(set(self.keys()) - self._schema_keys)  # a misspelt option must not be ignored
        known = "、".join(key for key, _ in self._schema)
        failed += [(key, ValidationError(f"guanjia 插件没有 {key} 这个选项；可用的选项：{known}。")) for key in unknown]
        return failed, [(key, warning) for key, warning in warnings if key not in unknown]
