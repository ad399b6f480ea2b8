"""Every output format in one registry, read by the command line, the API and the page.

A format is either drawn (made from the view's figure: PNG, SVG, PDF, a standalone HTML
page) or written from the events (CSV, JSON, TimelineJS, its sheet, iCalendar). Writers are
named, not imported, so that listing the formats imports nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from timeline.errors import ExportError

if TYPE_CHECKING:
    from timeline.engine import Table
    from timeline.query import Filters


@dataclass(frozen=True)
class Format:
    """One output format: its name, its button label, its media type, the name a download
    gets, whether it is drawn from the figure (and whether it is a picture), and where
    its writer lives (``module:function``)."""

    name: str
    label: str
    media_type: str
    file_name: str
    drawn: bool
    picture: bool
    writer: str
    reader: str | None = None  # ``module:function`` reading it back (timeline import)
    suffix: str = ""  # the file suffix that names it on import
    columns: bool = False  # written from the table's rows, not from events
    cites: bool = False  # its writer takes ``cite``: each event's sources as citations

    def write(self, *args, **kwargs) -> bytes:
        module, _, function = self.writer.partition(":")
        return getattr(import_module(module), function)(*args, **kwargs)

    def read(self, data: bytes, where: str):
        if self.reader is None:
            raise ExportError(f"{self.name} files cannot be imported")
        module, _, function = self.reader.partition(":")
        return getattr(import_module(module), function)(data, where)


_EXPORT = "timeline.export"
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("png", "PNG", "image/png", "timeline.png", True, True, f"{_EXPORT}:picture"),
        Format("svg", "SVG", "image/svg+xml", "timeline.svg", True, True, f"{_EXPORT}:picture"),
        Format("pdf", "PDF", "application/pdf", "timeline.pdf", True, True, f"{_EXPORT}:picture"),
        Format("html", "HTML", "text/html", "timeline.html", True, False, f"{_EXPORT}:page"),
        Format("csv", "CSV", "text/csv", "timeline.csv", False, False, f"{_EXPORT}:events_csv"),
        Format(
            "json", "JSON", "application/json", "timeline.json", False, False,
            f"{_EXPORT}:table_json", columns=True,
        ),
        Format(
            "timelinejs", "TimelineJS", "application/json", "timeline.timelinejs.json", False,
            False, "timeline.interchange.timelinejs:dump", "timeline.interchange.timelinejs:load",
            ".json", cites=True,
        ),
        Format(
            "sheet", "TimelineJS sheet", "text/csv", "timeline.sheet.csv", False, False,
            "timeline.interchange.sheet:dump", "timeline.interchange.sheet:load", ".csv",
        ),
        Format(
            "ics", "Calendar", "text/calendar", "timeline.ics", False, False,
            "timeline.interchange.ics:dump", "timeline.interchange.ics:load", ".ics", cites=True,
        ),
    )
}  # fmt: skip
NAMES = tuple(FORMATS)
PICTURES = tuple(name for name, f in FORMATS.items() if f.picture)
IMPORTS = tuple(name for name, f in FORMATS.items() if f.reader)


def format_named(name: str) -> Format:
    """The format called ``name``; an error that lists the others otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(f"unknown format {name!r}; choose one of {', '.join(NAMES)}") from None


def import_format(name: str | None, suffix: str) -> Format | None:
    """The format a file to import is in: as named, else by its suffix."""
    if name:
        return format_named(name)
    return next((f for f in FORMATS.values() if f.reader and f.suffix == suffix.lower()), None)


def export(
    table: Table,
    filters: Filters,
    name: str,
    title: str,
    *,
    detail: str = "auto",
    x_range: tuple[str, str] | None = None,
    keep_browser: bool = False,
    limit: int | None = None,
) -> bytes:
    """The filtered view of ``table`` in the format ``name``: drawn formats show what the
    page shows (single events, or counts when too many are in view); data formats carry
    every event that passes the filters (at most ``limit``)."""
    fmt = format_named(name)
    if fmt.drawn:
        from timeline.view import make_view  # plotly only when something is drawn

        view = make_view(table, filters, title, x_range, detail)
        return fmt.write(view, fmt.name, keep_browser=keep_browser)
    rows = table.matching(filters)
    if limit is not None and rows.height > limit:
        raise ExportError(
            f"{rows.height:,} events are too many for one download (the limit is {limit:,}); "
            "filter further, or use timeline export"
        )
    if fmt.columns:
        return fmt.write(table, rows, title)
    if fmt.cites and (table.sources or table.reports):
        from timeline.sources import citations

        def cite(event):
            return citations(table.provenance(event), table.sources)

        return fmt.write(table.events(rows), table.topics, title, cite=cite)
    return fmt.write(table.events(rows), table.topics, title)
