"""The ``guanjia`` MkDocs plugin: only hooks. Pages, charts and feeds are built by their own modules."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import segment, theme
from .config import GuanjiaConfig

log = logging.getLogger("mkdocs.plugins.guanjia")


class GuanjiaPlugin(BasePlugin[GuanjiaConfig]):
    serving = False  # under ``mkdocs serve``: record errors are shown on the pages, not raised
    problems: list = []  # the errors of this build, while serving

    def on_startup(self, *, command, dirty):  # (with this hook, serve keeps the plugin across rebuilds)
        self.serving = command == "serve"

    def on_config(self, config):
        self.problems = []
        self.root = Path(self.config.project).resolve()  # checked by the option: an existing project folder
        self.own_nav = config.nav is not None  # else the plugin's menu (handbook.NAV) with the estate's pages
        config.extra_css = [*config.extra_css, "assets/guanjia.css"]
        theme.extend(config)
        try:  # the search plugin segments Chinese with jieba, which chats on stderr at every build
            import jieba

            jieba.setLogLevel(logging.WARNING)
        except ImportError:  # pragma: no cover - jieba is a dependency
            pass
        return config

    def on_files(self, files: Files, config) -> Files:
        from ..archive import build
        from ..clock import today_in
        from . import handbook
        from .build import generate, stop_findings
        from .context import Site

        archive = build(self.root)
        own = [f.src_uri for f in files.documentation_pages()]  # the estate's pages in docs/
        listed = handbook.listed(config.nav) if self.own_nav else None
        for src, text in handbook.pages(archive.settings):  # the procedure and role pages, also while records err
            if files.get_file_from_path(src) is not None:  # the estate's own version of a shipped page wins
                log.info("guanjia：使用 docs/%s，代替 guanjia 自带的同名页面", src)
                continue
            inclusion = InclusionLevel.INCLUDED if listed is None or src in listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src, content=text, inclusion=inclusion))
        if not self.own_nav:
            config.nav = handbook.menu(own)
        problems = stop_findings(archive)
        if problems and self.serving:
            from .problems import shown_instead

            self.problems = problems
            return shown_instead(files, config, problems)
        if problems:
            lines = "\n".join(f"  {f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in problems[:20])
            lines += f"\n  ……另有 {len(problems) - 20} 个" if len(problems) > 20 else ""
            raise PluginError(f"guanjia：记录有错误，网站没有生成（先运行 guanjia validate 改正）：\n{lines}")
        today = self.config.today or today_in(archive.settings.timezone)
        site = Site(archive, today, config.use_directory_urls)
        segment.split_names(t.theme for t in site.timelines)
        for src, content, in_nav in generate(site):
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"guanjia：{src} 由插件生成，请删除 docs/ 中的同名文件。")
            in_nav = in_nav and (listed is None or src in listed)
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            if isinstance(content, Path):
                files.append(File.generated(config, src, abs_src_path=str(content), inclusion=inclusion))
            else:
                files.append(File.generated(config, src, content=content, inclusion=inclusion))
        return files

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config):
        theme.index_script(config.site_dir)

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
