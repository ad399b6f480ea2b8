"""Many articles at once: the sources file of a corpus, and the map over its articles that
tags every sentence, run on Dask and written to Parquet as it goes.

Each article becomes rows, one per sentence: the article, its publication day, the
sentence's place and verbatim text, and the days it refers to (day-precise dates of the
tagger, resolved against the publication day). The map is ``dask.bag`` over the articles:
one worker process per core by default, or the workers of an existing cluster
(``scheduler="tcp://host:8786"``). Each partition writes its own Parquet file
(``<out>/year=<published year>/part-<n>.parquet``) and hands back only its row count, so
memory stays bounded by a partition whatever the size of the corpus.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import FileProblemsError, Problem, TimelineError

DATE_DAY = 10  # len("YYYY-MM-DD"): a value that names a day
ARTICLES_PER_PARTITION = 25
_INNER_END = re.compile(r"[a-z0-9][.!?][\"'”’)]?\s+[A-Z“\"]")  # one sentence ends, another begins
_PERIOD = re.compile(r"[0-9]{4}(-[0-9]{2})?")  # a year or a month (TIMEX3 and EDTF alike)


def row_schema() -> dict:
    """The columns of a sentence row, as Polars types: the article, its publication day
    (an ordinal), the sentence's place from 0, its verbatim text, the days it refers to
    (ordinals) and the months and years it names without a day (EDTF)."""
    import polars as pl

    return {
        "article": pl.String,
        "published": pl.Int64,
        "sentence": pl.Int64,
        "text": pl.String,
        "days": pl.List(pl.Int64),
        "periods": pl.List(pl.String),
    }


@dataclass(frozen=True)
class Article:
    """One article of a corpus: its id, text file and publication day."""

    id: str
    path: Path
    published: date | None  # None: relative dates are left unresolved
    title: str = ""


def read_corpus(path: str | Path) -> list[Article]:
    """The articles a sources file lists (``id,path,published`` at least; ``path`` absolute
    or relative to the file; ``published`` an ISO day, or EDTF: its first day); a bad row is
    an error naming its line and cell."""
    path = Path(path)
    problems: list[Problem] = []
    articles = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"id", "path", "published"} - set(reader.fieldnames or ())
        if missing:
            raise TimelineError(f"{path}: the header needs the columns id, path, published")
        for row in reader:
            line = reader.line_num
            published = _day_of(row["published"] or "")
            if published is None:
                problems.append(Problem(str(path), line, "published", row["published"] or "",
                                        "not an ISO day (YYYY-MM-DD) or EDTF with a known "
                                        "start"))  # fmt: skip
                continue
            text = Path(row["path"].strip())
            articles.append(
                Article(row["id"].strip(), text if text.is_absolute() else path.parent / text,
                        published, (row.get("title") or "").strip())
            )  # fmt: skip
    if problems:
        raise FileProblemsError(problems)
    return articles


def _day_of(value: str) -> date | None:
    """The publication day: an ISO day (a time after it is ignored), or the first day an EDTF
    value allows ("2025-07/" is read as 1 July 2025: relative dates resolve from there)."""
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    from timeline.dates import parse_edtf
    from timeline.errors import DateError

    try:
        start = parse_edtf(value).start
    except DateError:
        return None
    return start.to_date() if start else None  # None too for a day before year 1


def sentence_spans(text: str, unbroken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Where the sentences of an article are: its lines, when it is written one sentence a
    line (as tokenised corpora are: few lines hold a sentence end followed by another
    sentence), else what the extraction's splitter finds, which never ends one inside a
    span of ``unbroken`` (the dates found in it: "Aug. 14, 2023")."""
    lines = [line for line in text.split("\n") if line.strip()]
    joined = sum(1 for line in lines if _INNER_END.search(line))
    if len(lines) > 1 and joined <= len(lines) / 5:
        spans, start = [], 0
        for line in text.split("\n"):
            if line.strip():
                spans.append((start, start + len(line.rstrip("\r"))))
            start += len(line) + 1
        return spans
    from timeline.extract import sentences

    return sentences(text, unbroken=unbroken)


def article_rows(article: Article) -> list[dict]:
    """One row per sentence of ``article`` with the days it refers to."""
    try:
        text = article.path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return text_rows(article.id, text, article.published)


def text_rows(name: str, text: str, published: date | None) -> list[dict]:
    """One row per sentence of an article's ``text`` with the days, months and years it
    refers to, resolved against ``published``."""
    from timeline.temporal import tag

    found = tag(text, published)
    spans = sentence_spans(text, [(timex.start, timex.end) for timex in found])
    days: list[list[int]] = [[] for _ in spans]
    periods: list[list[str]] = [[] for _ in spans]
    starts = [start for start, _ in spans]
    for timex in found:
        index = _index_at(starts, timex.start)
        if timex.type != "DATE" or index is None or timex.start >= spans[index][1]:
            continue
        if len(timex.value) == DATE_DAY:
            try:
                days[index].append(date.fromisoformat(timex.value).toordinal())
            except ValueError:
                continue
        elif _PERIOD.fullmatch(timex.value):
            periods[index].append(timex.value)
    day = published.toordinal() if published else 0
    return [
        {"article": name, "published": day, "sentence": n,
         "text": text[start:end], "days": sorted(set(days[n])),
         "periods": sorted(set(periods[n]))}
        for n, (start, end) in enumerate(spans)
    ]  # fmt: skip


def _index_at(starts: list[int], offset: int) -> int | None:
    import bisect

    index = bisect.bisect_right(starts, offset) - 1
    return index if index >= 0 else None


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A Dask client: of the cluster at ``scheduler``, else of a local cluster of ``workers``
    processes (default: one per core), closed on leaving."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=":0")  # fmt: skip
    client = Client(scheduler or cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def partitions(articles: list[Article]) -> list[tuple[int, list[Article]]]:
    step = ARTICLES_PER_PARTITION
    return [(n, articles[i : i + step]) for n, i in enumerate(range(0, len(articles), step))]


def tag_corpus(
    articles: list[Article],
    out: Path,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Tag every article on Dask and write the rows to Parquet under ``out``; returns the
    number of rows. ``scheduler``: the address of an existing cluster, else a local one of
    ``workers`` processes (default: one per core)."""
    import dask.bag as db
    from dask.distributed import as_completed

    out.mkdir(parents=True, exist_ok=True)
    parts = partitions(articles)
    with dask_client(scheduler, workers) as client:
        bag = db.from_sequence(parts, npartitions=len(parts) or 1)
        total = 0
        for future in as_completed(client.compute(bag.map(_write_part, str(out)).to_delayed())):
            total += sum(future.result())
            if progress:
                progress(ARTICLES_PER_PARTITION)
        return total


def extract_corpus(
    articles: list[Article],
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[Article, list[dict]]]:
    """The proposed events of every article (as ``timeline extract`` prints them), extracted
    on Dask a partition at a time and given back in the articles' order."""
    with dask_client(scheduler, workers) as client:
        futures = [client.submit(_extract_part, part, pure=False) for part in partitions(articles)]
        for future in futures:
            yield from future.result()
            future.release()
            if progress:
                progress(ARTICLES_PER_PARTITION)


def _extract_part(numbered: tuple[int, list[Article]]) -> list[tuple[Article, list[dict]]]:
    from timeline.extract import extract

    _, articles = numbered
    done = []
    for article in articles:
        try:
            text = article.path.read_text(encoding="utf-8", errors="replace")
            proposals = extract(text, article.published, article.id)
        except (OSError, ValueError):
            proposals = []
        done.append((article, [p.as_dict() for p in proposals]))
    return done


def _write_part(numbered: tuple[int, list[Article]], out: str) -> int:
    """Tag one partition's articles and write their rows, one Parquet file per year."""
    import polars as pl

    number, articles = numbered
    rows = [row for article in articles for row in article_rows(article)]
    if not rows:
        return 0
    frame = pl.DataFrame(rows, schema=row_schema())
    years = frame.get_column("published").map_elements(
        lambda day: date.fromordinal(day).year, return_dtype=pl.Int64
    )
    for (year,), part in frame.with_columns(years.alias("year")).group_by("year"):
        folder = Path(out) / f"year={year}"
        folder.mkdir(parents=True, exist_ok=True)
        part.drop("year").write_parquet(folder / f"part-{number:05d}.parquet")
    return frame.height


def read_rows(out: Path):
    """Every row written by ``tag_corpus`` as one Polars frame."""
    import polars as pl

    files = sorted(out.glob("year=*/part-*.parquet"))
    if not files:
        return pl.DataFrame(schema=row_schema())
    return pl.concat([pl.read_parquet(f) for f in files])


def in_window(
    articles: Iterable[Article], first: date | None, last: date | None
) -> Iterator[Article]:
    for article in articles:
        day = article.published
        if day is not None and (first is None or day >= first) and (last is None or day <= last):
            yield article


def articles_in(place: Path, published: date | None = None) -> list[Article] | None:
    """The articles of a folder (its ``*.txt`` files, id the file's name, all published on
    ``published``) or of a sources file (a CSV with id, path and published); None when
    ``place`` is neither."""
    if place.is_dir():
        return [Article(p.stem, p, published) for p in sorted(place.glob("*.txt"))]
    if place.suffix.lower() == ".csv" and place.is_file():
        with place.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
        if {"id", "path", "published"} <= {name.strip() for name in header}:
            return read_corpus(place)
    return None
