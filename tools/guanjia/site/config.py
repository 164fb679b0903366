"""Options of the ``guanjia`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class GuanjiaConfig(Config):
    # the project folder holding guanjia.yml and records/; relative to mkdocs.yml
    project = c.Type(str, default=".")
    # "today" for the pages (YYYY-MM-DD); default: today in the project's time zone (China)
    today = c.Optional(c.Type(str))
