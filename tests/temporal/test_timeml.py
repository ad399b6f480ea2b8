"""Reading TimeML and scoring as TempEval-3 does, on small files written here."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.errors import FileProblemsError
from timeline.temporal.tagger import Timex
from timeline.temporal.timeml import (
    Score,
    evaluate,
    pair_by_overlap,
    read_timeml,
    timeml_files,
    value_difference,
)

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
Bombs <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> &amp; for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> since <TIMEX3 tid="t3" type="DATE" value="1997">last year</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def doc_path(tmp_path):
    path = tmp_path / "test1.tml"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_read_timeml_gives_plain_text_and_offsets(doc_path):
    document = read_timeml(doc_path)
    assert document.dct == date(1998, 8, 7)
    assert document.text == "\nBombs exploded Friday & for three days since last year.\n"
    assert [(g.text, g.type, g.value) for g in document.gold] == [
        ("Friday", "DATE", "1998-08-07"), ("three days", "DURATION", "P3D"),
        ("last year", "DATE", "1997"),
    ]  # fmt: skip
    for gold in document.gold:
        assert document.text[gold.start : gold.end] == gold.text


def test_unreadable_timeml_names_the_file(tmp_path):
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(FileProblemsError, match="bad.tml"):
        read_timeml(path)


def timex(start, end, type_="DATE", value="1998"):
    return Timex(start, end, "x" * (end - start), type_, value)


def test_scores_count_relaxed_strict_type_and_value():
    gold = [timex(0, 6, value="1998-08-07"), timex(10, 20, "DURATION", "P3D"), timex(30, 39)]
    system = [
        timex(0, 6, value="1998-08-07"),  # exact, all right
        timex(12, 20, "DATE", "P3D"),  # overlaps: relaxed only, type wrong, value right
        timex(50, 55),  # spurious
    ]
    score = Score()
    score.add("d", gold, system)
    table = score.table()
    assert (score.relaxed, score.strict, score.type_correct, score.value_correct) == (2, 1, 1, 2)
    assert table["relaxed_precision"] == pytest.approx(200 / 3)
    assert table["relaxed_f1"] == pytest.approx(200 * 2 / 6)
    assert table["strict_f1"] == pytest.approx(200 * 1 / 6)
    assert table["type_f1"] == pytest.approx(200 * 1 / 6)
    assert table["value_f1"] == pytest.approx(200 * 2 / 6)
    kinds = sorted(m.kind for m in score.misses)
    assert kinds == ["missed", "span", "spurious", "type"]


def test_pairs_are_one_to_one_largest_overlap_first():
    gold = [timex(0, 10)]
    system = [timex(0, 3), timex(2, 10)]
    assert pair_by_overlap(gold, system) == [(gold[0], system[1])]


def test_evaluate_tags_each_document_with_its_own_date(doc_path, tmp_path):
    seen = []

    def fake_tag(text, dct):
        seen.append(dct)
        return [Timex(7 + 8, 7 + 14, "Friday", "DATE", "1998-08-07")]

    score = evaluate([read_timeml(p) for p in timeml_files([tmp_path])], fake_tag)
    assert seen == [date(1998, 8, 7)]
    assert (score.gold, score.system, score.value_correct) == (3, 1, 1)


@pytest.mark.parametrize(
    ("gold", "system", "kind"),
    [
        ("1941-09", "2009-09", "wrong year"),
        ("1941-09-05", "1941-09", "coarser or finer"),
        ("1941", "1941-09", "coarser or finer"),
        ("P3M", "1941-09", "other"),
        ("BC0490", "0490", "other"),
        # the same value written another way: a week without its leading zero, a decade or
        # a century with its unknown digits written out
        ("2000-W6", "2000-W06", "same, other notation"),
        ("199X", "199", "same, other notation"),
        ("19XX", "19", "same, other notation"),
        ("2000-W16", "2000-W06", "other"),
        ("1990", "199", "coarser or finer"),
    ],
)
def test_value_misses_are_told_apart(gold, system, kind):
    assert value_difference(gold, system) == kind
