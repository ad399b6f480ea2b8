"""Exports of a filtered view: the figure as PNG, SVG or PDF, the events as CSV or JSON."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import threading
from collections.abc import Sequence

import plotly.graph_objects as go

from timeline.errors import ExportError
from timeline.events import COLUMNS, Event, Topic
from timeline.figures import build_figure
from timeline.query import Filters

IMAGE_FORMATS = ("png", "svg", "pdf")
DATA_FORMATS = ("csv", "json")
FORMATS = IMAGE_FORMATS + DATA_FORMATS
MEDIA_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv",
    "json": "application/json",
}
IMAGE_WIDTH = 1400
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RENDER_TIMEOUT_S = 90


def view_subtitle(shown: int, total: int, filters: Filters) -> str:
    """``9 of 14 events · years 2024–2025; topics: trade`` for titles and page counts."""
    return f"{shown:,} of {total:,} events · {filters.describe()}"


def export_view(
    events: Sequence[Event],
    topics: dict[str, Topic],
    filters: Filters,
    fmt: str,
    title: str,
    total: int | None = None,
    keep_browser: bool = False,
) -> bytes:
    """The filtered events in ``fmt``; images carry the title, legend and active filters."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return events_csv(events)
    if fmt == "json":
        return events_json(events)
    subtitle = view_subtitle(len(events), len(events) if total is None else total, filters)
    figure = build_figure(events, topics, title, subtitle, filters.topics)
    return image_bytes(figure, fmt, keep_browser=keep_browser)


def image_bytes(figure: go.Figure, fmt: str, keep_browser: bool = False) -> bytes:
    """Render a figure with Kaleido and the machine's Chrome or Chromium.

    ``keep_browser`` keeps one browser running for later calls (about 0.15 s an image
    instead of 1.5-4 s); a one-off command starts and stops its own.
    """
    import kaleido  # imported here: it is only needed for images

    opts = {"format": fmt, "width": IMAGE_WIDTH, "height": figure.layout.height or 600}
    try:
        if keep_browser:
            return _ImageServer.shared().render(figure, opts)
        return kaleido.calc_fig_sync(figure, opts=opts)
    except Exception as error:  # Kaleido raises many types; all mean "no image"
        raise ExportError(
            f"could not render the {fmt.upper()} image: {error}. Image export needs Chrome or "
            "Chromium on this machine (on Debian: apt-get install chromium)."
        ) from error


class _ImageServer:
    """One Kaleido browser on an event loop in a daemon thread, shared by every request.

    Kaleido's own persistent server closes its browser at exit and can hang there; this one
    leaves with the process, and Chromium exits when its pipe to us closes.
    """

    _instance: _ImageServer | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        import kaleido

        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="timeline-images", daemon=True).start()
        self._kaleido = self._wait(self._open(kaleido))

    @classmethod
    def shared(cls) -> _ImageServer:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    @staticmethod
    async def _open(kaleido):
        renderer = kaleido.Kaleido(n=1)
        await renderer.open()
        return renderer

    def _wait(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(RENDER_TIMEOUT_S)

    def render(self, figure: go.Figure, opts: dict) -> bytes:
        return self._wait(self._kaleido.calc_fig(figure, opts=opts))


def events_csv(events: Sequence[Event]) -> bytes:
    """The events as an events.csv file (UTF-8), safe to open in a spreadsheet: a cell that
    starts with = + - @ (or a tab or carriage return) is prefixed with ' so that it is not
    run as a formula."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow({k: neutralised(v) for k, v in event.as_row().items()})
    return buffer.getvalue().encode("utf-8")


def neutralised(cell: str) -> str:
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


def events_json(events: Sequence[Event]) -> bytes:
    """The events as a JSON array, each with its EDTF date, bounds and label."""
    rows = [event.as_dict() for event in events]
    return json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
