"""A progress bar for long commands: counts, rate and time left on a terminal, nothing
when the output is not a terminal (a pipe, a file, CI)."""

from __future__ import annotations

import sys

import click


class progress_bar:
    """A progress bar on a terminal (counts and rate), nothing otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.bar = None
        if sys.stderr.isatty():
            self.bar = click.progressbar(
                length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True
            )

    def __enter__(self):
        if self.bar is None:
            return lambda _count: None
        self.bar.__enter__()
        return self.bar.update

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
