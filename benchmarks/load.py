"""Load on the page's server: concurrent clients filtering and exporting, on loopback only.

Starts `timeline serve` (waitress) on 127.0.0.1, then CLIENTS threads repeat, for SECONDS,
a filter request (the figure, count and list for a random year range and topic) and every
fifth time an export (CSV, JSON or PNG of that view), as the page's own callbacks send them.
Reports requests, errors, and p50/p95 latency per kind. Bounded in time and count.

    python benchmarks/load.py [--events events.csv] [--clients 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, body: dict) -> int:
    request = urllib.request.Request(
        url, json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.status


def callbacks(base: str) -> tuple[dict, dict]:
    """The filter and export callbacks as the server declares them."""
    with urllib.request.urlopen(base + "/_dash-dependencies", timeout=30) as response:
        dependencies = json.load(response)
    view = next(d for d in dependencies if any(i["id"] == "saved" for i in d["inputs"]))
    export = next(d for d in dependencies if d["output"].startswith("..download.data"))
    return view, export


def outputs_of(callback: dict) -> list[dict]:
    """The outputs list a Dash request carries, from the callback's "..a.b...c.d.." string."""
    names = callback["output"].strip(".").split("...")
    return [{"id": n.split(".")[0], "property": n.split(".")[1]} for n in names]


def view_body(view: dict, search: str) -> dict:
    values = {"url": search, "saved": 0, "timeline": None}
    return {
        "output": view["output"],
        "outputs": outputs_of(view),
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": values[i["id"]]}
            for i in view["inputs"]
        ],
        "changedPropIds": ["url.search"],
        "state": [],
    }


def export_body(export: dict, search: str, fmt: str) -> dict:
    return {
        "output": export["output"],
        "outputs": outputs_of(export),
        "inputs": [
            {
                "id": i["id"],
                "property": i["property"],
                "value": 1 if i["id"] == f"export-{fmt}" else 0,
            }
            for i in export["inputs"]
        ],
        "changedPropIds": [f"export-{fmt}.n_clicks"],
        "state": [{"id": "url", "property": "search", "value": search}],
    }


def client(base, view, export, until, results, seed):
    rng = random.Random(seed)
    count = 0
    while time.monotonic() < until and count < 100_000:
        first = rng.randint(2020, 2025)
        search = f"?years={first}:{rng.randint(first, 2026)}&topics={rng.choice(TOPICS)}"
        kind, body = "filter", view_body(view, search)
        if count % 5 == 4:
            fmt = rng.choice(("csv", "json", "png"))
            kind, body = f"export {fmt}", export_body(export, search, fmt)
        start = time.perf_counter()
        try:
            ok = post(base + "/_dash-update-component", body) == 200
        except Exception:  # every failure counts as an error
            ok = False
        results.append((kind, time.perf_counter() - start, ok))
        count += 1


TOPICS = ("diplomacy", "trade", "energy", "EU and the West")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=Path("events.csv"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "timeline.cli",
            "serve",
            "--events",
            str(args.events),
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                view, export = callbacks(base)
                break
            except OSError:
                time.sleep(0.1)
        results: list[tuple[str, float, bool]] = []
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(base, view, export, until, results, i))
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
    print(f"{args.clients} clients for {args.seconds:.0f} s on {args.events}:\n")
    print("| request | count | errors | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: | ---: |")
    for kind in sorted({k for k, _, _ in results}):
        times = sorted(t for k, t, _ in results if k == kind)
        errors = sum(1 for k, _, ok in results if k == kind and not ok)
        p95 = times[int(0.95 * (len(times) - 1))]
        print(
            f"| {kind} | {len(times)} | {errors} | {statistics.median(times) * 1000:.0f} | "
            f"{p95 * 1000:.0f} |"
        )


if __name__ == "__main__":
    main()
