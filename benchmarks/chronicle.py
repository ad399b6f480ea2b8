"""Chronicles of the news stories in ../shared/tls/entities against their journalist-written
timelines, with the news-tls protocol, scored with tilse; our ranking against PUB-COUNT and
DATEWISE (our implementations of both, from the paper's description).

    pip install -e '.[bench]'
    python benchmarks/chronicle.py ../shared/tls/entities [--workers 1,2] [--out /tmp/tls]

Per reference timeline: the story's articles published between its first and last date,
L = its number of dates, K = round(mean sentences per date). Date F1 and ROUGE-1/2 F for
concat, agreement and align+m:1 (tilse's TimelineRougeEvaluator, the original ROUGE-1.5.5
with stemming and stopwords removed, as news-tls runs it). Averages over timelines: mean
precision and recall, then F from them. Tagging runs on Dask, once per worker count given,
over all articles; articles per second and each worker's peak memory are printed.
These are development figures: the ranking's constants were chosen looking at this data.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.chronicle import chronicle, sentences_from  # noqa: E402
from timeline.corpus import Article, read_corpus, read_rows, tag_corpus  # noqa: E402

METHODS = ("ours", "datewise", "pub_count")
COLUMNS = " | date F1 | concat R1 | concat R2 | agree R1 | agree R2 | align+m:1 R1 | align+m:1 R2 |"


def reference(path: Path) -> dict[date, list[str]]:
    timeline: dict[date, list[str]] = {}
    day = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        if set(line) == {"-"}:
            day = None
        elif day is None:
            day = date.fromisoformat(line)
            timeline[day] = []
        else:
            timeline[day].append(line)
    return timeline


def stories(folder: Path):
    for story in sorted(p for p in folder.iterdir() if (p / "articles.csv").exists()):
        articles = read_corpus(story / "articles.csv")
        keywords = json.loads((story / "keywords.json").read_text(encoding="utf-8"))
        refs = [reference(p) for p in sorted(story.glob("reference-*.txt"))]
        yield story.name, articles, keywords, refs


def tag_all(folder: Path, out: Path, workers: int) -> tuple[float, float, float, float]:
    """Tag every article of every story on a local cluster of ``workers`` processes:
    articles per second, wall seconds, the workers' CPU seconds and their largest peak
    resident memory (MB)."""
    import shutil

    from dask.distributed import Client, LocalCluster

    articles = []
    for name, story_articles, _, _ in stories(folder):
        articles += [Article(f"{name}/{a.id}", a.path, a.published) for a in story_articles]
    shutil.rmtree(out, ignore_errors=True)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:  # fmt: skip
        before = client.run(_usage)
        began = time.perf_counter()
        tag_corpus(articles, out, scheduler=cluster.scheduler_address)
        wall = time.perf_counter() - began
        after = client.run(_usage)
    cpu = sum(after[w][0] - before[w][0] for w in after)
    peak = max(usage[1] for usage in after.values()) / 1024
    return len(articles) / wall, wall, cpu, peak


def _usage() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def scores(predicted: dict[date, list[str]], truth: dict[date, list[str]], evaluator):
    from tilse.data.timelines import GroundTruth, Timeline

    pred, ref = Timeline(predicted), GroundTruth([Timeline(truth)])
    shared = set(predicted) & set(truth)
    p = len(shared) / len(predicted) if predicted else 0.0
    r = len(shared) / len(truth)
    out = {"date": (p, r)}
    runs = (
        ("concat", evaluator.evaluate_concat),
        ("agreement", evaluator.evaluate_agreement),
        ("align_m1", evaluator.evaluate_align_date_content_costs_many_to_one),
    )
    for name, run in runs:
        result = run(pred, ref)
        out[name] = {
            m: (result[m]["precision"], result[m]["recall"]) for m in ("rouge_1", "rouge_2")
        }
    return out


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--out", type=Path, default=Path("/tmp/timeline-tls"))
    args = parser.parse_args()
    from tilse.evaluation.rouge import TimelineRougeEvaluator

    print("| workers | wall s | articles/s | CPU s (workers) | peak MB (largest worker) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    speeds = {}
    for workers in [int(w) for w in args.workers.split(",")]:
        rate, wall, cpu, peak = tag_all(args.folder, args.out, workers)
        speeds[workers] = rate
        print(f"| {workers} | {wall:.1f} | {rate:.1f} | {cpu:.1f} | {peak:.0f} |", flush=True)
    if len(speeds) > 1:
        first, *_, last = sorted(speeds)
        print(
            f"\n{last} workers / {first}: {speeds[last] / speeds[first]:.2f}x articles per second\n"
        )
    frame = read_rows(args.out)
    by_story = defaultdict(list)
    for row in frame.iter_rows(named=True):
        story, _, article = row["article"].partition("/")
        by_story[story].append({**row, "article": article})
    evaluator = TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    totals = {m: defaultdict(list) for m in METHODS}
    print("| story | method" + COLUMNS)
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, articles, keywords, refs in stories(args.folder):
        for truth in refs:
            first, last = min(truth), max(truth)
            window = {a.id for a in articles if first <= a.published <= last}
            sentences = sentences_from(r for r in by_story[name] if r["article"] in window)
            dates = len(truth)
            per_date = round(sum(len(v) for v in truth.values()) / dates)
            for method in METHODS:
                chosen = chronicle(sentences, dates, per_date, first, last, keywords, method)
                predicted: dict[date, list[str]] = defaultdict(list)
                for row in chosen:
                    if row.day is not None:
                        predicted[row.day].append(row.sentence.text)
                got = scores(dict(predicted), truth, evaluator)
                for measure, value in got.items():
                    totals[method][measure].append(value)
                print(_line(name, method, got), flush=True)
    print("\nAverages over timelines (mean precision and recall, then F):\n")
    print("| method" + COLUMNS)
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for method in METHODS:
        print(_average(method, totals[method]))


def _line(name: str, method: str, got: dict) -> str:
    cells = [f"{f1(*got['date']):.3f}"]
    for measure in ("concat", "agreement", "align_m1"):
        cells += [f"{f1(*got[measure][m]):.3f}" for m in ("rouge_1", "rouge_2")]
    return f"| {name} | {method} | " + " | ".join(cells) + " |"


def _average(method: str, values: dict) -> str:
    def mean_f(pairs):
        p = sum(x for x, _ in pairs) / len(pairs)
        r = sum(y for _, y in pairs) / len(pairs)
        return f1(p, r)

    cells = [f"{mean_f(values['date']):.3f}"]
    for measure in ("concat", "agreement", "align_m1"):
        cells += [f"{mean_f([v[m] for v in values[measure]]):.3f}" for m in ("rouge_1", "rouge_2")]
    return f"| {method} | " + " | ".join(cells) + " |"


if __name__ == "__main__":
    main()
