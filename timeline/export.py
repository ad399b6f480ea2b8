"""The writers of our own formats: a view's figure as PNG, SVG, PDF or a standalone HTML
page, and events as CSV or JSON (``timeline.formats`` lists every format; TimelineJS and
iCalendar are in ``timeline.interchange``)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.errors import ExportError
from timeline.events import COLUMNS, Event

if TYPE_CHECKING:
    import plotly.graph_objects as go
    import polars as pl

    from timeline.engine import Table
    from timeline.view import View

IMAGE_WIDTH = 1400
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RENDER_TIMEOUT_S = 90


def picture(view: View, fmt: str, keep_browser: bool = False) -> bytes:
    """The view's figure as a PNG, SVG or PDF image."""
    return image_bytes(view.figure, fmt, keep_browser=keep_browser)


def page(view: View, _fmt: str = "html", keep_browser: bool = False) -> bytes:
    """The view's figure as a page that works without a server (a click on an event shows
    its quote and source)."""
    return standalone_html(view.figure, view.drawn)


DETAIL_KEYS = ("title", "label", "quote", "source", "note")  # what a click shows
# the figure and the events travel as JSON in script elements the page reads (never as code)
PAGE = """<!doctype html>
<html>
<head>
<meta charset="utf-8">
</head>
<body>
<script type="application/json" id="timeline-figure">{figure}</script>
<script type="application/json" id="timeline-events">{details}</script>
<div id="timeline-plot" class="plotly-graph-div" style="width: 100%;"></div>
<div id="timeline-details" style="font-family: sans-serif; margin: 1rem 2rem;">
<p>Click an event for its quote and source.</p>
</div>
<script type="text/javascript">{plotly}</script>
<script type="text/javascript">{draw}</script>
</body>
</html>
"""
DRAW_SCRIPT = """
const read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
const figure = read('timeline-figure');
const details = read('timeline-events');
const plot = document.getElementById('timeline-plot');
Plotly.newPlot(plot, figure.data, figure.layout, {displaylogo: false, responsive: true});
plot.on('plotly_click', function (data) {
  const custom = data.points[0].customdata;
  const event = custom ? details[custom[0]] : undefined;
  if (!event) return;
  const shown = [
    ['h2', event.title], ['p', event.label], ['blockquote', event.quote],
    ['p', 'Source: ' + event.source], ['p', event.note],
  ].filter(function (pair) { return pair[1]; }).map(function (pair) {
    const node = document.createElement(pair[0]); node.textContent = pair[1]; return node;
  });
  document.getElementById('timeline-details').replaceChildren(...shown);
});
"""
SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(text: str) -> str:
    """JSON text that may stand inside a script element: no ``<``, ``>`` or ``&`` that the
    HTML parser could read (``<!--<script>`` or ``</script>`` in a title would end or swallow
    the page's scripts), nor the line separators older JavaScript refuses in strings."""
    return re.sub("[<>&\u2028\u2029]", lambda match: SCRIPT_UNSAFE[match.group()], text)


def standalone_html(figure: go.Figure, events: Sequence[Event]) -> bytes:
    """The figure as one HTML file with plotly.js inside: zoom, hover, and a click on an event
    shows its quote and source. It opens from disk, without a server or a network."""
    from plotly.offline import get_plotlyjs

    details = {e.id: {k: v for k, v in e.as_dict().items() if k in DETAIL_KEYS} for e in events}
    page = PAGE.format(
        figure=script_json(figure.to_json()),
        details=script_json(json.dumps(details, ensure_ascii=False)),
        plotly=get_plotlyjs(),
        draw=DRAW_SCRIPT,
    )
    return page.encode("utf-8")


def image_bytes(figure: go.Figure, fmt: str, keep_browser: bool = False) -> bytes:
    """Render a figure with Kaleido and the machine's Chrome or Chromium.

    ``keep_browser`` keeps one browser running for later calls (about 0.15 s an image
    instead of 1.5-4 s); a one-off command starts and stops its own.
    """
    import kaleido  # imported here: it is only needed for images

    opts = {"format": fmt, "width": IMAGE_WIDTH, "height": figure.layout.height or 600}
    drawable = xml_safe(figure.to_dict())
    try:
        if keep_browser:
            return _ImageServer.shared().render(drawable, opts)
        return kaleido.calc_fig_sync(drawable, opts=opts)
    except Exception as error:  # Kaleido raises many types; all mean "no image"
        raise ExportError(
            f"could not render the {fmt.upper()} image: {error}. Image export needs Chrome or "
            "Chromium on this machine (on Debian: apt-get install chromium)."
        ) from error


NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """``value`` with the control characters XML forbids shown as U+FFFD: images are drawn as
    SVG first, and one such character in a title or a searched text would sink the PNG."""
    if isinstance(value, str):
        return NOT_IN_XML.sub("\ufffd", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


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

    def render(self, figure: go.Figure | dict, opts: dict) -> bytes:
        return self._wait(self._kaleido.calc_fig(figure, opts=opts))


def events_csv(events: Sequence[Event], _topics=None, _title: str = "") -> bytes:
    """The events as an events.csv file (UTF-8), safe to open in a spreadsheet: a cell that
    starts with = + - @ (or a tab or carriage return) is prefixed with ' so that it is not
    run as a formula."""
    rows = ({k: neutralised(v) for k, v in event.as_row().items()} for event in events)
    return csv_text(COLUMNS, rows).encode("utf-8")


def csv_text(fieldnames: Sequence[str], rows) -> str:
    """A header and ``rows`` (dicts) as CSV with ``\n`` line ends, where a row with a
    carriage return in a cell is quoted whole: the csv module quotes a cell only for the
    characters of its line terminator, and a bare ``\r`` would end the row when read."""
    buffer = io.StringIO()
    plain = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\n")
    quoted = csv.DictWriter(
        buffer, fieldnames=fieldnames, lineterminator="\n", quoting=csv.QUOTE_ALL
    )
    plain.writeheader()
    for row in rows:
        (quoted if any("\r" in str(v) for v in row.values()) else plain).writerow(row)
    return buffer.getvalue()


def neutralised(cell: str) -> str:
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


def events_json(events: Sequence[Event], _topics=None, _title: str = "") -> bytes:
    """The events as a JSON array, an event a line, each with its EDTF date, bounds and
    label."""
    rows = ",\n".join(json.dumps(event.as_dict(), ensure_ascii=False) for event in events)
    return f"[\n{rows}\n]\n".encode() if rows else b"[]\n"


def table_json(table: Table, rows: pl.DataFrame, _title: str = "") -> bytes:
    """The JSON of ``events_json`` for many rows at once, written column by column; with
    sources or reports beside the file, each event also carries every report of it."""
    if table.sources or table.reports:
        return _json_lines(
            json.dumps({**e.as_dict(), **table.provenance(e).as_json(table.sources)},
                       ensure_ascii=False)
            for e in table.events(rows)
        )  # fmt: skip
    return _json_lines(table.records(rows).write_ndjson().splitlines())


def _json_lines(lines) -> bytes:
    lines = list(lines)
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode() if lines else b"[]\n"
