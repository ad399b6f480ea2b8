"""Load the language data files under ``timeline/resources``; errors name the file and line."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from timeline.errors import FileProblemsError, Problem

RESOURCES = Path(__file__).parent / "resources"


def read_table(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV data file whose ``#`` lines are comments and whose header is ``columns``."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, text) for n, text in enumerate(handle, 1) if not text.startswith("#")]
    reader = csv.reader(text for _, text in lines)
    rows: list[dict[str, str]] = []
    for index, cells in enumerate(reader):
        number = lines[index][0]
        if index == 0:
            if tuple(cells) != columns:
                raise _bad(path, number, ",".join(cells), f"header must be {','.join(columns)}")
            continue
        if len(cells) != len(columns):
            raise _bad(path, number, ",".join(cells), f"expected {len(columns)} cells")
        rows.append(dict(zip(columns, cells, strict=True)))
    return rows


def _bad(path: Path, line: int, value: str, message: str) -> FileProblemsError:
    return FileProblemsError([Problem(str(path), line, "", value, message)])


@cache
def label_templates(language: str = "en") -> dict[str, str]:
    """The label templates of ``resources/<language>/labels.csv`` by key."""
    path = RESOURCES / language / "labels.csv"
    return {row["key"]: row["template"] for row in read_table(path, ("key", "template"))}
