"""The timeline at 1k to 1M events, against a plain plotly ``px.timeline`` of the same events.

For each N: loading (cold parse, warm from the cache; the load itself, in a fresh process,
without imports), filter latency (median of 20), the figure payload sent per interaction,
time to first render and to redraw after a filter in headless Chromium, and a repeat PNG
export. The px.timeline column draws every event as its own bar, as a hand-made chart would.

    python benchmarks/scale.py [--sizes 1000,10000,100000,1000000] [--px-limit 100000]

Needs Chromium and chromedriver (as the browser tests do). Prints a Markdown table. One
headless Chromium is used throughout. The page is timed twice: on its first load, when Dash
loads its graph component lazily (about 12 s in headless Chromium here, whatever N), and on
a second load, as a returning reader sees it. px.timeline is a static page (plotly.js beside
it), timed once.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD = """
import sys, time
t = time.perf_counter()
from timeline.table import load_table
t = time.perf_counter()
load_table(sys.argv[1])
print(time.perf_counter() - t)
"""
SERVE = """
import sys
from timeline.dashboard import create_app
create_app(sys.argv[1]).run(port=int(sys.argv[2]))
"""
RENDERED = """
const plot = document.querySelector('#timeline .js-plotly-plot');
return !!(plot && plot._fullLayout && plot.querySelector('.main-svg')
          && plot.data && plot.data.length);
"""


def timed_load(path: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", LOAD, str(path)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def filter_ms(path: Path) -> tuple[float, float]:
    from timeline.query import Filters
    from timeline.table import load_table

    table = load_table(path)
    year_topic = Filters(years=(2000, 2001), topics=("trade",))
    text = Filters(text="event 123")

    def median(filters) -> float:
        runs = []
        for _ in range(20):
            start = time.perf_counter()
            table.mask(filters)
            runs.append((time.perf_counter() - start) * 1000)
        return statistics.median(runs)

    return median(year_topic), median(text)


def payloads(path: Path) -> tuple[int, int]:
    import plotly.io as pio

    from timeline.dashboard.large import render_large_view
    from timeline.table import TableFile

    file = TableFile(path)
    whole = render_large_view(file, "", "T")[0]
    zoomed = render_large_view(file, "", "T", x_range=("2010-03-01", "2010-03-20"))[0]
    return len(pio.to_json(whole)), len(pio.to_json(zoomed))


def browser():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--disable-background-networking",
        "--no-first-run",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def wait(driver, script: str, timeout: float = 600) -> float:
    start = time.perf_counter()
    while not driver.execute_script(script):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(script)
        time.sleep(0.02)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ours_in_browser(driver, path: Path) -> tuple[float, float, float]:
    """Seconds to the drawn timeline on the first load of the page (scripts not yet cached),
    on a second load, and to the redraw after zooming to one year."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(path), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # the server is up once the table is loaded
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        driver.get("about:blank")  # the browser itself is up before timing
        start = time.perf_counter()
        driver.get(f"http://127.0.0.1:{port}/")
        wait(driver, RENDERED)
        cold = time.perf_counter() - start
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get(f"http://127.0.0.1:{port}/")
        wait(driver, RENDERED)
        first = time.perf_counter() - start
        # a zoom inside the page: from Plotly.relayout to the server's new figure drawn
        driver.execute_script(
            "const p = document.querySelector('#timeline .js-plotly-plot');"
            "window.__before = p.data;"
            "Plotly.relayout(p, {'xaxis.range': ['2010-01-01', '2010-12-31']});"
        )
        start = time.perf_counter()
        wait(
            driver,
            "const p = document.querySelector('#timeline .js-plotly-plot');"
            "return p.data !== window.__before && !!p.querySelector('.main-svg');",
        )
        return cold, first, time.perf_counter() - start
    finally:
        server.terminate()


def px_in_browser(driver, path: Path, folder: Path) -> tuple[float, int]:
    """Seconds for headless Chromium to draw px.timeline of every event, and its size."""
    import plotly.express as px

    from timeline.store import load_chronology

    events = load_chronology(path).events
    rows = [
        {
            "start": (e.date.start or e.date.end).isoformat(),
            "end": (e.date.end or e.date.start).isoformat(),
            "topic": (e.topics or ("none",))[0],
            "title": e.title,
        }
        for e in events
    ]
    figure = px.timeline(rows, x_start="start", x_end="end", y="topic", hover_name="title")
    page = folder / "px.html"
    figure.write_html(page, include_plotlyjs="directory")  # plotly.min.js beside, cached
    start = time.perf_counter()
    driver.get(page.as_uri())
    wait(
        driver,
        "const p = document.querySelector('.js-plotly-plot'); return !!(p && p._fullLayout);",
    )
    return time.perf_counter() - start, len(figure.to_json())


def export_seconds(path: Path) -> float:
    from timeline.dashboard.large import render_large_view
    from timeline.export import image_bytes
    from timeline.table import TableFile

    figure = render_large_view(TableFile(path), "", "T")[0]
    image_bytes(figure, "png", keep_browser=True)  # start the browser
    start = time.perf_counter()
    image_bytes(figure, "png", keep_browser=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--px-limit", type=int, default=100_000)
    args = parser.parse_args()
    from timeline.generate import generate_file
    from timeline.table import cache_path_for

    driver = browser()

    print(
        "| N | load cold s | load warm s | filter ms (years+topic / text) "
        "| payload KB (all / zoomed) | page load s (first / again) | zoom redraw s | PNG export s "
        "| px.timeline payload KB | px.timeline render s | px render / our redraw |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            path = folder / "events.csv"
            generate_file(size, path, seed=1)
            cache_path_for(path).unlink(missing_ok=True)
            cold = timed_load(path)
            warm = statistics.median(timed_load(path) for _ in range(3))
            year_ms, text_ms = filter_ms(path)
            whole, zoomed = payloads(path)
            cold_page, first, redraw = ours_in_browser(driver, path)
            export = export_seconds(path)
            if size <= args.px_limit:
                px_seconds, px_bytes = px_in_browser(driver, path, folder)
                px_cells = f"{px_bytes / 1000:,.0f} | {px_seconds:.2f} | {px_seconds / redraw:.1f}x"
            else:
                px_cells = "not run | not run | –"
            print(
                f"| {size:,} | {cold:.2f} | {warm:.2f} | {year_ms:.1f} / {text_ms:.1f} | "
                f"{whole / 1000:,.0f} / {zoomed / 1000:,.0f} | {cold_page:.2f} / {first:.2f} | "
                f"{redraw:.2f} | "
                f"{export:.2f} | {px_cells} |",
                flush=True,
            )
    driver.quit()
    print(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
