"""Our TimelineJS export, loaded in TimelineJS3 itself in headless Chromium: every event
becomes a slide with its date and headline, and the console stays clean."""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import threading

import pytest
from conftest import ROOT

from timeline.engine import load_chronology
from timeline.interchange import writer

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>TimelineJS</title>
<link rel="stylesheet" href="dist/css/timeline.css"><script src="dist/js/timeline.js"></script>
</head><body><div id="timeline-embed" style="width: 100%; height: 650px"></div></body></html>
"""
# loads the data, waits for TimelineJS's "loaded" event (or an error, or 15 s), then reports
# the slides it built (date and headline as shown) and any error it caught
LOAD = """
const [data, done] = arguments, errors = [], began = performance.now();
addEventListener('error', e => errors.push('page: ' + e.message));
const timeline = new TL.Timeline('timeline-embed', data,
    {script_path: location.origin + '/dist/js/', font: false});
let reported = false;
const report = () => {
  if (reported) return; reported = true; clearInterval(poll);
  setTimeout(() => done({
    ready: timeline.ready === true,
    errors: errors.concat((timeline.config ? timeline.config.getErrors() : [])
        .map(e => 'TimelineJS: ' + (e.message_key || e))),
    slides: Array.from(document.querySelectorAll('.tl-slide:not(.tl-slide-titleslide)'))
        .map(s => [(s.querySelector('.tl-headline-date') || {}).textContent || '',
                   (s.querySelector('.tl-headline') || {}).textContent || '']),
  }), 200);
};
timeline.on('loaded', report);
const poll = setInterval(() => {
  if (errors.length || (timeline.config && !timeline.config.isValid())
      || performance.now() - began > 15000) report();
}, 50);
"""


@pytest.fixture(scope="module")
def timelinejs(tmp_path_factory):
    """An HTTP server of TimelineJS's built files and a page that loads them."""
    from interchange.timelinejs_package import timelinejs_dist

    try:
        dist = timelinejs_dist()
    except OSError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"TimelineJS could not be fetched from the npm registry: {error}")
    root = tmp_path_factory.mktemp("timelinejs")
    (root / "dist").symlink_to(dist)
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *_: None})
    handler = functools.partial(quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/page.html"
    server.shutdown()
    server.server_close()


def shown_in_timelinejs(browser, page: str, data: dict) -> dict:
    browser.go(page)
    browser.driver.set_script_timeout(30)
    browser.console()  # start from a clean console
    shown = browser.driver.execute_async_script(LOAD, data)
    shown["console"] = [e["message"] for e in browser.errors()]
    return shown


def test_the_source_article_s_chronology_shows_in_timelinejs(browser, timelinejs):
    chronology = load_chronology(ROOT / "events.csv")
    data = json.loads(writer("timelinejs")(chronology.events, chronology.topics, "Chronology"))
    shown = shown_in_timelinejs(browser, timelinejs, data)
    assert shown["ready"] and shown["errors"] == [] and shown["console"] == []
    assert len(shown["slides"]) == len(chronology.events) == 14
    assert sorted(shown["slides"]) == sorted(
        [e.date.label, e.title] for e in chronology.events
    )  # TimelineJS shows our honest label and the title, nothing else


def test_markup_in_titles_is_shown_as_text_in_timelinejs(browser, timelinejs, tmp_path):
    from conftest import write_events

    title = "<img src=x onerror=alert(1)> & co"
    path = write_events(tmp_path, f'x1,2024-05,"{title}",trade,,,Q.,S,\n')
    chronology = load_chronology(path)
    data = json.loads(writer("timelinejs")(chronology.events, chronology.topics, "T"))
    shown = shown_in_timelinejs(browser, timelinejs, data)
    assert shown["slides"] == [["May 2024", title]]
    assert shown["errors"] == [] and shown["console"] == []
    assert html.escape(title) in json.dumps(data)
