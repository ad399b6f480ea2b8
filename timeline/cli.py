"""The ``timeline`` command: wiring only; the work is done by the package's modules."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from timeline.errors import FilterError, TimelineError
from timeline.formats import IMPORTS, NAMES


@click.group()
@click.version_option(package_name="timeline")
def main() -> None:
    """Chronologies with honest dates: read, check, serve and export events files."""


@main.command("date", context_settings={"ignore_unknown_options": True})
@click.argument("values", nargs=-1, required=True)
def date_command(values: tuple[str, ...]) -> None:
    """Print each EDTF VALUE as one JSON line: bounds, precision, qualifiers, label.

    A year before 1 is written as it is (``timeline date -0489``) or after ``--``."""
    from timeline.dates import parse_edtf
    from timeline.errors import DateError

    failed = False
    for value in values:
        try:
            click.echo(parse_edtf(value).to_json())
        except DateError as error:
            click.echo(f"error: {error}", err=True)
            failed = True
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("events", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--topics",
    "topics_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Topic vocabulary (default: topics.csv beside EVENTS).",
)
def validate(events: Path, topics_path: Path | None) -> None:
    """Report every problem in EVENTS with file, line, column and value; exit 1 if any."""
    from timeline.engine import read_table
    from timeline.sources import quotes_checked

    table = read_table(events, topics_path)
    for problem in table.problems:
        click.echo(str(problem), err=True)
    if table.problems:
        click.echo(
            f"{events}: {len(table.problems)} problem(s); {len(table)} of {table.rows} rows usable",
            err=True,
        )
        sys.exit(1)
    checked = quotes_checked(table.all_events(), table.sources) if table.sources else 0
    verified = f"; {checked} quotes found verbatim in their stored sources" if checked else ""
    click.echo(f"{events}: {len(table)} events, no problems{verified}")


def setting_options(command):
    """An option for each setting that has a flag (timeline/settings.py), in its order; a
    flag not given leaves the setting to its environment variable or default."""
    from timeline.settings import SETTINGS

    for setting in reversed([s for s in SETTINGS if s.flag]):
        kind = setting.kind
        option_type = (
            click.Path(path_type=Path, file_okay=setting.name != "events_dir",
                       dir_okay=setting.name == "events_dir")
            if kind is Path
            else click.IntRange(1, 65535 if setting.name == "port" else None)
            if kind is int
            else str
        )  # fmt: skip
        help_text = f"{setting.help} [{setting.env}; default: {setting.shown_default}]"
        command = click.option(setting.flag, setting.name, type=option_type, help=help_text)(
            command
        )
    return command


@main.command()
@setting_options
@click.option("--debug", is_flag=True, help="Dash's debug mode (reloader, error pop-ups).")
def serve(debug: bool, **given) -> None:
    """Serve the interactive timeline of an events file (or a folder of them) at
    http://HOST:PORT, with the JSON API under /api/v1. Every option has an environment
    variable; `timeline settings` shows them all."""
    from timeline import settings as configured
    from timeline.access import WritePolicy

    try:
        settings = configured.from_environment().with_values(given, "flag")
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    configured.use(settings)
    host, port = settings.host, settings.port
    policy = WritePolicy.for_server(host, settings.token)
    if policy.disabled:
        click.echo(f"Read-only: {policy.disabled}.", err=True)
    if settings.events_dir is not None:
        if settings.topics is not None:
            raise click.UsageError("--topics is for --events; a folder shares its topics.csv")
        application = _folder_site(Path(settings.events_dir), settings.title, policy)
        what = f"every events file of {settings.events_dir}"
    else:
        from timeline.dashboard import create_app  # dash is imported only to serve

        events_path = Path(settings.events)
        if not events_path.exists():
            raise click.BadParameter(f"no such file: {events_path}", param_hint="--events")
        app = create_app(events_path, settings.topics, settings.title, policy=policy)
        if debug:
            app.run(host=host, port=port, debug=True)  # Flask's development server, reloading
            return
        application, what = app.server, str(events_path)
    click.echo(f"Serving {what} at http://{host}:{port}/ (JSON API: /api/v1)")
    import waitress  # a production WSGI server; Flask's own is for development only

    from timeline.limits import waitress_settings

    waitress.serve(application, host=host, port=port, **waitress_settings())


@main.command("settings")
def settings_command() -> None:
    """Print every setting: its value now, where the value comes from, and its flag."""
    from timeline.settings import SETTINGS, from_environment

    try:
        settings = from_environment()
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    for setting in SETTINGS:
        value = getattr(settings, setting.name)
        flag = f" ({setting.flag})" if setting.flag else ""
        click.echo(f"{setting.name} = {value!r}  [{settings.source(setting.name)}]{flag}")


def _folder_site(folder: Path, title: str | None, policy):
    from timeline.catalogue import Catalogue
    from timeline.dashboard import create_app

    try:
        catalogue = Catalogue.of_folder(folder)
    except TimelineError as error:
        raise click.BadParameter(str(error), param_hint="--events-dir") from None
    for skipped in catalogue.skipped():
        click.echo(f"warning: {skipped}", err=True)
    if not catalogue.names():
        click.echo(f"warning: {folder} has no events files yet; add some and reload", err=True)
    return create_app(title=title, policy=policy, folder=folder).server


@main.command()
@click.argument("events", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(NAMES), required=True)
@click.option("--years", help="Year range FIRST:LAST, e.g. 2024:2025.")
@click.option("--topics", "topic_list", help="Comma-separated topics, e.g. trade,energy.")
@click.option("--text", default="", help="Keep events whose title, summary or quote has TEXT.")
@click.option("--title", help="Image title (default: Chronology · EVENTS file name).")
@click.option(
    "--detail",
    type=click.Choice(("auto", "events", "counts")),
    default="auto",
    show_default=True,
    help="Drawn formats: single events when few enough are in view, else counts per period "
    "(auto, as the page); always single events (events, up to 20,000); always counts.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(
    events: Path,
    fmt: str,
    years: str | None,
    topic_list: str | None,
    text: str,
    title: str | None,
    detail: str,
    output: Path,
) -> None:
    """Export the filtered events of EVENTS: an image (png, svg, pdf), a standalone page
    (html), data (csv, json), or another tool's format (timelinejs, sheet, ics)."""
    from timeline.engine import read_table
    from timeline.formats import export as export_view
    from timeline.query import Filters, parse_topics, parse_years

    table = read_table(events)
    for problem in table.problems:
        click.echo(f"warning: skipped: {problem}", err=True)
    try:
        filters = Filters(
            parse_years(years) if years else None,
            parse_topics(topic_list, table.topics) if topic_list else (),
            text.strip(),
        )
    except FilterError as error:
        raise click.UsageError(str(error)) from None
    try:
        data = export_view(
            table, filters, fmt, title or f"Chronology · {events.name}", detail=detail
        )
    except TimelineError as error:
        raise click.ClickException(str(error)) from None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as error:
        raise click.ClickException(f"could not write {output}: {error.strerror}") from None
    matched = table.matching(filters).height
    click.echo(f"{output}: {matched:,} of {len(table):,} events, {len(data):,} bytes")


@main.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(IMPORTS),
    help="SOURCE's format (default: from its suffix: .json, .csv, .ics).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Events file to add the events to (created if missing; kept rows stay as they are).",
)
def import_command(source: Path, fmt: str | None, output: Path) -> None:
    """Add the events of a TimelineJS3 JSON file, TimelineJS sheet (CSV) or calendar (.ics)
    to an events file; topics new to it are added to the topics.csv beside it."""
    from timeline.formats import import_format
    from timeline.write import add_events, add_topics

    found = import_format(fmt, source.suffix)
    if found is None:
        raise click.UsageError(f"{source}: give --format (timelinejs, sheet or ics)")
    try:
        imported = found.read(source.read_bytes(), str(source))
        for message in imported.problems + imported.notes:
            click.echo(f"warning: {message}", err=True)
        output.parent.mkdir(parents=True, exist_ok=True)
        added = add_topics(output, (t for e in imported.events for t in e.topics))
        written = add_events(output, imported.events, by=f"import of {source.name}")
    except TimelineError as error:
        raise click.ClickException(str(error)) from None
    topics = (
        f"; new topics in {output.with_name('topics.csv')}: {', '.join(added)}" if added else ""
    )
    left = f"; {len(imported.problems)} left out (see warnings)" if imported.problems else ""
    click.echo(f"{output}: added {len(written)} events from {source}{left}{topics}")


def _read_text(path: str) -> str:
    """A UTF-8 text file, or standard input for ``-``; a clear error otherwise."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as error:
        raise click.BadParameter(
            f"cannot read {path}: {error.strerror}", param_hint="FILE"
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.BadParameter(
            f"{path} is not UTF-8 text (byte {error.start}: "
            f"{data[error.start : error.start + 4]!r})",
            param_hint="FILE",
        ) from None


def _iso_date(_ctx, _param, value: str | None):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD") from None


ANCHOR = click.option(
    "--anchor",
    type=click.Choice(["auto", "narrative", "document"]),
    default="auto",
    show_default=True,
    help="What a date without a year takes it from: the story's last date (narrative), the "
    "document date (document), or by the story's distance from the document (auto).",
)


@main.command("tag")
@click.argument("file", default="-")
@click.option("--dct", callback=_iso_date, help="Document creation date YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@ANCHOR
def tag_command(file: str, dct: date | None, fmt: str, anchor: str) -> None:
    """Print every temporal expression of FILE (or - for stdin) as a JSON line."""
    from timeline.temporal import tag

    for timex in tag(_read_text(file), dct, anchor):
        click.echo(json.dumps(timex.as_dict(), ensure_ascii=False))


@main.command("eval-timeml")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--errors", is_flag=True, help="List every miss after the scores.")
@ANCHOR
def eval_timeml(paths: tuple[Path, ...], errors: bool, anchor: str) -> None:
    """Score the tagger on TimeML files (TempEval-3 relaxed/strict span, type and value F1)."""
    from functools import partial

    from timeline.temporal import tag
    from timeline.temporal.timeml import evaluate, read_timeml, timeml_files

    files = timeml_files(paths)
    if not files:
        raise click.UsageError("no .tml files in " + ", ".join(map(str, paths)))
    documents = [read_timeml(path) for path in files]
    score = evaluate(documents, partial(tag, anchor=anchor))
    click.echo(
        f"{len(documents)} documents, {score.gold} gold and {score.system} system expressions"
    )
    for name, value in score.table().items():
        click.echo(f"{name:20} {value:6.2f}")
    click.echo("misses by kind: " + ", ".join(f"{k} {n}" for k, n in score.kinds().items()))
    if errors:
        for miss in score.misses:
            gold = miss.gold and f"{miss.gold.text!r} {miss.gold.type} {miss.gold.value}"
            system = miss.system and f"{miss.system.text!r} {miss.system.type} {miss.system.value}"
            click.echo(
                f"{miss.document}\t{miss.kind}\tgold: {gold or '-'}\tsystem: {system or '-'}"
            )


@main.command("extract")
@click.argument("file", default="-")
@click.option("--published", callback=_iso_date, help="Publication date YYYY-MM-DD.")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option("--source", help="Source to write on each event (default: FILE).")
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An events file: a proposal that reports one of its events again says which "
    '("matches"; in CSV, the report_of column).',
)
@ANCHOR
def extract_command(
    file: str,
    published: date | None,
    fmt: str,
    source: str | None,
    against: Path | None,
    anchor: str,
) -> None:
    """Propose dated events from an article: one per dated clause, with its sentence. FILE
    may also be a folder of .txt articles or a sources file (id,path,published): each
    article is read on Dask, and each proposal names its "article"."""
    from timeline.corpus import articles_in
    from timeline.extract import extract
    from timeline.store import write_events_csv

    articles = articles_in(Path(file), published) if file != "-" else None
    if articles is not None:
        _extract_many(articles, fmt, against)
        return
    try:
        proposals = extract(_read_text(file), published, source or file, anchor=anchor)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    found = _matches_in(against, [p.event for p in proposals])
    if fmt == "csv":
        extra = {"report_of": [m.event.id if m else "" for m in found]} if against else None
        write_events_csv([p.event for p in proposals], sys.stdout, extra)
        return
    for proposal, match in zip(proposals, found, strict=True):
        said = proposal.as_dict()
        if against:
            said["matches"] = match.as_dict() if match else None
        click.echo(json.dumps(said, ensure_ascii=False))


def _extract_many(articles: list, fmt: str, against: Path | None) -> None:
    """Proposals from many articles, extracted on Dask, printed in the articles' order."""
    from timeline.corpus import extract_corpus
    from timeline.dates import parse_edtf
    from timeline.events import Event
    from timeline.progress import progress_bar
    from timeline.store import write_events_csv

    known = _known_events(against)
    if fmt == "csv":
        rows: list = []
    with progress_bar(len(articles), "Extracting") as advance:
        for article, proposals in extract_corpus(articles, progress=advance):
            events = [Event(p["id"], parse_edtf(p["date"]), p["title"], tuple(p["topics"]),
                            quote=p["quote"], source=article.id) for p in proposals]  # fmt: skip
            found = _matches_in(against, events, known)
            if fmt == "csv":
                rows += zip(events, found, strict=True)
                continue
            for proposal, match in zip(proposals, found, strict=True):
                said = {**proposal, "article": article.id}
                if against:
                    said["matches"] = match.as_dict() if match else None
                click.echo(json.dumps(said, ensure_ascii=False))
    if fmt == "csv":
        extra = {"report_of": [m.event.id if m else "" for _, m in rows]} if against else None
        write_events_csv([e for e, _ in rows], sys.stdout, extra)


def _known_events(against: Path | None) -> list:
    if against is None:
        return []
    from timeline.engine import read_table

    return read_table(against).all_events()


def _matches_in(against: Path | None, proposed: list, known: list | None = None) -> list:
    """For each proposal, the event of ``against`` it reports again (None: a new one)."""
    if against is None:
        return [None] * len(proposed)
    from timeline.matching import matches

    return matches(proposed, known if known is not None else _known_events(against))


@main.command("generate")
@click.option(
    "--n", "count", type=click.IntRange(0, 10_000_000), required=True, help="How many events."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--seed", type=int, default=0, show_default=True)
def generate_command(count: int, output: Path, seed: int) -> None:
    """Write a synthetic events file (every precision, topics, open and fuzzy dates)."""
    from timeline.generate import generate_file
    from timeline.progress import progress_bar

    with progress_bar(count, "Generating events") as advance:
        generate_file(count, output, seed, advance)
    click.echo(f"{output}: {count} events (seed {seed})")


EVENT_FIELDS = ("date", "title", "topics", "actors", "summary", "quote", "source", "note")


def event_field_options(required: bool):
    """The --date, --title, … options of ``add`` (date and title required) and ``edit``."""

    def decorate(command):
        helps = {
            "date": "EDTF date, e.g. 2024-05 or 2025-40.",
            "topics": '";"-separated, e.g. "trade;energy".',
            "actors": '";"-separated people and bodies.',
            "quote": "The sentence that supports the event, verbatim.",
            "source": "Where the quote comes from.",
        }
        for name in reversed(EVENT_FIELDS):
            needed = required and name in ("date", "title")
            command = click.option(f"--{name}", required=needed, help=helps.get(name))(command)
        return command

    return decorate


def _author() -> str:
    """Who makes a change from the command line, for the file's history."""
    import getpass

    try:
        return f"cli ({getpass.getuser()})"
    except (KeyError, OSError):
        return "cli"


def _write_failed(error: TimelineError) -> click.ClickException:
    """A refused write as a message: bad values name their option and exit 2, else 1."""
    from timeline.errors import FileProblemsError

    if isinstance(error, FileProblemsError) and any(
        p.column in EVENT_FIELDS for p in error.problems
    ):
        lines = [
            f"--{p.column}: {p}" if p.column in EVENT_FIELDS else str(p) for p in error.problems
        ]
        return click.UsageError("\n".join(lines))
    return click.ClickException(str(error))


@main.command("add")
@click.argument("events", type=click.Path(dir_okay=False, path_type=Path))
@event_field_options(required=True)
@click.option("--id", "event_id", help="Default: made from the date and title.")
@click.option("--force", is_flag=True, help="Add it even if an identical event is there.")
def add_command(events: Path, event_id: str | None, force: bool, **fields: str | None) -> None:
    """Append one event to EVENTS (atomic, locked, recorded; `timeline undo` takes it back).
    Every event carries its --quote and --source; an event identical to one already there
    (date, title and source) is refused unless --force."""
    from timeline.events import slug
    from timeline.write import add_events

    row = {name: value or "" for name, value in fields.items()}
    row["id"] = event_id or slug(f"{row['date']}-{row['title']}")
    try:
        (written,) = add_events(events, [_event_of(events, row)], by=_author(), force=force)
    except TimelineError as error:
        raise _write_failed(error) from None
    click.echo(f"{events}: added {written.id} ({written.date.label})")


def _event_of(events: Path, row: dict[str, str]):
    """The event a row of options describes, checked as ``validate`` checks a row."""
    from timeline.store import event_from_row

    return event_from_row(str(events), 0, {"id": "", **row}, None)


@main.command("edit")
@click.argument("events", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("event_id")
@event_field_options(required=False)
def edit_command(events: Path, event_id: str, **fields: str | None) -> None:
    """Change the given fields of event EVENT_ID in EVENTS; every other byte stays."""
    from timeline.write import edit_event

    updates = {name: value for name, value in fields.items() if value is not None}
    if not updates:
        raise click.UsageError("give at least one of " + ", ".join(f"--{f}" for f in EVENT_FIELDS))
    try:
        event = edit_event(events, event_id, updates, by=_author())
    except TimelineError as error:
        raise _write_failed(error) from None
    click.echo(f"{events}: saved {event.id} ({event.date.label}: {event.title})")


@main.command("delete")
@click.argument("events", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("event_id")
def delete_command(events: Path, event_id: str) -> None:
    """Remove event EVENT_ID from EVENTS (recorded: `timeline undo` puts it back)."""
    from timeline.write import delete_event

    try:
        change = delete_event(events, event_id, by=_author())
    except TimelineError as error:
        raise _write_failed(error) from None
    click.echo(f"{events}: deleted {event_id} (change {change.number})")


@main.command("undo")
@click.argument("events", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--change",
    "number",
    type=click.IntRange(1),
    help="The change to undo (see `timeline history`); default: the latest.",
)
def undo_command(events: Path, number: int | None) -> None:
    """Undo one change of EVENTS by its own inverse: rows other changes wrote stay as they
    are. Refused when a later change touched the same rows. An undo can be undone (redo)."""
    from timeline.write import undo

    try:
        target, change = undo(events, number, by=_author())
    except TimelineError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{events}: undid change {target.describe()} (recorded as change {change.number})")


@main.command("history")
@click.argument("events", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def history_command(events: Path) -> None:
    """List the recorded changes of EVENTS, oldest first: number, time, what, who, rows."""
    from timeline.write import history

    changes = history(events)
    if not changes:
        click.echo(f"{events}: no changes recorded")
    for change in changes:
        click.echo(change.describe())


@main.command("chronicle")
@click.argument("sources", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dates", "dates", type=click.IntRange(1), required=True, help="How many days.")
@click.option("--per-date", type=click.IntRange(1), default=1, show_default=True,
              help="Most sentences a day.")  # fmt: skip
@click.option("--from", "first", callback=_iso_date, help="First day (YYYY-MM-DD).")
@click.option("--to", "last", callback=_iso_date, help="Last day (YYYY-MM-DD).")
@click.option("--keywords", default="", help="The story's subject, comma-separated: a chosen "
              "sentence names one of them.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The events file to write (must not exist yet).")  # fmt: skip
@click.option("--scheduler", help="A Dask cluster's address (tcp://HOST:8786); default: a "
              "local cluster.")  # fmt: skip
@click.option("--workers", type=click.IntRange(1), help="Local worker processes (default: one "
              "per core).")  # fmt: skip
def chronicle_command(sources: Path, dates: int, per_date: int, first: date | None,
                      last: date | None, keywords: str, output: Path, scheduler: str | None,
                      workers: int | None) -> None:  # fmt: skip
    """Pick the key days of a story from the articles a sources file lists (id,path,published)
    and write them as an events file, in rank order: each day with up to --per-date
    sentences quoted verbatim from the articles, which are stored beside it as its sources.
    Tagging runs on Dask."""
    from timeline.chronicle_run import write_chronicle

    try:
        written = write_chronicle(
            sources, output, dates, per_date, first, last,
            [k.strip() for k in keywords.split(",") if k.strip()], scheduler, workers,
        )  # fmt: skip
    except TimelineError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{output}: {written} events", err=True)


@main.command("sources")
@click.argument("events", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def sources_command(events: Path, fmt: str) -> None:
    """List the sources of EVENTS (sources.csv beside it, and free-text citations) with
    the events each supports and the date each report gives."""
    from timeline.engine import read_table
    from timeline.sources import source_listing

    table = read_table(events)
    listing = source_listing(table.sources, table.supported(stored_only=False))
    if fmt == "json":
        click.echo(json.dumps(listing, ensure_ascii=False, indent=1))
        return
    for entry in listing:
        click.echo(entry["heading"])
        for event in entry["events"]:
            click.echo(f"  {event['id']}  {event['label']}: {event['title']}")
    if not listing:
        click.echo(f"{events}: no sources")


if __name__ == "__main__":
    main()
