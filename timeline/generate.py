"""Synthetic events files with realistic variety, for tests and benchmarks."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import TextIO

from timeline.events import COLUMNS
from timeline.store import FALLBACK_COLOURS, load_topics, topics_path_for

TOPICS = ("diplomacy", "trade", "energy", "security", "domestic politics", "transport",
          "culture", "health")  # fmt: skip
FIRST_YEAR, LAST_YEAR = 1990, 2025
# how often each kind of date appears, roughly as in news chronologies
KINDS = (("day", 30), ("month", 25), ("year", 15), ("season", 5), ("quarter", 5), ("half", 4),
         ("interval", 6), ("open_end", 3), ("open_start", 1), ("unknown_start", 1),
         ("decade", 2), ("approximate", 2), ("uncertain", 1))  # fmt: skip


def random_edtf(rng: random.Random) -> str:
    """One EDTF date of a kind drawn with the weights of ``KINDS``."""
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    month = rng.randint(1, 12)
    if kind == "day":
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    if kind == "month":
        return f"{year}-{month:02d}"
    if kind == "season":
        return f"{year}-{rng.randint(21, 24)}"
    if kind == "quarter":
        return f"{year}-{rng.randint(33, 36)}"
    if kind == "half":
        return f"{year}-{rng.randint(40, 41)}"
    if kind == "interval":
        return f"{year}-{month:02d}/{min(LAST_YEAR, year + rng.randint(0, 4))}"
    if kind == "open_end":
        return f"{year}-{month:02d}/.."
    if kind == "open_start":
        return f"../{year}"
    if kind == "unknown_start":
        return f"/{year}"
    if kind == "decade":
        return f"{str(year)[:3]}X"
    return f"{year}{'~' if kind == 'approximate' else '?'}"


def generate(
    count: int, handle: TextIO, seed: int = 0, topics: tuple[str, ...] = TOPICS, progress=None
) -> None:
    """Write an events file of ``count`` synthetic events to ``handle``; ``progress(n)`` is
    told of every 10,000 written."""
    rng = random.Random(seed)
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(COLUMNS)
    for number in range(1, count + 1):
        chosen = ";".join(rng.sample(topics, min(len(topics), rng.choice((1, 1, 1, 2)))))
        title = f"Synthetic event {number}"
        quote = f"Event {number} happened, the generator reported."
        writer.writerow([f"e{number}", random_edtf(rng), title, chosen, "", "", quote,
                         "timeline generate", ""])  # fmt: skip
        if progress and number % PROGRESS_STEP == 0:
            progress(PROGRESS_STEP)


PROGRESS_STEP = 10_000


def generate_file(count: int, path: Path, seed: int = 0, progress=None) -> tuple[str, ...]:
    """Write the events file; use the topics of a topics.csv beside it, or write one."""
    vocabulary = topics_path_for(path)
    if vocabulary.exists():
        topics = tuple(load_topics(vocabulary)) or TOPICS
    else:
        topics = TOPICS
        with vocabulary.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(("name", "colour", "description"))
            for topic, colour in zip(TOPICS, FALLBACK_COLOURS, strict=False):
                writer.writerow((topic, colour, "synthetic"))
    with path.open("w", encoding="utf-8", newline="") as handle:
        generate(count, handle, seed, topics, progress)
    return topics
