"""Filter requests under attack: slow connections and extraction floods, on loopback only.

Starts `timeline serve` on a free port, then for SECONDS at once:

- IDLE sockets that send a partial request line and nothing more (a "slowloris"; one
  closed by the server is opened again, so that IDLE stay open throughout);
- POSTERS threads that post 2 MB texts to /api/v1/extract, one after the other, never
  waiting (a hostile client ignores Retry-After): half "2020 " repeated (every word a
  date, in one sentence), half a realistic article (the quotes of events.csv) repeated;
- one thread that asks what the page and a program ask most, one after the other: the
  page's filter callback and `GET /api/v1/events?years=2024:2025&topics=trade`.

Prints the filter requests' count, errors and p50/p95 (a request that failed counts with
the time it took to fail), and how the extraction requests were answered.

    python benchmarks/hostile_server.py [--seconds 60] [--idle 100] [--posters 8]
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import math
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT_BYTES = 2_000_000
FILTER_API = "/api/v1/events?years=2024:2025&topics=trade"
FILTER_PAGE = "?years=2024:2025&topics=trade"
FILTER_TIMEOUT_S = 30
PARTIAL_REQUEST = b"GET /api/v1/events HTTP/1.1"  # no end of line: the headers never come


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def texts(events: Path) -> dict[str, str]:
    """The two 2 MB texts: every word a date, and a realistic article repeated."""
    with events.open(encoding="utf-8", newline="") as handle:
        article = "\n\n".join(row["quote"] for row in csv.DictReader(handle))
    return {
        "2020 repeated": ("2020 " * (TEXT_BYTES // 5))[:TEXT_BYTES],
        "article repeated": ((article + "\n\n") * (TEXT_BYTES // len(article) + 1))[:TEXT_BYTES],
    }


def request(base: str, path: str, body: dict | None, timeout: float) -> tuple[int, dict]:
    """(status, headers) of one request; the status is 0 for no answer in time or at all."""
    data = json.dumps(body).encode() if body is not None else None
    sent = urllib.request.Request(base + path, data, method="POST" if body is not None else "GET")
    sent.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(sent, timeout=timeout) as response:
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, dict(error.headers)
    except OSError:
        return 0, {}


def page_filter_body(base: str) -> dict:
    """The page's filter callback request, as the browser sends it."""
    with urllib.request.urlopen(base + "/_dash-dependencies", timeout=30) as response:
        dependencies = json.load(response)
    view = next(d for d in dependencies if any(i["id"] == "saved" for i in d["inputs"]))
    names = view["output"].strip(".").split("...")
    values = {"url": FILTER_PAGE, "saved": 0, "timeline": None}
    return {
        "output": view["output"],
        "outputs": [{"id": n.split(".")[0], "property": n.split(".")[1]} for n in names],
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": values[i["id"]]}
            for i in view["inputs"]
        ],
        "changedPropIds": ["url.search"],
        "state": [],
    }


def keep_idle(port: int, count: int, until: float, opened: list[int]) -> None:
    """Hold ``count`` connections that never finish their request line."""
    sockets: list[socket.socket] = []
    while time.monotonic() < until:
        for sock in list(sockets):  # the server may close one; open another
            try:
                sock.setblocking(False)
                if sock.recv(1) == b"":
                    raise ConnectionError
            except BlockingIOError:
                continue
            except OSError:
                sock.close()
                sockets.remove(sock)
        while len(sockets) < count:
            sock = socket.socket()
            sock.settimeout(5)
            try:
                sock.connect(("127.0.0.1", port))
                sock.sendall(PARTIAL_REQUEST)
            except OSError:
                sock.close()
                break
            sockets.append(sock)
            opened[0] += 1
        time.sleep(0.5)
    for sock in sockets:
        sock.close()


def post_texts(base: str, name: str, text: str, until: float, answers: list, waiting) -> None:
    body = {"text": text, "published": "2025-07-20"}
    while time.monotonic() < until:
        began = time.perf_counter()
        waiting[name] += 1
        status, headers = request(base, "/api/v1/extract", body, timeout=600)
        waiting[name] -= 1
        answers.append((name, status, time.perf_counter() - began, headers.get("Retry-After")))


def ask_filters(base: str, page_body: dict, until: float, times: list) -> None:
    while time.monotonic() < until:
        for kind, path, body in (
            ("api", FILTER_API, None),
            ("page", "/_dash-update-component", page_body),
        ):
            began = time.perf_counter()
            status, _ = request(base, path, body, timeout=FILTER_TIMEOUT_S)
            times.append((kind, time.perf_counter() - began, status == 200))
        time.sleep(0.05)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least ``share`` of them reach."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def report(times: list, answers: list, waiting, opened: int, args) -> None:
    print(
        f"{args.seconds:.0f} s, {args.idle} idle connections ({opened} opened in all), "
        f"{args.posters} clients posting 2 MB texts to /api/v1/extract:\n"
    )
    print("| filter request | count | errors | p50 ms | p95 ms | max ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in ("api", "page", "all"):
        mine = [(t, ok) for k, t, ok in times if kind in (k, "all")]
        if not mine:
            print(f"| {kind} | 0 | – | – | – | – |")
            continue
        spent = [t for t, _ in mine]
        errors = sum(1 for _, ok in mine if not ok)
        print(
            f"| {kind} | {len(mine)} | {errors} | {statistics.median(spent) * 1000:.0f} | "
            f"{percentile(spent, 0.95) * 1000:.0f} | {max(spent) * 1000:.0f} |"
        )
    print("\n| extraction text | answer | count | median s | Retry-After |")
    print("| --- | --- | ---: | ---: | --- |")
    by_answer = collections.defaultdict(list)
    for name, status, spent, retry in answers:
        by_answer[(name, status or "no answer")].append((spent, retry))
    for (name, status), found in sorted(by_answer.items(), key=str):
        retries = ", ".join(sorted({r for _, r in found if r})) or "–"
        median = statistics.median(s for s, _ in found)
        print(f"| {name} | {status} | {len(found)} | {median:.2f} | {retries} |")
    for name, count in waiting.items():
        if count:
            print(f"| {name} | still unanswered at the end | {count} | – | – |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=ROOT / "events.csv")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--idle", type=int, default=100)
    parser.add_argument("--posters", type=int, default=8)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "timeline.cli", "serve", "--events", str(args.events)]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                page_body = page_filter_body(base)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"the server at {base} did not start")
        until = time.monotonic() + args.seconds
        times: list = []
        answers: list = []
        opened = [0]
        waiting: collections.Counter = collections.Counter()
        threads = [threading.Thread(target=keep_idle, args=(port, args.idle, until, opened))]
        threads[0].start()
        time.sleep(1)  # the idle connections first, as an attacker would
        sent = texts(args.events)
        for number in range(args.posters):
            name = list(sent)[number % len(sent)]
            threads.append(
                threading.Thread(
                    target=post_texts,
                    args=(base, name, sent[name], until, answers, waiting),
                    daemon=True,
                )
            )
        threads.append(threading.Thread(target=ask_filters, args=(base, page_body, until, times)))
        for thread in threads[1:]:
            thread.start()
        deadline = until + FILTER_TIMEOUT_S + 5  # posters still waiting then are reported
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        report(times, answers, waiting, opened[0], args)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
