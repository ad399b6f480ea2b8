"""iCalendar (RFC 5545) through the ``icalendar`` library: each event is an all-day event
over its date's whole span (``DTEND`` is the day after the last, as the standard says), so
"May 2024" fills May and "first half of 2025" January to June.

A calendar has no word for "about", "since" or "until": the summary says it, and an open or
unknown end keeps only its known day. Our EDTF travels as ``X-EDTF`` for an exact round trip;
a calendar without it is read by its days (whole years as years, whole months as months).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import icalendar

from timeline.dates import parse_edtf
from timeline.errors import DateError, ExportError, TimelineError
from timeline.events import Event, IdAllocator, Topic, split_list
from timeline.interchange import Imported, claim_id, edtf_for_days, known_span

PRODID = "-//timeline//chronology service//EN"
UID_DOMAIN = "@timeline"
URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+")  # a URI property holds no line break


def dump(events: Sequence[Event], topics: dict[str, Topic], title: str, cite=None) -> bytes:
    """The events as an .ics calendar named ``title``; ``cite`` gives an event's sources as
    citations (timeline.sources.citations), listed in its description."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", icalendar.vText(title))  # as text: its line breaks escaped
    stamp = datetime.now(UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(calendar_event(event, stamp, cite(event) if cite else None))
    return calendar.to_ical()


def calendar_event(event: Event, stamp: datetime, cited=None) -> icalendar.Event:
    fuzzy = event.date
    first, last = (day.to_date() for day in known_span(fuzzy))
    if first is None or last is None:
        raise ExportError(
            f"event {event.id!r} ({fuzzy.label}): a calendar cannot hold days before year 1; "
            "leave it out with a years filter, or export CSV, JSON or TimelineJS"
        )
    out = icalendar.Event()
    out.add("uid", event.id + UID_DOMAIN)
    out.add("dtstamp", stamp)
    if fuzzy.instant:  # one moment, no end: a DATE-TIME in UTC (floating without a zone)
        out.add("dtstart", _moment(fuzzy.instant))
    else:
        out.add("dtstart", first)
        if last < date.max:
            out.add("dtend", last + timedelta(days=1))
        else:  # the day after 31 December 9999 cannot be written
            out.add("duration", timedelta(days=(last - first).days + 1))
    exact = fuzzy.start and fuzzy.end and not (fuzzy.approximate or fuzzy.uncertain)
    out.add("summary", event.title if exact else f"{event.title} ({fuzzy.label})")
    out.add("description", description(event, cited))
    if event.topics:
        out.add("categories", list(event.topics))
    if URL.fullmatch(event.source):
        out.add("url", event.source)
    out.add("x-edtf", fuzzy.edtf)
    return out


def _moment(instant: str) -> datetime:
    moment = datetime.fromisoformat(instant.rstrip("Z"))
    return moment.replace(tzinfo=UTC) if instant.endswith("Z") else moment


def description(event: Event, cited=None) -> str:
    lines = [f"Date: {event.date.label} (EDTF {event.date.edtf})"]
    lines += [f"Actors: {'; '.join(event.actors)}"] if event.actors else []
    lines += [event.summary] if event.summary else []
    lines += [f"“{event.quote}”", f"Source: {event.source}"]
    lines += [f"Note: {event.note}"] if event.note else []
    lines += [f"Reported by: {c.text}" for c in cited or ()]
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
    ours = _text(component, "x-edtf")
    fuzzy = parse_edtf(ours or edtf_of(component, place, notes), where=place)
    title = _text(component, "summary").strip() or "Untitled"
    if ours and title.endswith(f" ({fuzzy.label})"):
        title = title.removesuffix(f" ({fuzzy.label})")
    text = _text(component, "description")
    uid = _text(component, "uid").removesuffix(UID_DOMAIN)
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
        source=_text(component, "url") or source or where,
        note=note,
    )


def _text(component, name: str) -> str:
    """A property's text ("" when absent); given more than once, it is not ours to choose."""
    value = component.get(name)
    if isinstance(value, list):
        shown = ", ".join(repr(str(v)) for v in value)
        raise TimelineError(f"{name.upper()} is given {len(value)} times ({shown})")
    return str(value or "")


def _provenance(text: str, title: str) -> tuple[str, str, str, str, str]:
    """(quote, source, note, summary, actors) from a description we wrote (see
    ``description``); any other description is the quote."""
    lines = text.split("\n")  # ours; splitlines() would break a quote at \x0b or \x1c too
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
    names = [name for group in groups for name in getattr(group, "cats", [group])]
    return tuple(dict.fromkeys(str(name).strip() for name in names if str(name).strip()))


def edtf_of(component, place: str, notes: list[str]) -> str:
    """The EDTF of DTSTART..DTEND: all-day spans by their days, times by their day."""
    start, _ = _day(component, "dtstart", place, notes)
    if component.get("dtend") is not None:
        end, all_day = _day(component, "dtend", place, notes)
        last = end - timedelta(days=1) if all_day and end > start else end
    elif component.get("duration") is not None:
        last = _last_day(start, _value(component, "duration", timedelta))
    else:
        last = start
    return edtf_for_days(start, max(start, last))


def _day(component, name: str, place: str, notes: list[str]) -> tuple[date, bool]:
    """The day of a DTSTART or DTEND, and whether it was given as a whole day."""
    value = _value(component, name, date)  # a datetime is a date too
    if isinstance(value, datetime):
        notes.append(f"{place}: the time of {name.upper()} was not kept (dates here are days)")
        return value.date(), False
    return value, True


def _value(component, name: str, kind: type):
    """A date or duration property's value, checked: present, once, readable, of its kind."""
    prop = component.get(name)
    if prop is None:
        raise TimelineError(f"no {name.upper()}")
    if isinstance(prop, list):
        shown = ", ".join(repr(_raw(p)) for p in prop)
        raise TimelineError(f"{name.upper()} is given {len(prop)} times ({shown})")
    try:
        value = prop.dt
    except ValueError as error:  # icalendar keeps an unreadable value as a broken property
        raise TimelineError(f"{name.upper()} {_raw(prop)!r} cannot be read: {error}") from None
    if isinstance(value, time):
        raise TimelineError(f"{name.upper()} {_raw(prop)!r} is a time of day, not a date")
    if not isinstance(value, kind):
        wanted = "a duration" if kind is timedelta else "a date"
        raise TimelineError(f"{name.upper()} {_raw(prop)!r} is not {wanted}")
    return value


def _last_day(start: date, duration: timedelta) -> date:
    """The last day of an all-day event of ``duration`` from ``start``."""
    if duration.days < 1:
        return start
    try:
        return start + timedelta(days=duration.days - 1)
    except OverflowError:
        raise TimelineError(
            f"DURATION of {duration.days:,} days from {start} ends after the year 9999"
        ) from None


def _raw(prop) -> str:
    try:
        return prop.to_ical().decode("utf-8", "replace")
    except Exception:  # a value icalendar cannot write back: its text as read
        return str(prop)
