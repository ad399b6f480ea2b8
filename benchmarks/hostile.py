"""Hostile inputs: is ``tag`` and ``extract`` time linear in text length on every family?

Each family is a short unit repeated (or a run of one character) cut to 10k, 100k and 1M
characters. Every case runs in a fresh process; the child times only the call (CPU time is
user+sys from its own resource.getrusage, wall time from perf_counter) and reports its peak
memory and, for extract, the size of its JSON output. The table gives the median of the runs
and the growth 1M/100k of CPU time. Goal: every family linear, that is the 1M case within
12x of the 100k case and the 100k case under 1 s of CPU, for both tag and extract; a family
that misses it is marked. A case over --timeout seconds is killed and marked too.

    python benchmarks/hostile.py [--runs 3] [--sizes 10000,100000,1000000]
        [--families years,commas] [--ops tag,extract] [--timeout 300]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
from collections.abc import Callable

SIZES = (10_000, 100_000, 1_000_000)
GROWTH_LIMIT = 12.0  # 10x the text may cost at most this much more CPU
CPU_LIMIT_100K = 1.0  # seconds of CPU for 100k characters
NOISE_FLOOR = 0.25  # under this many CPU seconds at 1M, the ratio is noise (allocation)
PROSE = (
    "On March 3, 2021 the ministry said that talks had resumed; two weeks later, in the "
    "first half of 2021, trade with its neighbours grew by 7% compared with 2020. "
    "The plant, built in the 1990s, was sold in May 2019 and closed two years later.\n"
)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _year_chain(size: int) -> str:
    years = (str(1990 + i % 40) for i in itertools.count())
    return "-".join(itertools.islice(years, size // 5 + 1))[:size]


def _brackets(size: int) -> str:
    return "(" * (size // 2) + "May 2020" + ")" * (size - size // 2 - 8)


def _dense_sentences(size: int) -> str:
    """Sentences just short enough to be quoted whole, each with a date every 7 characters."""
    return _repeat("2020 x " * 84 + "Done.\n")(size)


def _one_sentence(size: int) -> str:
    """Dated clauses joined by commas: one sentence as long as the text."""
    return _repeat("in May 2020 the plant was sold to Acme, ")(size)


FAMILIES: dict[str, Callable[[int], str]] = {
    # from issue 10
    "years": _repeat("2020 "),
    "may-dashes": lambda size: "May" + "-" * (size - 3),
    "commas": _repeat(","),
    "one-dot": _repeat("1."),
    "double-quotes": _repeat('"'),
    "single-quotes": _repeat("'"),
    "year-chain": _year_chain,
    "slash-dates": _repeat("1/2/2020/"),
    # more of our own
    "digits": _repeat("1"),
    "am": _repeat("a.m."),
    "glued-months": _repeat("MayJuneJulyAugustSept.Nov."),
    "brackets": _brackets,
    "hyphen-words": _repeat("ten-year-long-"),
    "one-word": _repeat("x"),
    "spaces": _repeat(" "),
    "newlines": _repeat("\n"),
    "short-lines": _repeat("May 2\n"),
    "dots": _repeat("."),
    "the": _repeat("the "),
    "year-units": _repeat("5-year-"),
    "quarters": _repeat("third-quarters "),
    "ago": _repeat("two years ago "),
    "thousands": _repeat("1,000,"),
    "clock": _repeat("10:30 "),
    "digit-commas": _repeat("1,"),
    "quoted-years": _repeat('"2020" '),
    "mixed-dates": _repeat("May 2020 and 1999 "),
    "dense-sentences": _dense_sentences,
    "one-sentence": _one_sentence,
    "prose": _repeat(PROSE),
}
UNITS = {  # what each family repeats, for the README
    "years": "`2020 `", "may-dashes": "`May` then `-`", "commas": "`,`", "one-dot": "`1.`",
    "double-quotes": '`"`', "single-quotes": "`'`", "year-chain": "`1990-1991-1992-…`",
    "slash-dates": "`1/2/2020/`", "digits": "`1`", "am": "`a.m.`",
    "glued-months": "`MayJuneJulyAugustSept.Nov.`", "brackets": "`(`… `May 2020` …`)`",
    "hyphen-words": "`ten-year-long-`", "one-word": "`x`", "spaces": "a space",
    "newlines": "a line break", "short-lines": "`May 2` and a line break", "dots": "`.`",
    "the": "`the `", "year-units": "`5-year-`", "quarters": "`third-quarters `",
    "ago": "`two years ago `", "thousands": "`1,000,`", "clock": "`10:30 `",
    "digit-commas": "`1,`", "quoted-years": '`"2020" `',
    "mixed-dates": "`May 2020 and 1999 `",
    "dense-sentences": "sentences of `2020 x ` to 593 characters",
    "one-sentence": "`in May 2020 the plant was sold to Acme, `", "prose": "a news paragraph",
}  # fmt: skip

WORKER = """
import json, resource, sys, time
from datetime import date
sys.path.insert(0, {here!r})
from hostile import FAMILIES
from timeline.extract import extract
from timeline.temporal import tag

family, size, op = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = FAMILIES[family](size)
assert len(text) == size, len(text)
dct = date(2025, 7, 10)
tag("warm up in May 2020", dct)
extract("Warm up in May 2020.", dct)
before, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
if op == "tag":
    found = tag(text, dct)
    output = json.dumps([t.as_dict() for t in found])
else:
    found = extract(text, dct)
    output = json.dumps([p.as_dict() for p in found])
wall = time.perf_counter() - wall
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(json.dumps({{"cpu": cpu, "wall": wall, "peak_kb": after.ru_maxrss,
                  "found": len(found), "json_bytes": len(output)}}))
"""


def run_case(family: str, size: int, op: str, timeout: float) -> dict[str, float] | None:
    """One fresh process; None when it ran over ``timeout``."""
    from pathlib import Path

    code = WORKER.format(here=str(Path(__file__).resolve().parent))
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, family, str(size), op],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise RuntimeError(f"{family} {size} {op} failed: {done.stderr[-800:]}")
    return json.loads(done.stdout.splitlines()[-1])


def measure(family: str, size: int, op: str, runs: int, timeout: float) -> dict | None:
    """Median CPU and wall time of ``runs`` processes, the largest peak memory."""
    results = []
    for _ in range(runs):
        result = run_case(family, size, op, timeout)
        if result is None:
            return None
        results.append(result)
    return {
        "cpu": statistics.median(r["cpu"] for r in results),
        "wall": statistics.median(r["wall"] for r in results),
        "peak_mb": max(r["peak_kb"] for r in results) / 1024,
        "found": results[-1]["found"],
        "json_bytes": results[-1]["json_bytes"],
    }


def verdict(by_size: dict[int, dict | None], sizes: tuple[int, ...]) -> tuple[str, bool]:
    """The growth ratio between the two largest sizes, and whether the goal is met."""
    if any(by_size.get(size) is None for size in sizes):
        return "timeout", False
    if len(sizes) < 2:
        return "-", by_size[sizes[0]]["cpu"] < CPU_LIMIT_100K
    small, large = by_size[sizes[-2]]["cpu"], by_size[sizes[-1]]["cpu"]
    ratio = large / max(small, 1e-3)
    linear = ratio <= GROWTH_LIMIT or large < NOISE_FLOOR
    fast = 100_000 not in by_size or by_size[100_000]["cpu"] < CPU_LIMIT_100K
    return f"{ratio:.1f}", linear and fast


def cell(result: dict | None, key: str, form: str) -> str:
    return "timeout" if result is None else format(result[key], form)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="processes per case (median)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="characters")
    parser.add_argument("--families", help="comma-separated names (default: all)")
    parser.add_argument("--ops", default="tag,extract", help="tag, extract or both")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per process")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    families = args.families.split(",") if args.families else list(FAMILIES)
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        parser.error(f"unknown families: {', '.join(unknown)}; known: {', '.join(FAMILIES)}")
    head = " | ".join(f"{s // 1000}k CPU s | {s // 1000}k wall s" for s in sizes)
    print(f"| family | op | {head} | peak MB | growth | JSON bytes | goal |")
    print("| --- | --- |" + " ---: | ---: |" * len(sizes) + " ---: | ---: | ---: | --- |")
    broken = 0
    for family, op in itertools.product(families, args.ops.split(",")):
        by_size: dict[int, dict | None] = {}
        for size in sizes:
            by_size[size] = measure(family, size, op, args.runs, args.timeout)
            if by_size[size] is None:
                break  # a larger one would only take longer
        times = " | ".join(
            f"{cell(by_size.get(s), 'cpu', '.3f')} | {cell(by_size.get(s), 'wall', '.3f')}"
            for s in sizes
        )
        peak = max((r["peak_mb"] for r in by_size.values() if r), default=0)
        output = "/".join(
            f"{r['json_bytes']:,}" if r else "-" for r in (by_size.get(s) for s in sizes)
        )
        ratio, ok = verdict(by_size, sizes)
        broken += not ok
        mark = "ok" if ok else "**BROKEN**"
        print(f"| {family} | {op} | {times} | {peak:.0f} | {ratio} | {output} | {mark} |")
        sys.stdout.flush()
    print(f"\n{broken} of {len(families) * len(args.ops.split(','))} cases miss the goal.")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
