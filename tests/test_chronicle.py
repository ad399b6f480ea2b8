"""Chronicles from many articles: the day ranking, the sentence choice, and the whole command
on a 2-worker Dask LocalCluster, writing an events file whose quotes are checked."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.chronicle import Sentence, chronicle, rank_days, readable, standalone
from timeline.corpus import read_corpus, sentence_spans, text_rows

D = date(2011, 5, 14).toordinal()  # the day the story turns on
KEY = ["Strauss-Kahn"]


def said(article: str, published: int, text: str, days=(), index: int = 0) -> Sentence:
    return Sentence(article, published, index, text, tuple(days))


@pytest.mark.parametrize(
    "sentences, best",
    [
        # two articles name D; one names D+10
        ([said("a", D + 1, "x", [D]), said("b", D + 2, "x", [D]),
          said("c", D + 11, "x", [D + 10])], D),
        # the same article naming a day many times counts once
        ([said("a", D, "x", [D + 30]) for _ in range(5)] + [said("b", D + 1, "x", [D]),
          said("c", D + 1, "x", [D])], D),
        # a burst of articles published on a day marks it without naming it
        ([said(n, D + 40, "x") for n in "abcdef"] + [said("g", D + 1, "x", [D])], D + 40),
    ],
)  # fmt: skip
def test_the_best_day_is_the_one_most_articles_report(sentences, best):
    assert rank_days(sentences, D - 100, D + 100)[0][0] == best


def test_a_day_next_to_a_chosen_day_gives_way_and_so_does_a_day_without_a_sentence():
    text = "Strauss-Kahn was arrested at the airport on Saturday after the complaint ."
    sentences = [said(n, D + 1, text, [D], 1) for n in "abc"]  # D: three articles
    sentences += [said(n, D + 2, text + " Again", [D + 1], 1) for n in "de"]  # next to D
    sentences += [said("f", D + 3, "Too short .", [D + 3], 1)]  # nothing to quote
    sentences += [said("g", D + 6, "Strauss-Kahn appeared in court in Manhattan on Monday .",
                       [D + 5], 1)]  # fmt: skip
    chosen = chronicle(sentences, 2, 1, date.fromordinal(D - 9), date.fromordinal(D + 9), KEY)
    assert [row.day for row in chosen] == [date.fromordinal(D), date.fromordinal(D + 5)]


@pytest.mark.parametrize(
    "text, keywords, kept",
    [
        ("Strauss-Kahn was arrested at the airport on Saturday after the complaint .", KEY, True),
        ("He was arrested at the airport on Saturday after the complaint .", KEY, False),
        ("Was Strauss-Kahn arrested at the airport on Saturday after all ?", KEY, False),
        ("NEW YORK -LRB- AP -RRB- -- Strauss-Kahn was arrested at the airport .", KEY, False),
        ("Strauss-Kahn arrested .", [], False),
    ],
)  # fmt: skip
def test_a_chosen_sentence_stands_alone(text, keywords, kept):
    assert standalone(text, keywords) is kept


def test_tokenised_text_reads_as_prose_in_titles():
    assert readable("Meek 's lawyer -LRB- who was n't there -RRB- said `` no '' .") == (
        "Meek's lawyer (who wasn't there) said \"no\"."
    )


@pytest.mark.parametrize(
    "text, count",
    [
        ("One sentence here .\nAnother one there .\nA third .\n", 3),  # one a line
        ("A paragraph. It has two sentences.\nAnd another. With two.\n", 4),
    ],
)
def test_sentences_are_lines_only_when_the_article_is_one_sentence_a_line(text, count):
    assert len(sentence_spans(text)) == count


def test_a_sentence_row_keeps_its_date_whole():
    text = "The city acted on Aug. 14, 2023, officials said. Work began on Sept. 3, 2023."
    rows = text_rows("a", text, date(2024, 1, 5))
    assert [(row["text"], row["days"]) for row in rows] == [
        ("The city acted on Aug. 14, 2023, officials said.", [date(2023, 8, 14).toordinal()]),
        ("Work began on Sept. 3, 2023.", [date(2023, 9, 3).toordinal()]),
    ]


ARTICLES = {
    "a1": ("2011-05-15",
           "Strauss-Kahn was arrested in New York on May 14 , 2011 , police said .\n"
           "The arrest shocked officials in Paris and at the fund in Washington .\n"),
    "a2": ("2011-05-16",
           "Police said Strauss-Kahn was arrested on May 14 , 2011 , at the airport .\n"
           "Strauss-Kahn appeared in court on Monday , May 16 , 2011 , in Manhattan .\n"),
    "a3": ("2011-05-19",
           "Strauss-Kahn resigned from the fund on May 18 , 2011 , his office said .\n"
           "He had been arrested on May 14 , 2011 , at John F. Kennedy airport .\n"),
    "a4": ("2011-07-02",
           "Strauss-Kahn was freed from house arrest on July 1 , 2011 , by a judge .\n"),
}  # fmt: skip


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "texts").mkdir()
    rows = ["id,path,published"]
    for name, (published, text) in ARTICLES.items():
        (tmp_path / "texts" / f"{name}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{name},texts/{name}.txt,{published}")
    (tmp_path / "corpus.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path / "corpus.csv"


def test_a_corpus_file_names_a_bad_row(tmp_path):
    from timeline.errors import FileProblemsError

    path = tmp_path / "corpus.csv"
    path.write_text("id,path,published\na,a.txt,2011-05-14\nb,b.txt,soon\n", encoding="utf-8")
    with pytest.raises(FileProblemsError, match=r"line 3, column published.*'soon'"):
        read_corpus(path)


@pytest.mark.realtime
def test_a_chronicle_on_a_two_worker_cluster_writes_checked_events(corpus, tmp_path):
    from dask.distributed import LocalCluster

    from timeline.chronicle_run import write_chronicle
    from timeline.engine import read_table

    out = tmp_path / "chronicle" / "events.csv"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:  # fmt: skip
        assert len(cluster.workers) == 2
        span = (date(2011, 5, 1), date(2011, 7, 31))
        written = write_chronicle(corpus, out, 3, 1, *span, KEY, cluster.scheduler_address)
    assert written == 3
    table = read_table(out)
    assert table.problems == ()  # every quote found verbatim in its stored article
    events = table.events(table.frame)  # file order is rank order
    assert [e.date.edtf for e in events][0] == "2011-05-14"  # named by three articles
    assert {e.date.edtf for e in events} <= {"2011-05-14", "2011-05-16", "2011-05-18", "2011-07-01"}
    assert all("Strauss-Kahn" in e.quote for e in events)
    assert set(table.sources) <= set(ARTICLES) and all(e.source in ARTICLES for e in events)


def test_the_chronicle_command_refuses_an_existing_file(corpus, tmp_path):
    from click.testing import CliRunner

    from timeline.cli import main

    out = tmp_path / "taken.csv"
    out.write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["chronicle", str(corpus), "--dates", "2", "-o", str(out)])
    assert result.exit_code == 1 and "exists" in result.output


def test_rank_order_and_baselines_differ_on_a_burst():
    sentences = [said(n, D + 40, "Strauss-Kahn spoke to reporters at length about the case today .")
                 for n in "abcdef"]  # fmt: skip
    sentences += [
        said("g", D + 1, "Strauss-Kahn was arrested at the airport on Saturday night .", [D])
    ]
    first, last = date.fromordinal(D - 10), date.fromordinal(D + 50)
    ours = chronicle(sentences, 1, 1, first, last, ["Strauss-Kahn"])
    datewise = chronicle(sentences, 1, 1, first, last, ["Strauss-Kahn"], "datewise")
    assert ours[0].day == date.fromordinal(D + 40)  # six articles in a day
    assert datewise[0].day == date.fromordinal(D)  # the only day a sentence names


@pytest.mark.realtime
@pytest.mark.parametrize("given", ["sources file", "folder"])
def test_extract_reads_many_articles_on_dask_in_their_order(corpus, given):
    import json

    from click.testing import CliRunner

    from timeline.cli import main

    place = corpus if given == "sources file" else corpus.parent / "texts"
    extra = [] if given == "sources file" else ["--published", "2011-07-02"]
    result = CliRunner().invoke(main, ["extract", str(place), *extra])
    assert result.exit_code == 0, result.output
    proposals = [json.loads(line) for line in result.output.splitlines()]
    assert [p["article"] for p in proposals] == sorted(p["article"] for p in proposals)
    assert {p["article"] for p in proposals} == set(ARTICLES)
    texts = {name: text for name, (_, text) in ARTICLES.items()}
    assert all(p["quote"] in texts[p["article"]] for p in proposals)
    assert "2011-05-14" in {p["date"] for p in proposals if p["article"] == "a1"}


def test_progress_is_quiet_when_the_output_is_not_a_terminal(tmp_path):
    from click.testing import CliRunner

    from timeline.cli import main

    result = CliRunner().invoke(main, ["generate", "--n", "20000", "-o", str(tmp_path / "g.csv")])
    assert result.exit_code == 0
    assert result.output == f"{tmp_path / 'g.csv'}: 20000 events (seed 0)\n"  # no bar, no counts
