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

from timeline.dates import FuzzyDate, parse_edtf
from timeline.errors import DateError, Problem
from timeline.store import Reading, csv_records, read_text

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
    records = list(csv_records(read_text(path, own) or "", own))
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
    found = (_quote_problem(where, e.line, e.quote, sources.get(e.source.strip())) for e in events)
    return [problem for problem in found if problem is not None]


def quotes_checked(events: Iterable, sources: Mapping[str, Source]) -> int:
    """How many of ``events`` have a stored source text their quote was checked against."""
    return sum(1 for e in events if (s := sources.get(e.source.strip())) and s.text is not None)


# --- reports: an event told by several sources ----------------------------------------------

REPORT_COLUMNS = ("event", "source", "quote", "date", "note")


@dataclass(frozen=True)
class Report:
    """One source's telling of an event: which source, its verbatim quote and the date it
    gives. An event's own row is its first report; ``reports.csv`` beside the events file
    holds the others."""

    event: str
    source: str
    quote: str
    date: FuzzyDate
    note: str = ""
    line: int = 0  # in reports.csv (0: the event's own row)


def reports_path_for(events_path: Path) -> Path:
    """The other reports of an events file's events: ``reports.csv`` beside it."""
    return Path(events_path).with_name("reports.csv")


def read_reports(
    path: Path, reading: Reading, sources: Mapping[str, Source]
) -> dict[str, tuple[Report, ...]]:
    """The reports of ``path`` (a reports.csv) by event id, each checked as an event's own
    source and quote are; a missing file is none."""
    if not path.exists():
        return {}
    own = Reading(str(path))
    records = list(csv_records(read_text(path, own) or "", own))
    found: dict[str, list[Report]] = {}
    if records:
        names = [name.strip() for name in records[0][1]]
        if names[: len(REPORT_COLUMNS)] != list(REPORT_COLUMNS):
            own.problem(records[0][0], "", ",".join(records[0][1]),
                        f"header must be {','.join(REPORT_COLUMNS)}")  # fmt: skip
            records = []
        for line, cells in records[1:]:
            row = dict(zip(names, cells + [""] * len(names), strict=False))
            report = _report_from_row(line, row, own, sources)
            if report is not None:
                found.setdefault(report.event, []).append(report)
    reading.problems.extend(own.problems)
    return {event: tuple(reports) for event, reports in found.items()}


def _report_from_row(
    line: int, row: dict[str, str], reading: Reading, sources: Mapping[str, Source]
) -> Report | None:
    for column in ("event", "source", "quote", "date"):
        if not row[column].strip():
            reading.problem(line, column, "", f"a report needs its {column}")
            return None
    try:
        fuzzy = parse_edtf(row["date"].strip())
    except DateError as error:
        reading.problem(line, "date", row["date"], str(error))
        return None
    report = Report(row["event"].strip(), row["source"].strip(), row["quote"], fuzzy,
                    row["note"].strip(), line)  # fmt: skip
    problem = _quote_problem(reading.path, line, report.quote, sources.get(report.source))
    if problem is not None:
        reading.problems.append(problem)
    return report


def _quote_problem(where: str, line: int, quote: str, source: Source | None) -> Problem | None:
    if source is None or source.text is None or quote_span(source.text, quote) is not None:
        return None
    passage = nearest_passage(source.text, quote)
    return Problem(
        where, line, "quote", quote,
        f"not found verbatim in source {source.id!r} ({source.path}), even with whitespace "
        f"and quote marks normalised; nearest passage: {passage!r}",
    )  # fmt: skip


@dataclass(frozen=True)
class Provenance:
    """Every report of one event, its own first, and what they say about its date."""

    reports: tuple[Report, ...]

    @property
    def count(self) -> int:
        return len({report.source for report in self.reports})

    def dates(self) -> list[tuple[FuzzyDate, int]]:
        """Each date the reports give with how many sources give it, most first (the
        event's own date first among equals)."""
        tally: dict[str, tuple[FuzzyDate, set[str]]] = {}
        for report in self.reports:
            tally.setdefault(report.date.edtf, (report.date, set()))[1].add(report.source)
        ranked = sorted(tally.values(), key=lambda item: -len(item[1]))
        return [(fuzzy, len(given)) for fuzzy, given in ranked]

    @property
    def disagree(self) -> bool:
        return len(self.dates()) > 1

    def summary(self) -> str:
        """ "2 sources", or when they differ on the date: "May 2024 (2 sources); April 2024
        (1 source)"."""
        if not self.disagree:
            return _sources(self.count)
        return "; ".join(f"{fuzzy.label} ({_sources(n)})" for fuzzy, n in self.dates())

    def as_json(self, sources: Mapping[str, Source]) -> dict[str, object]:
        return {
            "sources": [_report_json(report, sources) for report in self.reports],
            "dates_by_source": [
                {"date": fuzzy.edtf, "label": fuzzy.label, "sources": n}
                for fuzzy, n in self.dates()
            ],
            "sources_disagree": self.disagree,
        }


def _sources(count: int) -> str:
    return f"{count} source" + ("" if count == 1 else "s")


def _report_json(report: Report, sources: Mapping[str, Source]) -> dict[str, object]:
    source = sources.get(report.source)
    span = quote_span(source.text, report.quote) if source and source.text is not None else None
    return {
        "source": report.source,
        "quote": report.quote,
        "date": report.date.edtf,
        "label": report.date.label,
        "note": report.note,
        "quote_start": span[0] if span else None,
        "quote_end": span[1] if span else None,
        "cited": source.as_dict() if source else None,
    }


def provenance_of(event, others: Mapping[str, tuple[Report, ...]]) -> Provenance:
    """An event's own report (its row's source, quote and date) and the others of it."""
    own = Report(event.id, event.source.strip(), event.quote, event.date, "", 0)
    return Provenance((own, *others.get(event.id, ())))


@dataclass(frozen=True)
class Citation:
    """A report as another tool shows it: who said it, in words, and where to read it."""

    text: str
    outlet: str = ""
    url: str = ""


def citations(provenance: Provenance, sources: Mapping[str, Source]) -> list[Citation]:
    """Each report of an event as a citation: outlet, title and publication date of a
    stored source ("Paper A, Law adopted, published 1 June 2024"), or the free text."""
    found = []
    for report in provenance.reports:
        source = sources.get(report.source)
        if source is None:
            found.append(Citation(report.source))
            continue
        published = f"published {parse_edtf(source.published).label}" if source.published else ""
        words = [part for part in (source.outlet, source.title, published) if part]
        differs = (
            "" if report.date == provenance.reports[0].date else f" (dates it {report.date.label})"
        )
        found.append(Citation((", ".join(words) or source.id) + differs, source.outlet, source.url))
    return found


def source_listing(sources: Mapping[str, Source], supported: Mapping[str, list]) -> list[dict]:
    """Every source, stored ones first in sources.csv order, then free-text citations, each
    with a one-line heading and the events it supports (id, the date it gives, title)."""
    listing = []
    for name in [*sources, *(name for name in supported if name not in sources)]:
        source = sources.get(name)
        told = supported.get(name, [])
        if source is None:
            heading = f"{name!r} (cited as text, no stored text): {_events(len(told))}"
        else:
            where = source.path or "no stored text"
            about = ", ".join(p for p in (source.outlet, source.title) if p)
            published = (
                f"published {parse_edtf(source.published).label}" if source.published else ""
            )
            heading = ", ".join(p for p in (source.id, about, published, where) if p)
            heading += f": {_events(len(told))}"
        listing.append(
            {
                "source": name,
                "stored": source is not None and source.file is not None,
                "heading": heading,
                "events": [
                    {"id": e.id, "date": r.date.edtf, "label": r.date.label, "title": e.title}
                    for e, r in told
                ],
            }
        )
    return listing


def _events(count: int) -> str:
    return f"{count} event" + ("" if count == 1 else "s")
