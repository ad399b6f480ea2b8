"""CSV records with their place in the text: found by the CSV reader itself, never by a
hand-made quote scanner, so that what a write replaces is exactly what a read saw.

A record's span runs from its first character to the end of its line break; quoted line
breaks stay inside. Line breaks may be ``\\n``, ``\\r\\n`` or ``\\r``: the reader takes all
three, and a row written back uses the file's own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from timeline.errors import FileProblemsError, Problem

MAX_CELL_CHARS = 100_000
NEWLINES = ("\r\n", "\n", "\r")


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: where it is in the text, the line it starts on, and its cells."""

    start: int
    end: int  # after its line break
    line: int
    cells: list[str]

    @property
    def blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


class _Lines:
    """The text's lines, each with its break, counting the characters and lines handed out."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.chars = 0
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.chars += len(line)
            self.count += 1
            yield line


def read_records(text: str, path: str = "") -> Iterator[Record]:
    """Every record of ``text`` in order, blank ones included; malformed CSV or a cell over
    ``MAX_CELL_CHARS`` is a located ``FileProblemsError`` (``path``, line, reason)."""
    lines = _Lines(text)
    reader = csv.reader(lines, strict=True)  # the csv module's own cell limit stays as it is
    start, line = 0, 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _malformed(path, *_why_malformed(text, start, line, lines, error)) from None
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise _malformed(path, line, f"a cell is longer than {MAX_CELL_CHARS:,} characters")
        yield Record(start, lines.chars, line, cells)
        start, line = lines.chars, lines.count + 1


def _malformed(path: str, line: int, message: str, value: str = "") -> FileProblemsError:
    return FileProblemsError([Problem(path, line, "", value, message)])


def _why_malformed(text: str, start: int, line: int, lines: _Lines, error: csv.Error):
    """Where malformed CSV went wrong and how: a quote opened and never closed swallows
    every row after it, so it is named by the line where it opens."""
    if "unexpected end of data" in str(error):
        swallowed = max(0, lines.count - line)
        message = (
            f"malformed CSV: a quoted cell opens on this line and is never closed; the "
            f"{swallowed} line(s) after it were read into it"
        )
        return line, message, text[start : start + 60].split("\n")[0]
    return lines.count or line, f"malformed CSV: {error}", ""


def newline_of(text: str, header: Record | None) -> str:
    """The line break the file uses (that of its header), ``\\n`` when it has none."""
    if header is not None:
        ending = text[header.start : header.end]
        for newline in NEWLINES:
            if ending.endswith(newline):
                return newline
    return "\n"


def format_row(cells: Sequence[str], newline: str) -> str:
    """One CSV record ending in ``newline``; a cell holding any line break is quoted."""
    buffer = io.StringIO()
    # with "\r\n" as its terminator the writer quotes cells that hold "\r" as well as "\n"
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2] + newline


def record_text(text: str, record: Record) -> str:
    """The record as written, without its line break."""
    body = text[record.start : record.end]
    for newline in NEWLINES:
        if body.endswith(newline):
            return body[: -len(newline)]
    return body


def line_starts(data, chunk: int = 1 << 24) -> np.ndarray:
    """The byte where each line of ``data`` (bytes, or what slices like them) starts: after \\n,
    \\r\\n or a lone \\r. Read a chunk at a time, so that memory stays small."""
    size = len(data)
    has_cr = data.find(b"\r") >= 0
    ends = []
    for offset in range(0, size, chunk):
        raw = np.frombuffer(data[offset : offset + chunk + 1], dtype=np.uint8)
        body = raw[: min(chunk, size - offset)]
        breaks = body == 10
        if has_cr:
            following = raw[1 : len(body) + 1]
            alone = body == 13
            alone[: len(following)] &= following != 10
            breaks |= alone
        ends.append(np.flatnonzero(breaks) + offset + 1)
    found = np.concatenate([np.zeros(1, dtype=np.int64), *ends])
    return found[found < size] if size else found[:1]
