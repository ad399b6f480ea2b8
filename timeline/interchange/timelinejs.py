"""TimelineJS3's JSON: ``{"title": slide, "events": [slide, …], "eras": […]}``.

A slide's ``start_date``/``end_date`` hold ``year``, ``month``, ``day`` (and a time, which we
do not keep). The fields given are the precision: a slide with only a year is that year.
Our events go out with the date's span in those fields, the honest label as
``display_date``, the quote and source in the slide's text, and the whole event under the
key ``chronology`` (TimelineJS ignores it) so that reading the file back loses nothing.
"""

from __future__ import annotations

import calendar
import html
import json
from collections.abc import Iterable, Sequence

from timeline.dates import FuzzyDate, parse_edtf
from timeline.errors import DateError, TimelineError
from timeline.events import Event, IdAllocator, Topic, split_list
from timeline.interchange import Imported, claim_id, edtf_for_days, known_span, plain_text

EXTRA = "chronology"  # the key our own events travel under
TIME_FIELDS = ("hour", "minute", "second", "millisecond", "time")


def dump(events: Sequence[Event], topics: dict[str, Topic], title: str) -> bytes:
    """The events as a TimelineJS3 JSON file."""
    document = {
        "title": {"text": {"headline": html.escape(title), "text": f"<p>{len(events)} events</p>"}},
        "events": [slide(event) for event in events],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def slide(event: Event) -> dict[str, object]:
    """One event as a TimelineJS slide."""
    first, last = date_fields(event.date)
    out: dict[str, object] = {"unique_id": event.id, "start_date": first}
    if last:
        out["end_date"] = last
    out["display_date"] = event.date.label
    out["text"] = {"headline": html.escape(event.title), "text": body(event)}
    if event.topics:
        out["group"] = event.topics[0]
    out[EXTRA] = {"edtf": event.date.edtf, **{k: v for k, v in event.as_row().items() if v}}
    return out


def body(event: Event) -> str:
    """The slide's text: summary, the quote and its source (all escaped: no markup runs)."""
    parts = [f"<p>{html.escape(event.summary)}</p>"] if event.summary else []
    parts.append(f"<blockquote>{html.escape(event.quote)}</blockquote>")
    source = html.escape(event.source)
    link = f'<a href="{source}">{source}</a>' if event.source.startswith("http") else source
    parts.append(f"<p>Source: {link}</p>")
    return "".join(parts)


def date_fields(fuzzy: FuzzyDate) -> tuple[dict[str, int], dict[str, int] | None]:
    """``start_date`` and ``end_date`` (None for a single year, month or day): the span.

    An open or unknown end has no field: the known bound stands alone and ``display_date``
    says "since …" or "until …".
    """
    edtf = edtf_for_days(*known_span(fuzzy))
    sides = [_fields(part) for part in edtf.split("/")]
    return sides[0], (sides[1] if len(sides) > 1 else None)


def _fields(part: str) -> dict[str, int]:
    names = ("year", "month", "day")
    return {name: int(value) for name, value in zip(names, part.split("-"), strict=False)}


def load(data: bytes, where: str) -> Imported:
    """Events from a TimelineJS3 JSON file (``where`` names it in messages)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise TimelineError(f"{where}: not a TimelineJS JSON file: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise TimelineError(f'{where}: not a TimelineJS JSON file (no "events" list)')
    imported = from_slides(enumerate(document["events"], start=1), where, "event")
    if document.get("eras"):
        imported.notes.append(f"{where}: {len(document['eras'])} era(s) not imported (no place)")
    return imported


def from_slides(numbered: Iterable[tuple[int, object]], where: str, unit: str) -> Imported:
    """Events from (number, slide) pairs; ``unit`` and the number name a slide in messages."""
    imported, taken = Imported(), IdAllocator()
    for number, item in numbered:
        place = f"{where}: {unit} {number}"
        try:
            if not isinstance(item, dict):
                raise TimelineError("not an object")
            imported.events.append(event_from_slide(item, place, taken, imported.notes))
        except (TimelineError, DateError) as error:
            imported.problems.append(f"{place}: left out: {error}")
    return imported


def event_from_slide(item: dict, where: str, taken: IdAllocator, notes: list[str]) -> Event:
    ours: dict = item[EXTRA] if isinstance(item.get(EXTRA), dict) else {}
    fuzzy = parse_edtf(str(ours["edtf"])) if ours.get("edtf") else slide_date(item, where, notes)
    text: dict = item["text"] if isinstance(item.get("text"), dict) else {}
    headline = plain_text(str(text.get("headline") or ""))
    words = plain_text(str(text.get("text") or ""))
    title = str(ours.get("title") or headline or " ".join(words.split()[:12]) or "Untitled")
    wanted = str(ours.get("id") or item.get("unique_id") or f"{fuzzy.edtf}-{title}")
    event_id = claim_id(wanted, taken)
    group = str(item.get("group") or "").replace(";", ",").strip()
    return Event(
        id=event_id,
        date=fuzzy,
        title=title,
        topics=split_list(str(ours["topics"])) if "topics" in ours else _topics(group),
        actors=split_list(str(ours.get("actors", ""))),
        summary=str(ours.get("summary", "")),
        quote=str(ours.get("quote") or words or headline),
        source=str(ours.get("source") or _media(item) or where.rsplit(": ", 1)[0]),
        note=str(ours["note"]) if "note" in ours else _note(item, fuzzy),
    )


def _topics(group: str) -> tuple[str, ...]:
    return (group,) if group else ()


def _media(item: dict) -> str:
    media: dict = item["media"] if isinstance(item.get("media"), dict) else {}
    return str(media.get("url") or "")


def _note(item: dict, fuzzy: FuzzyDate) -> str:
    shown = plain_text(str(item.get("display_date") or ""))
    return f"TimelineJS display date: {shown}" if shown and shown != fuzzy.label else ""


def slide_date(item: dict, where: str, notes: list[str]) -> FuzzyDate:
    """The date a slide's fields give, at the precision of the fields given."""
    if not isinstance(item.get("start_date"), dict):
        raise TimelineError("no start_date")
    first = _part(item["start_date"], "start_date", where, notes)
    last = _part(item["end_date"], "end_date", where, notes) if item.get("end_date") else None
    edtf = first if last in (None, first) else f"{first}/{last}"
    return parse_edtf(edtf, where=where)


def _part(fields: dict, name: str, where: str, notes: list[str]) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from one side's fields, each checked."""
    values = []
    for key in ("year", "month", "day"):
        raw = str(fields.get(key, "")).replace(",", "").strip()
        if not raw:
            break
        if not raw.lstrip("-").isdigit():
            raise TimelineError(f"{name}.{key} {fields.get(key)!r} is not a whole number")
        values.append(int(raw))
    if not values:
        raise TimelineError(f"{name} has no year")
    year = values[0]
    if not 1 <= year <= 9999:
        raise TimelineError(f"{name}.year {year} is outside the years 1 to 9999 we can store")
    if len(values) > 1 and not 1 <= values[1] <= 12:
        raise TimelineError(f"{name}.month {values[1]} is not a month (1 to 12)")
    if len(values) > 2 and not 1 <= values[2] <= calendar.monthrange(year, values[1])[1]:
        raise TimelineError(f"{name}.day {values[2]} is not a day of {year}-{values[1]:02d}")
    if any(str(fields.get(key, "")).strip() for key in TIME_FIELDS):
        notes.append(f"{where}: the time of {name} was not kept (dates here are days at most)")
    return "-".join([f"{year:04d}", *(f"{v:02d}" for v in values[1:])])
