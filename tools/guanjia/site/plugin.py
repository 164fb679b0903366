"""The ``guanjia`` MkDocs plugin: only hooks. Pages, charts and feeds are built by their own modules."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .config import GuanjiaConfig

log = logging.getLogger("mkdocs.plugins.guanjia")


class GuanjiaPlugin(BasePlugin[GuanjiaConfig]):
    serving = False  # under ``mkdocs serve``: record errors are shown on the pages, not raised
    problems: list = []  # the errors of this build, while serving

    def on_startup(self, *, command, dirty):  # (with this hook, serve keeps the plugin across rebuilds)
        self.serving = command == "serve"

    def on_config(self, config):
        self.problems = []
        self.root = (Path(config.config_file_path).parent / self.config.project).resolve()
        config.extra_css = [*config.extra_css, "assets/guanjia.css"]
        try:  # the search plugin segments Chinese with jieba, which chats on stderr at every build
            import jieba

            jieba.setLogLevel(logging.WARNING)
        except ImportError:  # pragma: no cover - jieba is a dependency
            pass
        return config

    def on_files(self, files: Files, config) -> Files:
        from ..archive import build
        from ..clock import today_in
        from .build import generate, stop_findings
        from .context import Site

        archive = build(self.root)
        problems = stop_findings(archive)
        if problems and self.serving:
            from .problems import shown_instead

            self.problems = problems
            return shown_instead(files, config, problems)
        if problems:
            lines = "\n".join(f"  {f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in problems[:20])
            lines += f"\n  ……另有 {len(problems) - 20} 个" if len(problems) > 20 else ""
            raise PluginError(f"guanjia：记录有错误，网站没有生成（先运行 guanjia validate 改正）：\n{lines}")
        today = date.fromisoformat(self.config.today) if self.config.today else today_in(archive.settings.timezone)
        site = Site(archive, today, config.use_directory_urls)
        for src, content, in_nav in generate(site):
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"guanjia：{src} 由插件生成，请删除 docs/ 中的同名文件。")
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            if isinstance(content, Path):
                files.append(File.generated(config, src, abs_src_path=str(content), inclusion=inclusion))
            else:
                files.append(File.generated(config, src, content=content, inclusion=inclusion))
        return files

    def on_post_page(self, output, page, config):
        return self._with_problems(output)

    def on_post_template(self, output_content, template_name, config):
        return self._with_problems(output_content, reload=True) if template_name == "404.html" else output_content

    def _with_problems(self, html: str, reload: bool = False) -> str:
        if not self.problems:
            return html
        from .problems import inject

        return inject(html, self.problems, reload)

    def on_serve(self, server, config, builder):
        for watched in ("records", "guanjia.yml"):
            path = self.root / watched
            if path.exists():
                server.watch(str(path))
        return server
