"""Writing provenance beside an events file: an article's text (under ``sources/``) with its
entry in ``sources.csv``, and other reports of events in ``reports.csv``.

Each write holds the events file's lock, so it queues with every other writer; each file is
replaced atomically (a temporary file, an fsync, a rename), and the rows already in it stay
byte for byte: new rows are appended after them. A report is checked before it is written
(its event is in the file, its date is EDTF, its quote is in the stored text), and one
already there (same event, source and quote) is not written twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.dates import parse_edtf
from timeline.engine import read_table
from timeline.errors import DateError, TimelineError
from timeline.events import slug
from timeline.sources import (
    REPORT_COLUMNS,
    SOURCE_COLUMNS,
    Source,
    quote_span,
    read_reports,
    read_sources,
    reports_path_for,
    sources_path_for,
)
from timeline.store import Reading
from timeline.write import real_path, replace_atomically, write_lock

TEXTS_FOLDER = "sources"


@dataclass(frozen=True)
class NewReport:
    """A report to attach: which event, the source's id, its quote and the date it gives."""

    event: str
    source: str
    quote: str
    date: str
    note: str = ""


def store_article(
    events_path: str | Path, text: str, name: str, published: str = "", outlet: str = ""
) -> Source:
    """Keep an article beside the events file: its text in ``sources/<id>.txt`` and its entry
    in sources.csv. The id comes from ``name``; the same text stored before is that entry,
    and a taken id with other text gets a numbered suffix."""
    path = real_path(events_path)
    if not text.strip():
        raise TimelineError("the article is empty: nothing to store")
    if published:
        _check_date(published, "published")
    with write_lock(path):
        listing = sources_path_for(path)
        known = read_sources(listing, Reading(str(listing)))
        for source in known.values():
            if source.text == text:
                return source
        wanted = slug(name or outlet or "article")
        taken = set(known) | {p.stem for p in (path.parent / TEXTS_FOLDER).glob("*.txt")}
        source_id = _free(wanted, taken)
        relative = f"{TEXTS_FOLDER}/{source_id}.txt"
        (path.parent / TEXTS_FOLDER).mkdir(exist_ok=True)
        replace_atomically(path.parent / relative, text.encode("utf-8"))
        row = {"id": source_id, "path": relative, "published": published, "outlet": outlet}
        _append_rows(listing, SOURCE_COLUMNS, [row])
    return read_sources(listing, Reading(str(listing)))[source_id]


def attach_reports(events_path: str | Path, reports: Sequence[NewReport]) -> list[NewReport]:
    """Append ``reports`` to reports.csv, each checked first; returns those written (one
    already there is left out). Nothing is written if any is wrong."""
    path = real_path(events_path)
    with write_lock(path):
        table = read_table(path)
        ids = set(table.frame.get_column("id").to_list())
        listing = reports_path_for(path)
        there = read_reports(listing, Reading(str(listing)), table.sources)
        seen = {(r.event, r.source, r.quote) for told in there.values() for r in told}
        problems, fresh = [], []
        for report in reports:
            problem = _problem_of(report, ids, table.sources)
            if problem:
                problems.append(f"report of {report.event!r}: {problem}")
            elif (report.event, report.source, report.quote) not in seen:
                seen.add((report.event, report.source, report.quote))
                fresh.append(report)
        if problems:
            raise TimelineError("; ".join(problems))
        rows = [{c: getattr(r, c) for c in REPORT_COLUMNS} for r in fresh]
        if rows:
            _append_rows(listing, REPORT_COLUMNS, rows)
    return fresh


def _problem_of(report: NewReport, ids: set[str], sources) -> str:
    if report.event not in ids:
        return "no such event in the file"
    try:
        _check_date(report.date, "date")
    except TimelineError as error:
        return str(error)
    source = sources.get(report.source)
    if source is None:
        return f"no source {report.source!r} in sources.csv"
    if source.text is not None and quote_span(source.text, report.quote) is None:
        return f"the quote is not in source {report.source!r}"
    return ""


def _check_date(value: str, what: str) -> None:
    try:
        parse_edtf(value)
    except DateError as error:
        raise TimelineError(f"{what} {value!r}: {error}") from None


def _free(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def _append_rows(path: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> None:
    """Append rows under the file's own header (written first for a new file): the bytes
    already there are kept, and the file is replaced atomically."""
    before = path.read_bytes() if path.exists() else b""
    text = before.decode("utf-8-sig") if before else ""
    header = next(csv.reader(io.StringIO(text)), None) if text else None
    names = [n.strip() for n in header] if header else list(columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if b"\r\n" in before else "\n")
    if not header:
        writer.writerow(names)
    for row in rows:
        writer.writerow([row.get(name, "") for name in names])
    joint = b"" if not before or before.endswith(b"\n") else b"\n"
    replace_atomically(path, before + joint + out.getvalue().encode("utf-8"))
