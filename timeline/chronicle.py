"""From many articles to a chronicle: the key days of a story, each with a few sentences.

Input: the sentence rows of ``timeline.corpus`` (each sentence with its article, publication
day and the days it refers to). Our ranking:

* **Days.** A day scores by the articles that refer to it, each article once, weighted by
  how soon after the day it was published: within a week 1, within two months 0.5, later
  0.25, and before the day (an announcement) 0.5. Articles published on the day or the
  day after add ``PUBLICATION_WEIGHT`` each: a burst of reporting marks a day even when
  articles do not name it. Only days between ``first`` and ``last`` compete, and a day next
  to a day already chosen is skipped (the same happening, reported across midnight).
* **Sentences for a day.** Candidates: the sentences that refer to the day, and the first
  sentences of the articles published on it or the day after. Left out: sentences too short
  or too long to stand alone, a dateline or a reader's question, and, with keywords, one
  that names none of them. Each scores by its likeness to the day's candidates as a whole
  (cosine of TF-IDF vectors to their centroid), more when it names the day; a sentence too
  like one already chosen (word overlap above one half) is not taken again.

Baselines for the benchmark: ``pub_count`` (the days with most articles) and ``datewise``
(days by how many sentences refer to them; sentences by likeness to the centroid), as
Gholipour Ghalandari & Ifrim (ACL 2020) describe them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from timeline.matching import ignored_words

PUBLICATION_WEIGHT = 0.5
LEAD_SENTENCES = 3
MIN_WORDS, MAX_WORDS = 8, 60
SAME_OVERLAP = 0.5
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:\s*-LRB-.*?-RRB-)?\s*(?:--|-|:)\s")
_NOISE = ("Copyright", "All rights reserved", "Click here", "Follow us", "-LRB- AP -RRB-")
_PTB = ((" 's", "'s"), (" n't", "n't"), (" ,", ","), (" .", "."), (" ;", ";"), (" :", ":"),
        ("-LRB- ", "("), (" -RRB-", ")"), ("-LRB-", "("), ("-RRB-", ")"), ("`` ", '"'),
        (" ''", '"'), (" ?", "?"), (" !", "!"), (" %", "%"), ("$ ", "$"))  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    article: str
    published: int  # day ordinal
    index: int
    text: str
    days: tuple[int, ...]
    periods: tuple[str, ...] = ()  # months and years named without a day


@dataclass(frozen=True)
class Chosen:
    """One row of a chronicle: its date (EDTF: a day, or a month or year where the articles
    give no day), its rank, and a sentence with its article."""

    edtf: str
    rank: int
    sentence: Sentence
    score: float

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.edtf) if len(self.edtf) == 10 else None


def sentences_from(rows: Iterable[dict]) -> list[Sentence]:
    return [
        Sentence(r["article"], r["published"], r["sentence"], r["text"], tuple(r["days"] or ()),
                 tuple(r.get("periods") or ()))
        for r in rows
    ]  # fmt: skip


# --- days ---------------------------------------------------------------------------------


def rank_days(sentences: Sequence[Sentence], first: int, last: int) -> list[tuple[int, float]]:
    """Our day scores, best first (see the module's description)."""
    referred: dict[tuple[str, int], int] = {}
    for s in sentences:
        for day in s.days:
            if first <= day <= last:
                referred[(s.article, day)] = s.published
    score: dict[int, float] = defaultdict(float)
    for (_, day), published in referred.items():
        score[day] += _soon_after(published - day)
    for day, count in _publications(sentences).items():
        for target, share in ((day, 0.6), (day - 1, 0.4)):  # the day itself a little more
            if first <= target <= last:
                score[target] += PUBLICATION_WEIGHT * count * share
    return sorted(score.items(), key=lambda item: (-item[1], item[0]))


def _soon_after(delay: int) -> float:
    if delay < 0:
        return 0.5
    if delay <= 7:
        return 1.0
    if delay <= 60:
        return 0.5
    return 0.25


def _publications(sentences: Sequence[Sentence]) -> Counter:
    return Counter(published for _, published in {(s.article, s.published) for s in sentences})


# --- sentences ----------------------------------------------------------------------------


class Vectors:
    """TF-IDF vectors of sentences over the words of the whole input."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.words = {id(s): content_tokens(s.text) for s in sentences}
        having = Counter(w for words in self.words.values() for w in set(words))
        total = len(sentences) or 1
        self.idf = {w: math.log(total / n) for w, n in having.items()}

    def of(self, sentence: Sentence) -> dict[str, float]:
        counts = Counter(self.words.get(id(sentence)) or content_tokens(sentence.text))
        return {w: c * self.idf.get(w, 0.0) for w, c in counts.items()}


def content_tokens(text: str) -> list[str]:
    ignored = ignored_words()
    return [w for w in (t.lower() for t in _TOKEN.findall(text)) if w not in ignored and len(w) > 2]


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def centroid(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for w, v in vector.items():
            total[w] += v
    return total


def standalone(text: str, keywords: Sequence[str]) -> bool:
    """Whether a sentence can stand in a chronicle: long enough, not too long, no dateline,
    no question, no boilerplate, and (with keywords) naming one of them."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if text.rstrip().endswith("?") or _DATELINE.match(text) or any(n in text for n in _NOISE):
        return False
    lowered = text.lower()
    return not keywords or any(k.lower() in lowered for k in keywords)


def choose_sentences(
    candidates: Sequence[Sentence], day: int, count: int, vectors: Vectors,
    keywords: Sequence[str], taken: list[set[str]], date_bonus: float = 0.1,
) -> list[tuple[Sentence, float]]:  # fmt: skip
    """The ``count`` best candidates for ``day`` (see the module's description)."""
    usable = [s for s in candidates if standalone(s.text, keywords)]
    if not usable:
        return []
    middle = centroid(vectors.of(s) for s in usable)
    scored = sorted(
        (
            (cosine(vectors.of(s), middle) + (date_bonus if day in s.days else 0.0), s)
            for s in usable
        ),
        key=lambda item: (-item[0], item[1].published, item[1].article, item[1].index),
    )
    chosen: list[tuple[Sentence, float]] = []
    for score, sentence in scored:
        if len(chosen) == count:
            break
        words = set(content_tokens(sentence.text))
        if any(_overlap(words, other) > SAME_OVERLAP for other in taken):
            continue
        taken.append(words)
        chosen.append((sentence, score))
    return chosen


def _overlap(one: set[str], other: set[str]) -> float:
    return len(one & other) / len(one | other) if one | other else 1.0


# --- whole chronicles ---------------------------------------------------------------------


def chronicle(
    sentences: Sequence[Sentence], dates: int, per_date: int, first: date, last: date,
    keywords: Sequence[str] = (), method: str = "ours",
) -> list[Chosen]:  # fmt: skip
    """The chronicle of ``sentences``: ``dates`` days with up to ``per_date`` sentences,
    in rank order; a day with no sentence fit to stand for it gives way to the next.
    ``method``: "ours", or the baselines "datewise" and "pub_count"."""
    low, high = first.toordinal(), last.toordinal()
    ranked, apart = _ranked(sentences, low, high, method)
    referring, leads = _candidates(sentences, method)
    vectors = Vectors(sentences)
    taken: list[set[str]] = []
    rows: list[Chosen] = []
    days: list[int] = []
    bonus = 0.1 if method == "ours" else 0.0
    for day, _ in ranked:
        if len(days) == dates:
            break
        if any(abs(day - other) <= apart for other in days):
            continue
        pool = referring.get(day, []) + leads.get(day, [])
        if method == "ours":
            pool += leads.get(day + 1, [])
        chosen = choose_sentences(pool, day, per_date, vectors, keywords, taken, bonus)
        if chosen:
            days.append(day)
            iso = date.fromordinal(day).isoformat()
            rows += [Chosen(iso, len(days), sentence, score) for sentence, score in chosen]
    if method == "ours" and len(days) < dates:
        rows += _coarser(sentences, dates - len(days), per_date, first, last, keywords, vectors,
                         taken, len(days))  # fmt: skip
    return rows


def _ranked(sentences, low: int, high: int, method: str) -> tuple[list[tuple[int, float]], int]:
    """The days in the order ``method`` ranks them, and how far apart picked days must be."""
    if method == "ours":
        return rank_days(sentences, low, high), 1
    if method == "datewise":
        return _mention_counts(sentences, low, high), -1
    if method == "pub_count":
        counts = [(d, c) for d, c in _publications(sentences).items() if low <= d <= high]
        return sorted(counts, key=lambda item: (-item[1], item[0])), -1
    raise ValueError(f"no ranking method {method!r}")


def _coarser(sentences, count, per_date, first, last, keywords, vectors, taken, ranked):
    """Where the articles name too few days: the months and years they name most, by the
    articles that name them (each article once), each with its sentences."""
    naming: dict[str, set[str]] = defaultdict(set)
    said: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        for period in s.periods:
            if first.year <= int(period[:4]) <= last.year:
                naming[period].add(s.article)
                said[period].append(s)
    best = sorted(naming, key=lambda p: (-len(naming[p]), -len(p), p))[:count]
    rows = []
    for rank, period in enumerate(best, ranked + 1):
        for sentence, score in choose_sentences(
            said[period], -1, per_date, vectors, keywords, taken
        ):
            rows.append(Chosen(period, rank, sentence, score))
    return rows


def _mention_counts(sentences, low: int, high: int) -> list[tuple[int, float]]:
    counts = Counter(day for s in sentences for day in s.days if low <= day <= high)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _candidates(sentences, method: str):
    referring: dict[int, list[Sentence]] = defaultdict(list)
    leads: dict[int, list[Sentence]] = defaultdict(list)
    for s in sentences:
        if method != "pub_count":
            for day in set(s.days):
                referring[day].append(s)
        if s.index < (LEAD_SENTENCES if method == "ours" else 5):
            leads[s.published].append(s)
    return referring, leads


def readable(text: str) -> str:
    """A tokenised sentence written as prose, for a title ("Meek 's" → "Meek's")."""
    for token, plain in _PTB:
        text = text.replace(token, plain)
    return re.sub(r"\s+", " ", text).strip()


def title_of(text: str, words: int = 14) -> str:
    said = readable(text).split()
    return " ".join(said[:words]).rstrip(",;:") + ("…" if len(said) > words else "")
