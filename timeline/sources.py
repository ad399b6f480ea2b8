"""The sources of a chronology: ``sources.csv`` beside the events file, and the texts it
names (under ``sources/``), so that every quote can be checked against what was reported.

An event's ``source`` cell names a source by its id; any other text is a free-text source
(a citation with no stored text), which still works. A quote is found in its source's text
verbatim after normalising only whitespace (any run is one space) and quote marks (curly,
low and angle quotes are straight ones); nothing else is forgiven.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from timeline.dates import parse_edtf
from timeline.errors import DateError, Problem
from timeline.store import Reading, _csv_records, _read_text

SOURCE_COLUMNS = ("id", "path", "published", "outlet", "url", "title", "language")
QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2033": '"',
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+")


@dataclass(frozen=True)
class Source:
    """One row of sources.csv: where a text came from, and the stored text if there is one."""

    id: str
    path: str = ""
    published: str = ""
    outlet: str = ""
    url: str = ""
    title: str = ""
    language: str = ""
    note: str = ""
    line: int = 0
    file: Path | None = None  # the stored text, resolved; None when only cited

    @cached_property
    def text(self) -> str | None:
        """The stored text (None when there is none or it cannot be read)."""
        if self.file is None:
            return None
        try:
            return self.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "path": self.path,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "language": self.language,
            "note": self.note,
            "stored": self.file is not None,
        }


def sources_path_for(events_path: Path) -> Path:
    """The sources file of an events file: ``sources.csv`` beside it."""
    return Path(events_path).with_name("sources.csv")


def read_sources(path: Path, reading: Reading) -> dict[str, Source]:
    """The sources of ``path`` (a sources.csv), by id; each unusable row becomes a problem of
    ``reading``. A missing file is no sources, not a problem."""
    if not path.exists():
        return {}
    own = Reading(str(path))
    records = list(_csv_records(_read_text(path, own) or "", own))
    sources: dict[str, Source] = {}
    if records:
        names = [name.strip() for name in records[0][1]]
        missing = [column for column in SOURCE_COLUMNS if column not in names]
        if missing:
            own.problem(records[0][0], "", ",".join(records[0][1]),
                        f"header needs the columns {','.join(SOURCE_COLUMNS)} (missing: "
                        f"{', '.join(missing)})")  # fmt: skip
            records = []
        for line, cells in records[1:]:
            row = dict(zip(names, [c.strip() for c in cells] + [""] * len(names), strict=False))
            source = _source_from_row(path, line, row, own)
            if source is None:
                continue
            if source.id in sources:
                own.problem(
                    line, "id", source.id, f"id already used on line {sources[source.id].line}"
                )
                continue
            sources[source.id] = source
    reading.problems.extend(own.problems)
    return sources


def _source_from_row(path: Path, line: int, row: dict[str, str], reading: Reading) -> Source | None:
    if not row.get("id"):
        reading.problem(line, "id", "", "a source needs an id")
        return None
    if row.get("published"):
        try:
            parse_edtf(row["published"])
        except DateError as error:
            reading.problem(line, "published", row["published"], str(error))
            return None
    file = _stored_text(path, line, row.get("path", ""), reading)
    fields = {name: row.get(name, "") for name in (*SOURCE_COLUMNS, "note")}
    return Source(**fields, line=line, file=file)


def _stored_text(path: Path, line: int, relative: str, reading: Reading) -> Path | None:
    """The text a row's ``path`` names, relative to the sources file and inside its folder."""
    if not relative:
        return None
    folder = path.parent.resolve()
    file = (folder / relative).resolve()
    if not file.is_relative_to(folder):
        reading.problem(
            line, "path", relative, "a source's text must be inside the folder of sources.csv"
        )
        return None
    if not file.is_file():
        reading.problem(line, "path", relative, "no such file beside sources.csv")
        return None
    try:
        file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reading.problem(line, "path", relative, f"the text cannot be read as UTF-8: {error}")
        return None
    return file


# --- quotes ---------------------------------------------------------------------------------


def normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with quote marks made straight and every run of whitespace one space, and for
    each character of the result its offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _SPACE.finditer(text):
        _append(out, offsets, text, position, match.start())
        out.append(" ")
        offsets.append(match.start())
        position = match.end()
    _append(out, offsets, text, position, len(text))
    return "".join(out).translate(QUOTE_MARKS), offsets


def _append(out: list[str], offsets: list[int], text: str, start: int, end: int) -> None:
    out.append(text[start:end])
    offsets.extend(range(start, end))


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` (character offsets of the original text), or None."""
    wanted = normalised(quote)[0].strip()
    if not wanted:
        return None
    haystack, offsets = normalised(text)
    at = haystack.find(wanted)
    if at < 0:
        return None
    return offsets[at], offsets[at + len(wanted) - 1] + 1


def nearest_passage(text: str, quote: str, most: int = 200) -> str:
    """The sentence of ``text`` most like ``quote`` (to show what a wrong quote should say)."""
    wanted = normalised(quote)[0].strip()
    sentences = [s.strip() for s in _SENTENCE_END.split(normalised(text)[0]) if s.strip()]
    if not sentences:
        return ""

    def likeness(sentence: str) -> float:
        return difflib.SequenceMatcher(None, wanted, sentence, autojunk=False).ratio()

    best = max(sentences, key=likeness)
    return best if len(best) <= most else best[: most - 1] + "…"


def quote_problems(where: str, events: Iterable, sources: Mapping[str, Source]) -> list[Problem]:
    """A problem for each event whose quote is not in its stored source's text, naming the
    event's line, the quote and the nearest passage of the source."""
    problems = []
    for event in events:
        source = sources.get(event.source.strip())
        if source is None or source.text is None:
            continue
        if quote_span(source.text, event.quote) is None:
            passage = nearest_passage(source.text, event.quote)
            problems.append(
                Problem(
                    where,
                    event.line,
                    "quote",
                    event.quote,
                    f"not found verbatim in source {source.id!r} ({source.path}), even with "
                    f"whitespace and quote marks normalised; nearest passage: {passage!r}",
                )
            )
    return problems


def quote_offsets(event, sources: Mapping[str, Source]) -> tuple[int, int] | None:
    """The character offsets of an event's quote in its stored source, when both exist."""
    source = sources.get(event.source.strip())
    if source is None or source.text is None:
        return None
    return quote_span(source.text, event.quote)


def quotes_checked(events: Iterable, sources: Mapping[str, Source]) -> int:
    """How many of ``events`` have a stored source text their quote was checked against."""
    return sum(1 for e in events if (s := sources.get(e.source.strip())) and s.text is not None)
