"""iCalendar (RFC 5545) through the ``icalendar`` library: each event is an all-day event
over its date's whole span (``DTEND`` is the day after the last, as the standard says), so
"May 2024" fills May and "first half of 2025" January to June.

A calendar has no word for "about", "since" or "until": the summary says it, and an open or
unknown end keeps only its known day. Our EDTF travels as ``X-EDTF`` for an exact round trip;
a calendar without it is read by its days (whole years as years, whole months as months).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import icalendar

from timeline.dates import parse_edtf
from timeline.errors import DateError, TimelineError
from timeline.events import Event, IdAllocator, Topic, split_list
from timeline.interchange import Imported, claim_id, edtf_for_days, known_span

PRODID = "-//timeline//chronology service//EN"
UID_DOMAIN = "@timeline"


def dump(events: Sequence[Event], topics: dict[str, Topic], title: str) -> bytes:
    """The events as an .ics calendar named ``title``."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(calendar_event(event, stamp))
    return calendar.to_ical()


def calendar_event(event: Event, stamp: datetime) -> icalendar.Event:
    fuzzy = event.date
    first, last = known_span(fuzzy)
    out = icalendar.Event()
    out.add("uid", event.id + UID_DOMAIN)
    out.add("dtstamp", stamp)
    out.add("dtstart", first)
    out.add("dtend", last + timedelta(days=1))
    exact = fuzzy.start and fuzzy.end and not (fuzzy.approximate or fuzzy.uncertain)
    out.add("summary", event.title if exact else f"{event.title} ({fuzzy.label})")
    out.add("description", description(event))
    if event.topics:
        out.add("categories", list(event.topics))
    if event.source.startswith(("http://", "https://")):
        out.add("url", event.source)
    out.add("x-edtf", fuzzy.edtf)
    return out


def description(event: Event) -> str:
    lines = [f"Date: {event.date.label} (EDTF {event.date.edtf})"]
    lines += [f"Actors: {'; '.join(event.actors)}"] if event.actors else []
    lines += [event.summary] if event.summary else []
    lines += [f"“{event.quote}”", f"Source: {event.source}"]
    lines += [f"Note: {event.note}"] if event.note else []
    return "\n".join(lines)


def load(data: bytes, where: str) -> Imported:
    """Events from an .ics file (``where`` names it in messages)."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise TimelineError(f"{where}: not an iCalendar file: {error}") from None
    imported, taken = Imported(), IdAllocator()
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        place = f"{where}: event {number}"
        try:
            imported.events.append(event_from(component, where, place, taken, imported.notes))
        except (TimelineError, DateError) as error:
            imported.problems.append(f"{place}: left out: {error}")
    return imported


def event_from(component, where: str, place: str, taken: IdAllocator, notes: list[str]) -> Event:
    edtf = str(component.get("x-edtf") or "") or edtf_of(component, place, notes)
    fuzzy = parse_edtf(edtf, where=place)
    title = str(component.get("summary") or "").strip() or "Untitled"
    if component.get("x-edtf") and title.endswith(f" ({fuzzy.label})"):
        title = title.removesuffix(f" ({fuzzy.label})")
    text = str(component.get("description") or "")
    uid = str(component.get("uid") or "").removesuffix(UID_DOMAIN)
    wanted = uid or f"{fuzzy.edtf}-{title}"
    event_id = claim_id(wanted, taken)
    if component.get("rrule"):
        notes.append(f"{place}: repeats; only its first occurrence was imported")
    quote, source, note, summary, actors = _provenance(text, title)
    return Event(
        id=event_id,
        date=fuzzy,
        title=title,
        topics=_categories(component),
        actors=split_list(actors),
        summary=summary,
        quote=quote,
        source=str(component.get("url") or "") or source or where,
        note=note,
    )


def _provenance(text: str, title: str) -> tuple[str, str, str, str, str]:
    """(quote, source, note, summary, actors) from a description we wrote (see
    ``description``); any other description is the quote."""
    lines = text.splitlines()
    quoted = [i for i, line in enumerate(lines) if line.startswith("“") and line.endswith("”")]
    if not (lines and lines[0].startswith("Date: ") and quoted):
        return text.strip() or title, "", "", "", ""
    summary = [line for line in lines[1 : quoted[0]] if not line.startswith("Actors: ")]
    quote = lines[quoted[0]][1:-1]
    source, note, actors = (_after(key, lines) for key in ("Source: ", "Note: ", "Actors: "))
    return quote, source, note, "\n".join(summary), actors


def _after(prefix: str, lines: list[str]) -> str:
    return next((line.removeprefix(prefix) for line in lines if line.startswith(prefix)), "")


def _categories(component) -> tuple[str, ...]:
    found = component.get("categories")
    groups = found if isinstance(found, list) else [found] if found else []
    return tuple(str(name) for group in groups for name in group.cats)


def edtf_of(component, place: str, notes: list[str]) -> str:
    """The EDTF of DTSTART..DTEND: all-day spans by their days, times by their day."""
    start = _day(component.get("dtstart"), "DTSTART", place, notes)
    if component.get("dtend") is not None:
        end = _day(component.get("dtend"), "DTEND", place, notes)
        last = end - timedelta(days=1) if _all_day(component.get("dtend")) else end
    elif component.get("duration") is not None:
        last = start + component.get("duration").dt - timedelta(days=1)
    else:
        last = start
    return edtf_for_days(start, max(start, last))


def _day(prop, name: str, place: str, notes: list[str]) -> date:
    if prop is None:
        raise TimelineError(f"no {name}")
    value = prop.dt
    if isinstance(value, datetime):
        notes.append(f"{place}: the time of {name} was not kept (dates here are days at most)")
        return value.date()
    return value


def _all_day(prop) -> bool:
    return not isinstance(prop.dt, datetime)
