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
import re
from collections.abc import Iterable, Sequence

from timeline.dates import FuzzyDate, parse_edtf
from timeline.errors import DateError, TimelineError
from timeline.events import LIST_SEPARATOR, Event, IdAllocator, Topic, split_list
from timeline.interchange import Imported, claim_id, edtf_for_days, known_span, plain_text

EXTRA = "chronology"  # the key our own events travel under
WHOLE = re.compile(r"-?[0-9]{1,12}")  # longer is no year, month or day; int() of it is slow
TIME_FIELDS = ("hour", "minute", "second", "millisecond", "time")
CLOCK = ("hour", "minute", "second")
DAY_PARTS = re.compile(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def dump(events: Sequence[Event], topics: dict[str, Topic], title: str, cite=None) -> bytes:
    """The events as a TimelineJS3 JSON file; ``cite`` gives an event's sources as
    citations (timeline.sources.citations), shown in the slide and as the media credit."""
    document = {
        "title": {"text": {"headline": html.escape(title), "text": f"<p>{len(events)} events</p>"}},
        "events": [slide(event, cite(event) if cite else None) for event in events],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def slide(event: Event, cited=None) -> dict[str, object]:
    """One event as a TimelineJS slide (``cited``: its sources as citations)."""
    first, last = date_fields(event.date)
    out: dict[str, object] = {"unique_id": event.id, "start_date": first}
    if last:
        out["end_date"] = last
    out["display_date"] = event.date.label
    out["text"] = {"headline": html.escape(event.title), "text": body(event, cited)}
    linked = [c for c in cited or () if c.url.startswith(("http://", "https://"))]
    if linked:
        credit = "; ".join(c.outlet or c.text for c in cited or ())
        out["media"] = {"url": linked[0].url, "link": linked[0].url, "credit": html.escape(credit)}
    if event.topics:
        out["group"] = event.topics[0]
    out[EXTRA] = {"edtf": event.date.edtf, **{k: v for k, v in event.as_row().items() if v}}
    return out


def body(event: Event, cited=None) -> str:
    """The slide's text: summary, the quote and its source, and with ``cited`` every
    source in words (all escaped: no markup runs)."""
    parts = [f"<p>{html.escape(event.summary)}</p>"] if event.summary else []
    parts.append(f"<blockquote>{html.escape(event.quote)}</blockquote>")
    source = html.escape(event.source)
    link = f'<a href="{source}">{source}</a>' if event.source.startswith("http") else source
    parts.append(f"<p>Source: {link}</p>")
    if cited:
        label = "Reported by" if len(cited) > 1 else "Cited"
        parts.append(f"<p>{label}: {html.escape('; '.join(c.text for c in cited))}</p>")
    return "".join(parts)


def date_fields(fuzzy: FuzzyDate) -> tuple[dict[str, int], dict[str, int] | None]:
    """``start_date`` and ``end_date`` (None for a single year, month or day): the span.

    An open or unknown end has no field: the known bound stands alone and ``display_date``
    says "since …" or "until …".
    """
    if fuzzy.instant:  # TimelineJS times are local to the reader: we give UTC (or floating)
        day, clock = fuzzy.instant.rstrip("Z").split("T")
        moment = _fields(day) | dict(zip(CLOCK, map(int, clock.split(":")), strict=True))
        return moment, None
    edtf = edtf_for_days(*known_span(fuzzy))
    sides = [_fields(part) for part in edtf.split("/")]
    return sides[0], (sides[1] if len(sides) > 1 else None)


def _fields(part: str) -> dict[str, int]:
    """``-0489-05`` as year, month (TimelineJS counts years as we do: 0 is 1 BC)."""
    match = DAY_PARTS.fullmatch(part)
    assert match is not None, part
    names = ("year", "month", "day")
    return {name: int(value) for name, value in zip(names, match.groups(), strict=True) if value}


def load(data: bytes, where: str) -> Imported:
    """Events from a TimelineJS3 JSON file (``where`` names it in messages)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise TimelineError(f"{where}: not a TimelineJS JSON file: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("events"), list):
        raise TimelineError(f'{where}: not a TimelineJS JSON file (no "events" list)')
    imported = from_slides(enumerate(document["events"], start=1), where, "event")
    eras = document.get("eras")
    if eras:
        count = f"{len(eras)} era(s)" if isinstance(eras, list) else f"the eras ({eras!r})"
        imported.notes.append(f"{where}: {count} not imported (no place)")
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
    ours = _object(item, EXTRA)
    edtf = _text(ours, "edtf", EXTRA)
    fuzzy = parse_edtf(edtf) if edtf else slide_date(item, where, notes)
    text = _object(item, "text")
    headline = plain_text(_text(text, "headline", "text"))
    words = plain_text(_text(text, "text", "text"))
    title = _text(ours, "title", EXTRA) or headline or " ".join(words.split()[:12]) or "Untitled"
    wanted = _text(ours, "id", EXTRA) or _text(item, "unique_id") or f"{fuzzy.edtf}-{title}"
    group = _text(item, "group").replace(";", ",").strip()
    return Event(
        id=claim_id(wanted, taken),
        date=fuzzy,
        title=title,
        topics=_list(ours, "topics") if "topics" in ours else _topics(group),
        actors=_list(ours, "actors"),
        summary=_text(ours, "summary", EXTRA),
        quote=_text(ours, "quote", EXTRA) or words or headline,
        source=_text(ours, "source", EXTRA) or _media(item) or where.rsplit(": ", 1)[0],
        note=_text(ours, "note", EXTRA) if "note" in ours else _note(item, fuzzy),
    )


def _object(item: dict, key: str) -> dict:
    """A field that holds an object; anything else there is ignored, as TimelineJS does."""
    value = item.get(key)
    return value if isinstance(value, dict) else {}


def _text(item: dict, key: str, within: str = "") -> str:
    """A field that holds text (a number is taken as its digits; absent is empty)."""
    value = item.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    name = f"{within}.{key}" if within else key
    raise TimelineError(f"{name} {_shown(value)} is not text")


def _list(ours: dict, key: str) -> tuple[str, ...]:
    """Topics or actors: a ``;``-separated text, or a list of texts."""
    value = ours.get(key)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return split_list(LIST_SEPARATOR.join(value))
    return split_list(_text(ours, key, EXTRA))


def _shown(value: object) -> str:
    """A value quoted for a message, cut short if long."""
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def _topics(group: str) -> tuple[str, ...]:
    return (group,) if group else ()


def _media(item: dict) -> str:
    media = _object(item, "media")
    return _text(media, "url", "media")


def _note(item: dict, fuzzy: FuzzyDate) -> str:
    shown = plain_text(_text(item, "display_date"))
    return f"TimelineJS display date: {shown}" if shown and shown != fuzzy.label else ""


def slide_date(item: dict, where: str, notes: list[str]) -> FuzzyDate:
    """The date a slide's fields give, at the precision of the fields given."""
    if item.get("start_date") is None:
        raise TimelineError("no start_date")
    first = _part(item["start_date"], "start_date", where, notes)
    last = _part(item["end_date"], "end_date", where, notes) if item.get("end_date") else None
    edtf = first if last in (None, first) else f"{first}/{last}"
    return parse_edtf(edtf, where=where)


def _part(fields: object, name: str, where: str, notes: list[str]) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from one side's fields, each checked."""
    if not isinstance(fields, dict):
        raise TimelineError(f"{name} {_shown(fields)} is not an object with a year")
    values = []
    for key in ("year", "month", "day"):
        given = fields.get(key)
        raw = "" if given is None else str(given).replace(",", "").strip()
        if not raw:
            break
        if isinstance(given, bool | float | list | dict) or not WHOLE.fullmatch(raw):
            raise TimelineError(f"{name}.{key} {_shown(given)} is not a whole number")
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
