"""Read TimeML documents and score a tagger against their TIMEX3s as TempEval-3 does.

Relaxed match: system and gold spans overlap, paired one to one. Strict match: identical
spans. Attribute scores (type, value) count correct attributes over relaxed pairs:
F1 = 2 * correct / (system spans + gold spans).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.errors import FileProblemsError, Problem
from timeline.temporal.tagger import Timex


@dataclass(frozen=True)
class Document:
    """A TimeML document: its name, creation date, plain text and gold expressions."""

    name: str
    dct: date | None
    text: str
    gold: tuple[Timex, ...]


def read_timeml(path: str | Path) -> Document:
    """The ``<TEXT>`` of a .tml file as plain text, with its TIMEX3s as offsets into it."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        problem = Problem(str(path), 0, "", "", f"not readable TimeML: {error}")
        raise FileProblemsError([problem]) from None
    body = root.find("TEXT")
    if body is None:
        raise FileProblemsError([Problem(str(path), 0, "", "", "no <TEXT> element")])
    pieces: list[str] = []
    gold: list[Timex] = []
    _walk(body, pieces, gold, is_root=True)
    return Document(path.stem, _creation_date(root), "".join(pieces), tuple(gold))


def _walk(element: ET.Element, pieces: list[str], gold: list[Timex], is_root: bool = False) -> None:
    start = sum(map(len, pieces))
    if element.text:
        pieces.append(element.text)
    for child in element:
        _walk(child, pieces, gold)
        if child.tail:
            pieces.append(child.tail)
    if element.tag == "TIMEX3" and not is_root:
        text = "".join(pieces)[start:]
        gold.append(
            Timex(start, start + len(text), text, element.get("type", ""), element.get("value", ""))
        )


def _creation_date(root: ET.Element) -> date | None:
    timex = root.find("DCT/TIMEX3")
    value = (timex.get("value") if timex is not None else None) or ""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeml_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every .tml file in the given files and folders, sorted."""
    found: list[Path] = []
    for path in map(Path, paths):
        found.extend(sorted(path.rglob("*.tml")) if path.is_dir() else [path])
    return found


@dataclass
class Miss:
    """A disagreement with the gold standard, for ``--errors``."""

    document: str
    kind: str  # missed, spurious, span, type, value
    gold: Timex | None
    system: Timex | None


@dataclass
class Score:
    """Counts for TempEval-3 span and attribute scores, added up over documents."""

    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_correct: int = 0
    value_correct: int = 0
    misses: list[Miss] = field(default_factory=list)

    def add(self, name: str, gold: Iterable[Timex], system: Iterable[Timex]) -> None:
        gold, system = list(gold), list(system)
        self.gold += len(gold)
        self.system += len(system)
        pairs = pair_by_overlap(gold, system)
        paired_gold = {id(g) for g, _ in pairs}
        paired_system = {id(s) for _, s in pairs}
        for g, s in pairs:
            self.relaxed += 1
            self.strict += (g.start, g.end) == (s.start, s.end)
            self.type_correct += g.type == s.type
            self.value_correct += g.value == s.value
            for kind, wrong in (
                ("span", (g.start, g.end) != (s.start, s.end)),
                ("type", g.type != s.type),
                ("value", g.value != s.value),
            ):
                if wrong:
                    self.misses.append(Miss(name, kind, g, s))
        self.misses += [Miss(name, "missed", g, None) for g in gold if id(g) not in paired_gold]
        self.misses += [
            Miss(name, "spurious", None, s) for s in system if id(s) not in paired_system
        ]

    def kinds(self) -> dict[str, int]:
        """How many misses of each kind, value misses told apart by what went wrong: the
        wrong year (the rest agrees), a coarser or finer value, or anything else."""
        counts: dict[str, int] = {}
        for miss in self.misses:
            kind = miss.kind
            if kind == "value" and miss.gold is not None and miss.system is not None:
                kind = f"value: {value_difference(miss.gold.value, miss.system.value)}"
            counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def f1(self, correct: int) -> float:
        return 200 * correct / (self.gold + self.system) if self.gold + self.system else 0.0

    def table(self) -> dict[str, float]:
        """Precision, recall and F1 (percent) for spans; F1 for type and value."""

        def pr(correct: int) -> tuple[float, float]:
            p = 100 * correct / self.system if self.system else 0.0
            r = 100 * correct / self.gold if self.gold else 0.0
            return p, r

        rp, rr = pr(self.relaxed)
        sp, sr = pr(self.strict)
        return {
            "relaxed_precision": rp,
            "relaxed_recall": rr,
            "relaxed_f1": self.f1(self.relaxed),
            "strict_precision": sp,
            "strict_recall": sr,
            "strict_f1": self.f1(self.strict),
            "type_f1": self.f1(self.type_correct),
            "value_f1": self.f1(self.value_correct),
        }


def value_difference(gold: str, system: str) -> str:
    """What differs between two values: the same value in another notation ("2000-W6" for
    "2000-W06", "199X" for the decade "199"), "wrong year", "coarser or finer", or "other".
    The value F1 still counts only the same string as right, as TempEval-3 scores it."""
    if _plain_notation(gold) == _plain_notation(system):
        return "same, other notation"
    if _YEAR.match(gold) and _YEAR.match(system) and gold[4:] == system[4:]:
        return "wrong year"
    if gold.startswith(system) or system.startswith(gold):
        return "coarser or finer"
    return "other"


_YEAR = re.compile(r"\d{4}")  # a value that starts with its year
_SHORT_WEEK = re.compile(r"-W(\d)(?!\d)")  # "2000-W6"
_UNKNOWN_TAIL = re.compile(r"^(\d{2,3})X+$")  # "199X", a decade; "19XX", a century


def _plain_notation(value: str) -> str:
    """A value with a week's leading zero written and a decade's or century's unknown
    digits left out, as this tagger writes them."""
    return _UNKNOWN_TAIL.sub(r"\1", _SHORT_WEEK.sub(r"-W0\1", value))


def pair_by_overlap(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping spans, the largest overlap first."""
    options = [
        (min(g.end, s.end) - max(g.start, s.start), gi, si)
        for gi, g in enumerate(gold)
        for si, s in enumerate(system)
        if g.start < s.end and s.start < g.end
    ]
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for _, gi, si in sorted(options, key=lambda o: (-o[0], o[1], o[2])):
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def evaluate(
    documents: Iterable[Document], tag: Callable[[str, date | None], list[Timex]]
) -> Score:
    """Tag every document with its own creation date and score it against its gold
    (``tag`` may close over other settings, such as the anchoring)."""
    score = Score()
    for document in documents:
        score.add(document.name, document.gold, tag(document.text, document.dct))
    return score
