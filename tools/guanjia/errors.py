"""One error hierarchy for problems that stop a command (not findings): exit code 2."""

from __future__ import annotations

import click


class GuanjiaError(click.ClickException):
    """A usage or environment problem, shown in Chinese without a traceback."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", file=file, err=True)


class ProjectNotFound(GuanjiaError):
    pass
