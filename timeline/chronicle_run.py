"""`timeline chronicle` from end to end: read the corpus, tag it on Dask (Parquet beside in a
scratch folder), rank, then write an events file whose every quote is checked: the articles
it cites are stored beside it (``sources/``, ``sources.csv``) through the write path."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from timeline.chronicle import Chosen, chronicle, sentences_from, title_of
from timeline.corpus import Article, in_window, read_corpus, read_rows, tag_corpus
from timeline.dates import parse_edtf
from timeline.errors import TimelineError
from timeline.events import Event, slug
from timeline.progress import progress_bar


def write_chronicle(
    sources: Path, output: Path, dates: int, per_date: int, first: date | None,
    last: date | None, keywords: Sequence[str], scheduler: str | None = None,
    workers: int | None = None,
) -> int:  # fmt: skip
    """Write the chronicle of ``sources`` to ``output``; returns the number of events."""
    if output.exists():
        raise TimelineError(f"{output} exists; a chronicle is written to a new file")
    articles = list(in_window(read_corpus(sources), first, last))
    if not articles:
        raise TimelineError(f"{sources}: no article published between {first} and {last}")
    with tempfile.TemporaryDirectory(prefix="timeline-corpus-") as scratch:
        with progress_bar(len(articles), "Tagging articles") as advance:
            tag_corpus(articles, Path(scratch), scheduler, workers, advance)
        sentences = sentences_from(read_rows(Path(scratch)).iter_rows(named=True))
    # without --from or --to, any date the articles name may be chosen
    chosen = chronicle(sentences, dates, per_date, first or date(1, 1, 1),
                       last or date(9999, 12, 31), keywords)  # fmt: skip
    return _write(output, chosen, {a.id: a for a in articles})


def _write(output: Path, chosen: list[Chosen], articles: dict[str, Article]) -> int:
    from timeline.write import add_events
    from timeline.write_sources import store_article

    output.parent.mkdir(parents=True, exist_ok=True)
    stored: dict[str, str] = {}
    events = []
    for row in chosen:
        article = articles[row.sentence.article]
        day = article.published.isoformat() if article.published else ""
        if article.id not in stored:
            text = article.path.read_text(encoding="utf-8", errors="replace")
            entry = store_article(output, text, article.id, day,
                                  article.title)  # fmt: skip
            stored[article.id] = entry.id
        title = title_of(row.sentence.text)
        events.append(
            Event(
                f"{row.edtf}-{slug(title)}", parse_edtf(row.edtf), title, (),
                quote=row.sentence.text, source=stored[article.id],
                note=f"Day {row.rank} of the chronicle; sentence {row.sentence.index + 1} of "
                f"article {article.id} (published {day or 'unknown'}).",
            )
        )  # fmt: skip
    return len(add_events(output, events, by="timeline chronicle", force=True))
