"""The JSON API against Datasette on the same events: latency of the same questions.

For each size, generates an events file (`timeline generate`), serves it with
`timeline serve` (waitress) and, as the peer, serves the same rows with Datasette from an
SQLite file made by sqlite-utils (given `start` and `end` columns, so that it can answer
year questions at all; it has no EDTF of its own). Then asks both, RUNS times each, on
loopback, and prints the median milliseconds and the ratio Datasette / ours:

- page: the first 100 events in date order
- years+topic: events overlapping 2024-2025 with topic "trade", first 100
- text: events whose title contains a word, first 100 (ours searches title, summary and
  quote; Datasette the title only)
- one event: by id

    pip install -e '.[bench]'
    python benchmarks/api.py [--sizes 10000,100000,1000000] [--runs 15]
"""

from __future__ import annotations

import argparse
import csv
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def wait_until_up(url: str, began: float, timeout: float = 600) -> float:
    """Seconds from ``began`` until ``url`` answers."""
    while time.perf_counter() - began < timeout:
        try:
            fetch(url)
            return time.perf_counter() - began
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def peer_csv(events: Path, out: Path) -> None:
    """The events with ISO `start` and `end` columns (empty when open or unknown)."""
    from timeline.table import NO_END, NO_START, load_table

    table = load_table(events)
    with events.open(encoding="utf-8", newline="") as source, out.open("w", newline="") as sink:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(sink, [*reader.fieldnames, "start", "end"], lineterminator="\n")
        writer.writeheader()
        for row, (first, last) in zip(
            reader, zip(table.start, table.end, strict=True), strict=True
        ):
            row["start"] = "" if first == NO_START else date.fromordinal(int(first)).isoformat()
            row["end"] = "" if last == NO_END else date.fromordinal(int(last)).isoformat()
            writer.writerow(row)


def questions(ours: str, peer: str, event_id: str) -> dict[str, tuple[str, str]]:
    """(our URL, Datasette's URL) for each question; ``peer`` is the table's address."""

    def q(params: dict) -> str:
        return urllib.parse.urlencode(params)

    table = f"{peer}.json"
    return {
        "page": (
            f"{ours}/api/v1/events?limit=100",
            f"{table}?{q({'_size': 100, '_sort': 'start'})}",
        ),
        "years+topic": (
            f"{ours}/api/v1/events?{q({'years': '2024:2025', 'topics': 'trade', 'limit': 100})}",
            f"{table}?"
            + q(
                {
                    "start__lte": "2025-12-31",
                    "end__gte": "2024-01-01",
                    "topics__contains": "trade",
                    "_sort": "start",
                    "_size": 100,
                }
            ),
        ),  # fmt: skip
        "text": (
            f"{ours}/api/v1/events?{q({'q': 'event 4242', 'limit': 100})}",
            f"{table}?{q({'title__contains': 'event 4242', '_sort': 'start', '_size': 100})}",
        ),
        "one event": (
            f"{ours}/api/v1/events/{event_id}",
            f"{peer}/{event_id}.json",
        ),
    }


def median_ms(url: str, runs: int) -> float:
    fetch(url)  # warm
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fetch(url)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(size: int, runs: int, work: Path) -> list[tuple]:
    events = work / f"events-{size}.csv"
    subprocess.run([BIN / "timeline", "generate", "--n", str(size), "-o", events], check=True)
    with_bounds, database = work / f"peer-{size}.csv", work / f"peer-{size}.db"
    peer_csv(events, with_bounds)
    began = time.perf_counter()
    subprocess.run(
        [BIN / "sqlite-utils", "insert", database, "events", with_bounds, "--csv", "--pk", "id"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run([BIN / "sqlite-utils", "create-index", database, "events", "start"], check=True)
    peer_import = time.perf_counter() - began
    ours_port, peer_port = free_port(), free_port()
    ours, peer = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{peer_port}"
    began = time.perf_counter()
    servers = [
        subprocess.Popen(
            [BIN / "timeline", "serve", "--events", events, "--port", str(ours_port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        ours_up = wait_until_up(f"{ours}/api/v1/events?limit=1", began)
        began = time.perf_counter()
        servers.append(
            subprocess.Popen(
                [BIN / "datasette", "serve", database, "--port", str(peer_port),
                 "--setting", "sql_time_limit_ms", "60000"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        peer = f"{peer}/{database.stem}/events"
        peer_up = wait_until_up(f"{peer}.json?_size=1", began)
        rows = [(size, "start (s)", ours_up, peer_up, f"import {peer_import:.1f} s")]
        for name, (mine, theirs) in questions(ours, peer, f"e{size // 2}").items():
            a, b = median_ms(mine, runs), median_ms(theirs, runs)
            rows.append((size, name, a, b, f"{b / a:.1f}x"))
        return rows
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print("| events | question | ours (median ms; start s) | Datasette | Datasette / ours |")
    print("| ---: | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as work:
        for size in (int(s) for s in args.sizes.split(",")):
            for size_, name, a, b, ratio in measure(size, args.runs, Path(work)):
                print(f"| {size_:,} | {name} | {a:,.1f} | {b:,.1f} | {ratio} |", flush=True)


if __name__ == "__main__":
    main()
