"""The command-line reference (`docs/cli.md`), written from the click commands themselves.

`python -m timeline.cli_reference > docs/cli.md` rewrites it; a test checks the file is current.
"""

from __future__ import annotations

import click

from timeline.cli import main

INTRO = """\
# Command-line reference

Generated from the commands' own help by `python -m timeline.cli_reference > docs/cli.md`;
a test fails when this file and the commands disagree. Examples and output formats are in
[file-format.md](file-format.md), [extraction.md](extraction.md) and
[interchange.md](interchange.md); every setting of `timeline serve` is in
[settings.md](settings.md).

Usage errors (a bad `--years`, an unknown topic or format) exit with status 2; a file with
problems makes `timeline validate` exit with status 1.
"""


def help_text(command: click.Command, path: str) -> str:
    """The `--help` output of one command, as the terminal would show it (80 columns)."""
    parent = click.Context(main, info_name="timeline", terminal_width=80, max_content_width=80)
    if command is main:
        return main.get_help(parent)
    context = click.Context(
        command, info_name=path, parent=parent, terminal_width=80, max_content_width=80
    )
    return command.get_help(context)


def render() -> str:
    """The whole reference: the group's help, then each command's, in alphabetical order."""
    parts = [INTRO, "## timeline\n", fenced(help_text(main, "timeline"))]
    for name in sorted(main.commands):
        parts += [f"## timeline {name}\n", fenced(help_text(main.commands[name], name))]
    return "\n".join(parts)


def fenced(text: str) -> str:
    return f"```\n{text.rstrip()}\n```\n"


if __name__ == "__main__":
    click.echo(render(), nl=False)
