"""TimelineJS3's Google Sheets template as CSV: one row per slide, the template's columns
(Year, Month, Day, Time, End Year, …, Headline, Text, …, Type, Group, Background), then our
own columns (ID, EDTF, Topics, …), which TimelineJS ignores, for an exact round trip.

Cells that a spreadsheet would run as a formula (= + - @) go out behind a ``'``, which
Google Sheets hides; a ``'`` before such a character is dropped when reading back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from timeline.errors import TimelineError
from timeline.events import Event, Topic
from timeline.export import FORMULA_STARTS, csv_text, neutralised
from timeline.interchange import Imported
from timeline.interchange.timelinejs import EXTRA, from_slides, slide

TEMPLATE = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
OURS = {  # our column: the event field it carries
    "ID": "id", "EDTF": "edtf", "Topics": "topics", "Actors": "actors", "Summary": "summary",
    "Quote": "quote", "Source": "source", "Note": "note",
}  # fmt: skip
SIDES = (("start_date", ""), ("end_date", "End "))
NOT_EVENTS = ("title", "era")


def dump(events: Sequence[Event], topics: dict[str, Topic], title: str) -> bytes:
    """The events as the template's CSV, a title row first."""
    rows = [{"Headline": neutralised(title), "Type": "title"}]
    rows += [{k: neutralised(str(v)) for k, v in row(slide(e)).items()} for e in events]
    return csv_text((*TEMPLATE, *OURS), rows).encode("utf-8")


def row(item: dict) -> dict[str, object]:
    """A slide as a template row."""
    cells: dict[str, object] = {}
    for side, prefix in SIDES:
        for key in ("year", "month", "day"):
            if key in (item.get(side) or {}):
                cells[f"{prefix}{key.title()}"] = item[side][key]  # type: ignore[index]
    text = item.get("text") or {}
    cells["Display Date"] = item.get("display_date", "")
    cells["Headline"] = text.get("headline", "")  # type: ignore[union-attr]
    cells["Text"] = text.get("text", "")  # type: ignore[union-attr]
    cells["Group"] = item.get("group", "")
    ours = item.get(EXTRA) or {}
    for column, name in OURS.items():
        cells[column] = ours.get(name, "")  # type: ignore[union-attr]
    return cells


def load(data: bytes, where: str) -> Imported:
    """Events from a template CSV (``where`` names it in messages)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TimelineError(f"{where}: not UTF-8 text: {error}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or ()]
    missing = [name for name in ("Year", "Headline") if name not in header]
    if missing:
        raise TimelineError(
            f"{where}: line 1: not a TimelineJS sheet: no {' or '.join(missing)} column "
            f"(found: {', '.join(header) or 'nothing'})"
        )
    reader.fieldnames = header
    slides: list[tuple[int, object]] = []
    kinds: list[str] = []
    for number, cells in enumerate(reader, start=2):
        cells = {k: _read(v) for k, v in cells.items() if k}
        kind = cells.get("Type", "").lower()
        if kind in NOT_EVENTS:
            kinds.append(kind)
        else:
            slides.append((number, slide_of(cells)))
    imported = from_slides(slides, where, "line")
    for kind in dict.fromkeys(kinds):
        imported.notes.append(f"{where}: {kinds.count(kind)} {kind} row(s) not imported")
    return imported


def _read(cell: str | None) -> str:
    cell = (cell or "").strip()
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS else cell


def slide_of(cells: dict[str, str]) -> dict[str, object]:
    """A template row as a slide."""
    item: dict[str, object] = {}
    for side, prefix in SIDES:
        fields = {k: cells.get(f"{prefix}{k.title()}", "") for k in ("year", "month", "day")}
        fields["time"] = cells.get(f"{prefix}Time", "")
        if fields["year"]:
            item[side] = fields
    item["display_date"] = cells.get("Display Date", "")
    item["text"] = {"headline": cells.get("Headline", ""), "text": cells.get("Text", "")}
    item["media"] = {"url": cells.get("Media", ""), "credit": cells.get("Media Credit", "")}
    item["group"] = cells.get("Group", "")
    item[EXTRA] = {name: cells[column] for column, name in OURS.items() if cells.get(column)}
    return item
