"""The timeline at 1k to 1M events: loading, filters, the command line, and the page.

Every figure is CPU time (user + system, from the operating system's accounting) and wall
time, the median of ``--runs`` runs, each in a fresh process:

* **load**: reading a generated events file into the engine's table. *floor* is the engine's
  own raw CSV read (Polars, every column as text) plus parsing the file's distinct dates with
  our date parser, measured in the same run; *cold* reads, checks and caches the table (no
  cache beside the file); *warm* reads it from its cache. Imports are not counted.
* **filters**: a year range with a topic, and a text, on the loaded table (median of 20).
* **commands** (largest size only, whole process, cache warm): ``timeline export --format
  json --years 2020:2020``, ``timeline validate``, ``timeline export --format png`` of every
  event, with their peak memory.
* **page** (with ``--page``; needs Chromium and chromedriver): ``timeline serve`` started
  with a cold and a warm cache: seconds until its port answers, until headless Chromium has
  drawn the figure and the count, and for a redraw after a filter in the URL.

    python benchmarks/scale.py [--sizes 1000,10000,100000,1000000] [--runs 3] [--page]

Prints Markdown tables. Generated files (``timeline generate``, seed 1) go to a temporary
folder unless ``--folder`` names one (they are kept there for another run).
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMED = """
import json, resource, sys, time
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
which, path = sys.argv[1], sys.argv[2]
import polars as pl
from timeline.dates import parse_edtf
from timeline.engine import read_table
from timeline.query import Filters
start_cpu, start = cpu(), time.perf_counter()
if which == "floor":
    frame = pl.read_csv(path, infer_schema=False)
    for value in frame.get_column("date").unique().to_list():
        try:
            parse_edtf(value)
        except ValueError:
            pass
else:
    table = read_table(path)
result = {"cpu": cpu() - start_cpu, "wall": time.perf_counter() - start}
if which == "warm":
    def median(filters):
        runs = []
        for _ in range(20):
            t = time.perf_counter()
            table.matching(filters)
            runs.append(time.perf_counter() - t)
        return sorted(runs)[10] * 1000
    result["years_topic_ms"] = median(Filters(years=(2000, 2001), topics=("trade",)))
    result["text_ms"] = median(Filters(text="event 123"))
print(json.dumps(result))
"""
RENDERED = """
const plot = document.querySelector('#timeline .js-plotly-plot');
const count = document.querySelector('#count');
return !!(plot && plot._fullLayout && plot.querySelector('.main-svg') && plot.data
          && plot.data.length && count && count.textContent.includes(' of '));
"""


def generated(folder: Path, size: int) -> Path:
    path = folder / f"events-{size}.csv"
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "timeline.cli", "generate", "--n", str(size), "-o", str(path),
             "--seed", "1"],
            check=True, capture_output=True,
        )  # fmt: skip
    return path


def drop_cache(path: Path) -> None:
    for cache in path.parent.glob(f".{path.name}.timeline-cache*"):
        cache.unlink()


def child(which: str, path: Path) -> dict:
    import json

    out = subprocess.run(
        [sys.executable, "-c", TIMED, which, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def load_row(path: Path, size: int, runs: int) -> str:
    floor, cold, warm = [], [], []
    for _ in range(runs):
        floor.append(child("floor", path))
        drop_cache(path)
        cold.append(child("cold", path))
        warm.append(child("warm", path))
    figures = {name: (median_of(r, "cpu"), median_of(r, "wall"))
               for name, r in (("floor", floor), ("cold", cold), ("warm", warm))}  # fmt: skip
    ratio = figures["cold"][0] / figures["floor"][0]
    cells = [f"{size:,}"]
    cells += [f"{figures[n][0]:.2f} / {figures[n][1]:.2f}" for n in ("floor", "cold", "warm")]
    cells += [f"{ratio:.2f}x", f"{median_of(warm, 'years_topic_ms'):.1f}",
              f"{median_of(warm, 'text_ms'):.1f}"]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def whole_process(args: list[str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak MB of one command, as the system accounts them."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def command_rows(path: Path, runs: int) -> list[str]:
    timeline = [sys.executable, "-m", "timeline.cli"]
    out = path.parent / "out"
    commands = {
        "export --format json --years 2020:2020": [
            *timeline, "export", str(path), "--format", "json", "--years", "2020:2020",
            "-o", str(out / "2020.json"),
        ],
        "validate": [*timeline, "validate", str(path)],
        "export --format png (every event)": [
            *timeline, "export", str(path), "--format", "png", "-o", str(out / "all.png"),
        ],
    }  # fmt: skip
    whole_process(commands["validate"])  # the cache, as a second run finds it
    rows = []
    for name, args in commands.items():
        results = [whole_process(args) for _ in range(runs)]
        cpu, wall, peak = (statistics.median(r[i] for r in results) for i in range(3))
        rows.append(f"| `timeline {name}` | {cpu:.2f} | {wall:.2f} | {peak:,.0f} |")
    return rows


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.01)  # polling a port: a benchmark, not a test
    raise SystemExit("the port never opened")


def browser():
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--window-size=1400,1400"):  # fmt: skip
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def drawn_after(driver, address: str, timeout: float = 600) -> float:
    from selenium.webdriver.support.ui import WebDriverWait

    start = time.perf_counter()
    driver.get(address)
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: d.execute_script(RENDERED))
    return time.perf_counter() - start


def page_row(driver, path: Path, size: int, cold: bool) -> str:
    if cold:
        drop_cache(path)
    port = free_port()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline.cli", "serve", "--events", str(path), "--port",
         str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_port(port, process)
        opened = time.perf_counter() - start
        first = drawn_after(driver, f"http://127.0.0.1:{port}/")
        redraws = [
            drawn_after(driver, f"http://127.0.0.1:{port}/?years={1990 + n}:{1995 + n}")
            for n in range(3)
        ]
    finally:
        process.terminate()
        process.wait()
    kind = "cold" if cold else "warm"
    return (
        f"| {size:,} | {kind} | {opened:.2f} | {opened + first:.2f} | "
        f"{statistics.median(redraws):.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="store_true", help="time the page in Chromium too")
    parser.add_argument("--folder", type=Path, help="where the generated files are kept")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    folder = options.folder or Path(tempfile.mkdtemp(prefix="timeline-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "out").mkdir(exist_ok=True)
    paths = {size: generated(folder, size) for size in sizes}

    print("| events | floor CPU / wall s | cold CPU / wall s | warm CPU / wall s | cold / floor"
          " (CPU) | filter ms: years+topic | filter ms: text |")  # fmt: skip
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, path in paths.items():
        print(load_row(path, size, options.runs), flush=True)

    largest = paths[max(sizes)]
    print(f"\nCommands on {max(sizes):,} events (whole process, cache warm):\n")
    print("| command | CPU s | wall s | peak MB |")
    print("| --- | ---: | ---: | ---: |")
    for row in command_rows(largest, options.runs):
        print(row, flush=True)

    if options.page:
        print("\nThe page (seconds from starting `timeline serve`):\n")
        print("| events | cache | port open | first page drawn | redraw after a filter |")
        print("| ---: | --- | ---: | ---: | ---: |")
        driver = browser()
        try:
            for size, path in paths.items():
                for cold in (True, False):
                    print(page_row(driver, path, size, cold), flush=True)
        finally:
            driver.quit()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n(largest child process: {peak:,.0f} MB)")


if __name__ == "__main__":
    main()
