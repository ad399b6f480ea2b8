"""Does every load of the page draw? Reload it many times in headless Chromium and count.

    python benchmarks/reloads.py --loads 100             # events.csv, half the loads with filters
    python benchmarks/reloads.py --events big/events.csv --loads 40

Starts ``timeline serve`` on a free port and loads the page ``--loads`` times in one
headless Chromium (needs chromium and chromedriver): every other load has filters in its
address (years, topics or text, in turn), the others none, and every fifth is a browser
reload of the page already shown (with and without filters in turn). A load counts as drawn
when, within ``--timeout`` seconds, the figure shows the events the filters select and the
count line reads "N of M events" for the same N. Prints each failure as it happens, then a
table to paste into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scale import browser, free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
# The events the figure draws (ids, once each) and the count line, or null before both exist.
SHOWN = """
const plot = document.querySelector('#timeline .js-plotly-plot');
const count = document.querySelector('#count');
if (!plot || !plot.data || !count || !count.textContent) return null;
const ids = new Set(plot.data.filter(t => t.customdata).flatMap(t => t.customdata.map(c => c[0])));
return [ids.size, count.textContent];
"""
FILTERS = (
    "?years=2024:2025",
    "?topics=trade,energy",
    "?q=gas",
    "?years=2023:2023&topics=diplomacy",
)


def expected_counts(events: Path) -> dict[str, int]:
    """How many events each address should draw, from the read model itself."""
    from timeline.engine import read_table
    from timeline.query import from_query_string

    table = read_table(events)
    return {
        query: len(table.matching(from_query_string(query, table.topics)))
        for query in ("", *FILTERS)
    }


def load(
    driver, address: str, reload: bool, expected: int, timeout: float
) -> tuple[bool, float, str]:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    start = time.perf_counter()
    driver.refresh() if reload else driver.get(address)

    def drawn(d):
        shown = d.execute_script(SHOWN)
        return (
            shown
            if shown and shown[0] == expected and shown[1].startswith(f"{expected} of")
            else None
        )

    try:
        WebDriverWait(driver, timeout, poll_frequency=0.05).until(drawn)
        return True, time.perf_counter() - start, ""
    except TimeoutException:
        return False, time.perf_counter() - start, str(driver.execute_script(SHOWN))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=Path, default=ROOT / "events.csv")
    parser.add_argument("--loads", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    expected = expected_counts(args.events)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "timeline.cli", "serve",
         "--events", str(args.events), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    driver = browser()
    times: dict[bool, list[float]] = {True: [], False: []}
    failed = 0
    try:
        wait_for_port(port, server)
        address = ""
        for n in range(args.loads):
            query = FILTERS[(n // 2) % len(FILTERS)] if n % 2 else ""
            reload = (
                n % 5 == 4
            )  # the page shown before, reloaded (with and without filters in turn)
            if not reload:
                address = f"http://127.0.0.1:{port}/{query}"
            else:
                query = address.split("/", 3)[3]
            ok, seconds, shown = load(driver, address, reload, expected[query], args.timeout)
            times[bool(query)].append(seconds)
            if not ok:
                failed += 1
                print(
                    f"load {n + 1} ({address}, reload={reload}) not drawn: saw {shown}", flush=True
                )
    finally:
        driver.quit()
        server.terminate()
        server.wait()
    print("\n| loads | with filters | drawn | median s: none | median s: filters |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {args.loads} | {len(times[True])} | {args.loads - failed} | "
        f"{statistics.median(times[False]):.2f} | {statistics.median(times[True]):.2f} |"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
