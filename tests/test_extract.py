"""Text -> proposed events: clauses, statements, ranges, the source article."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import ARTICLE, ROOT

from timeline.engine import load_chronology
from timeline.extract import (
    LONG_SENTENCE,
    TITLE_CHARS,
    _ending_at,
    _holds_more,
    extract,
    extraction_words,
    sentences,
)

DCT = date(2025, 7, 10)


def dated(text, published=DCT):
    return [(p.event.date.edtf, p.event.title) for p in extract(text, published)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The plant was sold in 2019 and closed two years later.",
     [("2019", "The plant was sold"), ("2021", "Closed")]),
    ("The minister said on Tuesday that the plant would reopen in 2030.",
     [("2025-07-08", "The minister said"), ("2030", "The plant would reopen")]),
    ("New figures showed on Tuesday that output grew in May.",
     [("2025-07-08", "New figures showed"), ("2025-05", "Output grew")]),
    ("Between March and September 2025, trade grew.", [("2025-03/2025-09", "Trade grew")]),
    ("Purchases for January – June 2025 rose.", [("2025-01/2025-06", "Purchases rose")]),
    # the preposition of a date goes with it; a date in the possessive names a noun, whose
    # preposition stays
    ("A hearing is set for May 3, 2026.", [("2026-05-03", "A hearing is set")]),
    ("In 1852 her health failed, and she died that November.",
     [("1852", "Her health failed"), ("1852-11", "She died")]),
    ("Ada King (née Byron; 10 December 1815 – 27 November 1852) was a mathematician.",
     [("1815-12-10/1852-11-27", "Ada King (née Byron) was a mathematician")]),
    ("The vote was pushed back to Oct. 9, 2025.", [("2025-10-09", "The vote was pushed back")]),
    ("Palestinians pushed for Monday's talks to resume.",
     [("2025-07-07", "Palestinians pushed for talks to resume")]),
    ("Security was tight at Monday's hearing.", [("2025-07-07", "Security was tight at hearing")]),
    # ... and one that holds the next date of its clause dates no clause of its own
    ("This year's ceremony takes place on Tuesday at the memorial garden.",
     [("2025-07-15", "Ceremony takes place at the memorial garden")]),
    # ... and so does a date that names a noun after "the", "its"...: "the 2024-25 season"
    ("The 2024-25 season kicks off on Friday 16 August.",
     [("2024-08-16", "The season kicks off")]),
    ("The summer transfer window opens on 14 June.", [("2025-06-14", "Transfer window opens")]),
    ("It could be the middle of next week before a vote is held on 17 July.",
     [("2025-07-14/2025-07-20", "It could be before a vote is held"),
      ("2025-07-17", "It could be before a vote is held")]),
    # ... and so does the date of a dated list's entry ("2004 – ...")
    ("2004 – Listed on Nasdaq in August.", [("2004-08", "Listed on Nasdaq")]),
    ("2009: Opened an office in Dublin in March.", [("2009-03", "Opened an office in Dublin")]),
    ("2004 – Listed on Nasdaq; in 2006 it moved.",
     [("2004", "Listed on Nasdaq"), ("2006", "It moved")]),
    ("The 2014 winter games were held in Sochi.", [("2014-24", "Games were held in Sochi")]),
    # ... nor a year that names a noun and lies after the date of its clause
    ("The 2030 Agenda was adopted in September 2015.", [("2015-09", "The Agenda was adopted")]),
    ("Saudi Arabia's Vision 2030 plan was launched in April 2016.",
     [("2016-04", "Saudi Arabia's Vision plan was launched")]),
    ("Emissions fell 3% in 2023 compared with 2022.", [("2023", "Emissions fell 3%")]),
    ("He may succeed Mbeki at the 2030 presidential election, after a vote in May.",
     [("2030", "He may succeed Mbeki at the presidential election, after a vote"),
      ("2025-05", "He may succeed Mbeki at the presidential election, after a vote")]),
    ("The 1991 treaty expired on 5 December.",
     [("1991", "The treaty expired"), ("2024-12-05", "The treaty expired")]),
    ("Monday's attack killed five people, police said on Wednesday.",
     [("2025-07-07", "Attack killed five people"), ("2025-07-09", "Police said")]),
    ("Growth has continued since 2010.", [("2010/..", "Growth has continued")]),
    ("2024 onwards: profitability targeted by end-2025.",
     [("2024/..", "Profitability targeted"), ("2025", "Profitability targeted")]),
    # ... but one after a superlative and "since" is only compared with
    ("Inflation fell to 1.7% in May, its lowest since April 2021, data showed on Wednesday.",
     [("2025-05", "Inflation fell to 1.7%, its lowest"), ("2025-07-09", "Data showed")]),
    ("Revenue was $1.2 billion in June, up 8% from a year earlier.",
     [("2025-06", "Revenue was $1.2 billion, up 8%")]),
    ("Net debt was £1.2bn on 31 March, down from £1.5bn a year earlier.",
     [("2025-03-31", "Net debt was £1.2bn, down from £1.5bn")]),
    ("Compared with the same month last year, spending rose 3%.", []),
    ("Shares rose from 120p in May.", [("2025-05", "Shares rose from 120p")]),
    ("Turnout was 58.9% on Saturday, up from 56.1% in 2020.",
     [("2025-07-05", "Turnout was 58.9%, up from 56.1%")]),
    ("Inflation eased to 2.3% in April from 3.2% in March.",
     [("2025-04", "Inflation eased to 2.3% from 3.2%")]),
    ("Shares fell 5% on Monday, down 3 percent on last year.",
     [("2025-07-07", "Shares fell 5%, down 3 percent")]),
    # a year and the next, after a slash: both ("the 2025/26 financial year")
    ("Revenue for FY2024/25 rose 12%.", [("2024/2025", "Revenue rose 12%")]),
    ("Income grew by 23% from 2002 to 2010.", [("2002/2010", "Income grew by 23%")]),
    ("It was the biggest protest since 2011.", []),
    ("It was City's first league win over Arsenal since 2021.", []),
    ("Prices rose for the first time since 2019 in June.",
     [("2025-06", "Prices rose for the first time")]),
    ("He has been under arrest since May.", [("2025-05/..", "He has been under arrest")]),
    # an aside after a comma and "who" or "which" ends at its comma
    ("Smith, who served as mayor from 2011, was arrested in October 2020 after an audit.",
     [("2011", "Smith, who served as mayor"), ("2020-10", "Smith was arrested after an audit")]),
    ("Margaret Ellis, who has died aged 91, was born in Leeds on 3 March 1933.",
     [("1933-03-03", "Margaret Ellis was born in Leeds")]),
    ("He met Smith, who was mayor, in 2011.", [("2011", "He met Smith, who was mayor")]),
    ("Putin, who took over from Yeltsin in 2000, was obliged to step down.",
     [("2000", "Putin, who took over from Yeltsin, was obliged to step down")]),
    ("Exports, which fell from 39,000 in 2010 to 19,000 in 2013, recovered.",
     [("2010", "Exports, which fell from 39,000 to 19,000"), ("2013", "Recovered")]),
    # a clause opened by "that" and its verb after a break is led by the noun before "that"
    ("Ofcom said it would publish guidance in 2026, after a consultation that closes on 14"
     " February.",
     [("2026", "Ofcom said it would publish guidance, after a consultation"),
      ("2026-02-14", "A consultation closes")]),
    ("In May he warned a party conference that were support to fall in 2026 it would split.",
     [("2025-05", "He warned a party conference"),
      ("2026", "Were support to fall it would split")]),
    ("He told the court on Monday that he was innocent on 3 May.",
     [("2025-07-07", "He told the court"), ("2025-05-03", "He was innocent")]),
    # a clause of a comma, a few words and a verb of reporting before a date reports the
    # clause before it
    ("Prices rose in May, official data showed on Wednesday, and fell in June.",
     [("2025-05", "Prices rose"), ("2025-07-09", "Official data showed"), ("2025-06", "Fell")]),
    # "until" with no date before it: a span begun before, open at its start; not after a
    # negation ("then"), nor a date in the possessive ("through" as "by way of")
    ("The House is on recess until Feb. 28.", [("../2026-02-28", "The House is on recess")]),
    ("He didn't speak until 2019.", [("2019", "He didn't speak")]),
    ("The bill would probably get through tomorrow.",
     [("2025-07-11", "The bill would probably get through")]),
    # one date written twice in a clause is one proposal
    ("The order reached the forces at six o'clock (0600 GMT) this morning.",
     [("2025-07-10T06:00:00", "The order reached the forces")]),
    # ... and so is a date in brackets right after another: the same moment told again
    ("Show 8pm-11pm, Sat 12 Jul.", [("2025-07-12T20:00:00/2025-07-12T23:00:00", "Show")]),
    ("The quake struck at 14:05 local time (12:05 GMT) on Monday.",
     [("2025-07-07T14:05:00", "The quake struck")]),
    ("At 14:05 local time (12:05 GMT) the first tremor struck.",
     [("2025-07-10T14:05:00", "The first tremor struck")]),
    ("The vote is due at 7 am local time (6 am EDT/11am BST/8pm AEST).",
     [("2025-07-10T07:00:00", "The vote is due")]),
    ("(She isn't with us tonight, but her voice is.)",
     [("2025-07-10", "(She isn't with us, but her voice is.)")]),
    # a note in brackets is no title of its own
    ("It is payable on 30 May 2026 to holders on the register on 25 April 2026 (the record"
     " date).",
     [("2026-05-30", "It is payable to holders on the register (the record date)"),
      ("2026-04-25", "It is payable to holders on the register (the record date)")]),
    # "on or around": both words go with the date
    ("Results will be announced on or around 4 September.",
     [("2025-09-04~", "Results will be announced")]),
    ("The deal closed on or about March 3.", [("2025-03-03~", "The deal closed")]),
    # ... and so do the words that modify a date
    ("The launch slipped twice, most recently in January.",
     [("2025-01", "The launch slipped twice")]),
    ("Prices were higher as recently as 2019.", [("2019", "Prices were higher")]),
    ("He arrived just last week.", [("2025-06-30/2025-07-06", "He arrived")]),
    # a date that ends a period named by a noun dates no clause that holds another date
    ("Results for the six months to 30 June 2025 will be announced on 4 September.",
     [("2025-09-04", "Results for the six months will be announced")]),
    ("Profit rose 5% in the year ended 31 March, it said on Tuesday.",
     [("2025-03-31", "Profit rose 5% in the year ended"), ("2025-07-08", "It said")]),
    # ... "on or before" a date is up to it, "on or after" from it
    ("Results will be announced on or before 4 September.",
     [("../2025-09-04", "Results will be announced")]),
    ("The offer opens on or after 4 September.",
     [("2025-09-04/..", "The offer opens")]),
    # ... and a span from a date to the same date is that date
    ("Rain is due in July, with storms through the middle of the month.",
     [("2025-07", "Rain is due, with storms")]),
    # ... nor does one after a break of clause pair with a date before the break
    ("The strike runs from Saturday to Monday, and a ban will follow until 20 July.",
     [("2025-07-12/2025-07-14", "The strike runs"),
      ("../2025-07-20", "A ban will follow")]),
    ("He argued that only through today's unity government can it work.",
     [("2025-07-10", "He argued that only through unity government can it work")]),
    # a date said to be approximate is approximate (EDTF ~), and "c." ends no sentence
    ("The bridge was built c. 2024.", [("2024~", "The bridge was built")]),
    ("The fort was built circa 1900 and burned around May 1950.",
     [("1900~", "The fort was built"), ("1950-05~", "Burned")]),
    ("The ship sank around 7:15 p.m. on 2 June 1998.",
     [("1998-06-02T19:15:00", "The ship sank")]),  # a clock time is never qualified
    ("The town was held from c. 1850 to 1870.", [("1850~/1870", "The town was held")]),
    ("They talked about 2024.", [("2024", "They talked about")]),  # a subject, not a guess
    # a range that writes its second year or day short is the whole range
    ("The war of 1919-21 ended at Riga.", [("1919/1921", "The war ended at Riga")]),
    ("Celaya was fought on April 6-7, 1915.", [("1915-04-06/1915-04-07", "Celaya was fought")]),
    ("In 2024 talks were suspended until 2028.",
     [("2024", "Talks were suspended"), ("2024/2028", "Talks were suspended")]),
    ("Trade rose in the first half of 2025, 7% more than in the same period of 2024.",
     [("2025-40", "Trade rose, 7%")]),
    # the commas that set off a date go with it from the title
    ("The museum, from 2019 to 2021, was closed.", [("2019/2021", "The museum was closed")]),
    ("Nothing happened here.", []),
    ("Sales are up now and will grow in the future.", []),  # no datable expression
    # a clause with no word besides its dates is no event
    ("2020 2020 2020", []),
    ("2020-2021-2022-2023", []),
    ("1/2/2020/1/2/2020/1/2/2020", []),
    ("May 2\nMay 3\nMay 4", []),
    ('"2020" "2021"', []),
    ("In 2019, 2020 and 2021.", []),
    # a date listed after another ("and", a comma) dates the same clause: each is an event
    ("He defeated Antony in 31 BC and in 27 BC the Senate gave him the title Augustus.",
     [("-0030", "He defeated Antony"), ("-0026", "The Senate gave him the title Augustus")]),
    ("The consultation closed on 31 March; we received 1,200 responses.",
     [("2025-03-31", "The consultation closed")]),
    ("The plant was sold in 2019, 2020.",
     [("2019", "The plant was sold"), ("2020", "The plant was sold")]),
    ("The storm made landfall late Tuesday or early Wednesday near Corpus Christi.",
     [("2025-07-08", "The storm made landfall near Corpus Christi"),
      ("2025-07-09", "The storm made landfall near Corpus Christi")]),
    # a clause that ends where the next one's date begins leaves its preposition too, and a
    # clause of nothing but dates and prepositions joins the one before
    ("Iranians voted in polls delayed since 2009 on Friday.",
     [("2009/..", "Iranians voted in polls delayed"),
      ("2025-07-04", "Iranians voted in polls delayed")]),
    ("He will report on the quarter ending in July on Aug. 28.",
     [("2025-34", "He will report ending"), ("2025-08-28", "He will report ending")]),
    # a line that stamps the page is no event; a sentence that opens with such a word is
    ("By JANE DOE | Updated 3:45 PM EST, Tue March 5, 2024\nPosted on 2024-03-05 in Local "
     "News\nPublished: 12:01 AM ET, Fri February 9, 2024", []),
    ("EMBARGOED UNTIL 00:01 BST TUESDAY 4 MARCH 2025", []),
    ("From: Jane Doe\nSent: Tuesday, March 5, 2024 10:14 AM\nSubject: Board", []),
    # a date something was moved from is no event, nor the start of a span
    ("The board meeting has moved from Thursday to Friday 18 July at 2.30pm.",
     [("2025-07-18T14:30:00", "The board meeting has moved")]),
    ("The vote was postponed from 3 March to 10 March.",
     [("2025-03-10", "The vote was postponed")]),
    # a year that cites a work is no event, and its bracket leaves the title
    ("Earlier work found no effect (Smith, 2019; Jones et al., 2021).", []),
    ("As Lee et al. (2020) showed in 2022, it works.",
     [("2022", "As Lee et al. showed, it works")]),
    ("A meta-analysis (Garcia 2023, p. 14) confirmed it in May 2024.",
     [("2024-05", "A meta-analysis confirmed it")]),
    ("It mattered after the Iraq war (2003).", [("2003", "It mattered after the Iraq war")]),
    ("It was warm (June, 2001).", [("2001-06", "It was warm")]),
    ("Published on 5 March 2024, the report found flaws.",
     [("2024-03-05", "Published, the report found flaws")]),
    # the brackets a date leaves empty go with it
    ("Marie Curie (7 November 1867 – 4 July 1934) was a physicist.",
     [("1867-11-07/1934-07-04", "Marie Curie was a physicist")]),
    ("Hearings were held on 14 and 15 November 2023.",
     [("2023-11-14", "Hearings were held"), ("2023-11-15", "Hearings were held")]),
    ("Talks were held on 14 November and on 15 December 2023.",
     [("2023-11-14", "Talks were held"), ("2023-12-15", "Talks were held")]),
    ("Strikes hit the port in 2019, 2021, and 2023; talks failed in May 2024.",
     [("2019", "Strikes hit the port"), ("2021", "Strikes hit the port"),
      ("2023", "Strikes hit the port"), ("2024-05", "Talks failed")]),
    ("Elections were held on 3 and 10 March 2024, and results came in April.",
     [("2024-03-03", "Elections were held"), ("2024-03-10", "Elections were held"),
      ("2024-04", "Results came")]),
    ("Mugabe stole the elections from him in 2002 and again in 2008.",
     [("2002", "Mugabe stole the elections from him"),
      ("2008", "Mugabe stole the elections from him")]),
    ("The tower was hit on 3 May, and again on 9 May 1944.",
     [("1944-05-03", "The tower was hit"), ("1944-05-09", "The tower was hit")]),
    ("In 2019, the plant closed, and in 2021 it reopened.",
     [("2019", "The plant closed"), ("2021", "It reopened")]),
    ("On Friday, 14 March 2025, talks ended.", [("2025-03-14", "Talks ended")]),
    # a date with no word of its own after it, and no break before it, dates the clause
    # before it too
    ("Northgate, founded in 1887 as a bakery, listed its shares in 1998.",
     [("1887", "Northgate, founded as a bakery, listed its shares"),
      ("1998", "Northgate, founded as a bakery, listed its shares")]),
    ("Output rose in August after flat readings in June and July.",
     [("2025-08", "Output rose after flat readings"),
      ("2025-06", "Output rose after flat readings"),
      ("2025-07", "Output rose after flat readings")]),
    # ... not one that holds the other, a possessive, nor one after ", and" that opens a
    # clause of its own
    ("He has this morning, 10 July 2025, been discharged.",
     [("2025-07-10", "He has"), ("2025-07-10", "Been discharged")]),
    ("The team was due in May and today's spokesman said no.",
     [("2025-05", "The team was due"), ("2025-07-10", "Spokesman said no")]),
    ("He launched an inquiry in April, and last month the court ruled.",
     [("2025-04", "He launched an inquiry"), ("2025-06", "The court ruled")]),
])  # fmt: skip
def test_dated_clauses(text, expected):
    assert dated(text) == expected


def test_quotes_are_whole_sentences_with_offsets():
    text = "Mr. Smith left in 2020. He came back in May 2024.\nA new line in 2023."
    proposals = extract(text, DCT)
    assert [p.event.quote for p in proposals] == [
        "Mr. Smith left in 2020.", "He came back in May 2024.", "A new line in 2023.",
    ]  # fmt: skip
    for proposal in proposals:
        assert text[proposal.char_start : proposal.char_end] == proposal.event.quote


def test_sentences_do_not_split_at_abbreviations_or_initials():
    text = "Gen. J. Smith spoke. The U.S. embassy closed."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Gen. J. Smith spoke.",
        "The U.S. embassy closed.",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence never ends inside a date: "Aug." and "a.m." before the rest of one
    ("The city acted on Aug. 14, 2023, officials said.",
     [("2023-08-14", "The city acted, officials said")]),
    ("Talks ended Jan. 5 and resumed Feb. 9. Then they stopped.",
     [("2025-01-05", "Talks ended"), ("2025-02-09", "Resumed")]),
    ("The vote will be at 9 a.m. Tuesday in the capital.",
     [("2025-07-15T09:00:00", "The vote will be in the capital")]),
    ("Aug. 14, 2023 - The city issues a notice.\nSept. 3: An audit follows.",
     [("2023-08-14", "The city issues a notice"), ("2023-09-03", "An audit follows")]),
    # ... but may end right after one
    ("He left at 10 p.m. Police said so in 2024.",
     [("2025-07-10T22:00:00", "He left"), ("2024", "Police said so")]),
])  # fmt: skip
def test_a_sentence_never_ends_inside_a_date(text, expected):
    assert dated(text) == expected


def test_topics_come_from_the_keyword_file():
    keywords = (("energy", "gas"), ("trade", "export*"))
    (proposal,) = extract("Gas exports rose in 2024.", DCT, keywords=keywords)
    assert proposal.event.topics == ("energy", "trade")


def test_ids_are_unique():
    proposals = extract("It rose in 2024. It rose in 2024.", DCT)
    assert len({p.event.id for p in proposals}) == 2


def test_ids_of_one_title_are_numbered_in_order():
    proposals = extract("It rose in 2024. " * 5, DCT)
    assert [p.event.id for p in proposals] == [
        "2024-it-rose", "2024-it-rose-2", "2024-it-rose-3", "2024-it-rose-4", "2024-it-rose-5",
    ]  # fmt: skip


FILLER = "the committee met again to discuss the plan "
LONG = [
    # clauses of one very long sentence: each quotes its own clause
    "In May 2020 the plant was sold to Acme, " * 40 + "and that was all.",
    # one very long clause: the words around the date, cut at whole words
    FILLER * 20 + "and in 2020 the plant was sold " + FILLER * 20 + ".",
    # words far longer than a quote: none of them is cut into
    "x" * 2000 + " in 2020 the plant closed " + "y" * 2000,
    "In 2019 the plant was sold" + ", " + FILLER * 20 + "and it closed two years later.",
]


@pytest.mark.parametrize("text", LONG, ids=["clauses", "long clause", "long words", "two"])
def test_a_very_long_sentence_is_quoted_only_around_each_date(text):
    proposals = extract(text, DCT)
    assert proposals
    for proposal in proposals:
        quote, start, end = proposal.event.quote, proposal.char_start, proposal.char_end
        assert text[start:end] == quote and len(quote) <= LONG_SENTENCE
        assert all(expression in quote for expression in proposal.expressions)
        assert quote == quote.strip()
        assert start == 0 or not text[start - 1].isalnum()  # whole words only
        assert end == len(text) or not text[end].isalnum()


@pytest.mark.parametrize(("text", "quotes"), [
    # a long sentence of two clauses of normal length: each quotes its clause
    ("In 2019 the plant was sold, " + FILLER * 11 + "and it closed two years later, " + FILLER * 3,
     ["In 2019 the plant was sold, " + (FILLER * 11).strip(),
      "and it closed two years later, " + (FILLER * 3).strip()]),
    ("x" * 2000 + " in 2020 the plant closed " + "y" * 2000, ["in 2020 the plant closed"]),
])  # fmt: skip
def test_long_sentence_quotes(text, quotes):
    assert [p.event.quote for p in extract(text, DCT)] == quotes


def test_a_title_of_very_long_words_is_cut():
    (proposal,) = extract("In 2020 " + "x" * 1000 + " closed.", DCT)
    assert proposal.event.title == "X" * 1 + "x" * (TITLE_CHARS - 1) + "…"


def test_the_source_article_gives_every_explicitly_dated_event_of_events_csv():
    proposals = extract(ARTICLE.read_text(encoding="utf-8"), date(2025, 7, 15))
    found = {(p.event.quote, p.event.date.edtf) for p in proposals}
    events = load_chronology(ROOT / "events.csv").events
    # explicit: both ends known; "A state ..." marks a span the article only implies
    explicit = [
        e for e in events if e.date.start and e.date.end and not e.note.startswith("A state")
    ]
    assert len(explicit) >= 10
    for event in explicit:
        assert (event.quote, event.date.edtf) in found, event.id


def test_oversized_text_is_refused():
    with pytest.raises(ValueError, match="over the 2000000 limit"):
        extract("x" * 2_000_001, DCT)


def test_a_sentence_of_many_events_is_not_quoted_whole_by_each():
    text = "Sales rose in 2020, " + "fell in 2021, rose in 2022, " * 15 + "and so on."
    proposals = extract(text, DCT)
    assert len(text) <= LONG_SENTENCE and len(proposals) == 31
    assert sum(len(p.event.quote) for p in proposals) <= len(text)  # clauses, not the sentence
    for proposal in proposals:
        assert text[proposal.char_start : proposal.char_end] == proposal.event.quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lead names its own day: the dateline is only context
        ("TBILISI, May 1. /TASS/. Georgia and Russia signed a transit deal on Wednesday.",
         [("2025-04-30", "Georgia and Russia signed a transit deal")]),
        # the lead names none: the dateline's day is its date
        ("TBILISI, May 1. /TASS/. Georgia and Russia signed a transit deal. Talks resume in June.",
         [("2025-05-01", "Georgia and Russia signed a transit deal"),
          ("2025-06", "Talks resume")]),
        ("WASHINGTON, Feb 3 (Reuters) - The Senate passed the bill.",
         [("2025-02-03", "The Senate passed the bill")]),
        ("MOSCOW, 12 March — Lavrov met the envoy.", [("2025-03-12", "Lavrov met the envoy")]),
        # a dateline with no day, its region written short (as wire stories do), is no title
        ("SACRAMENTO, Calif. (AP) — Gov. Newsom signed the budget on June 27.",
         [("2025-06-27", "Gov. Newsom signed the budget")]),
        ("NEW YORK (AP) — Shares rose on Monday.", [("2025-04-28", "Shares rose")]),
    ],
)  # fmt: skip
def test_a_dateline_opens_the_lead_sentence_and_dates_it_when_it_names_no_date(text, expected):
    proposals = extract(text, date(2025, 5, 1))
    assert [(p.event.date.edtf, p.event.title) for p in proposals] == expected
    first = proposals[0]
    assert text[first.char_start : first.char_end].startswith(text.split(" ")[0])  # verbatim


@pytest.mark.parametrize(
    ("text", "edtf", "event_id", "label"),
    [
        ("In 490 BC the Persians landed at Marathon.", "-0489",
         "490bc-the-persians-landed-at-marathon", "490 BC"),
        ("Caesar was killed on 15 March 44 BC in Rome.", "-0043-03-15",
         "44bc-03-15-caesar-was-killed-in-rome", "15 March 44 BC"),
        ("The bomb went off at 10:30 on 7 August 1998 in Nairobi.", "1998-08-07T10:30:00",
         "1998-08-07t10-30-00-the-bomb-went-off-in-nairobi", "7 August 1998, 10:30:00"),
    ],
)  # fmt: skip
def test_years_before_christ_and_times_become_edtf(text, edtf, event_id, label):
    (proposal,) = extract(text, date(2025, 5, 1))
    event = proposal.event
    assert (event.date.edtf, event.id, event.date.label) == (edtf, event_id, label)


@pytest.mark.parametrize("kind", ["comparison", "since", "approximate", "until", "range_start"])
def test_a_lead_ends_with_a_phrase_exactly_where_a_search_for_its_end_finds_one(kind):
    """The phrases before a date are matched on the reversed lead; a search for one at the
    end of the lead ("... since", "... since the") is the oracle, the phrase's start too."""
    phrases = extraction_words()[kind]
    alternatives = "|".join(map(re.escape, phrases))
    oracle = re.compile(rf"\b(?:{alternatives})(?: the| in| in the| of)?$")
    forms = ("x {}", "x{}", "{} the", "{} in the", "{} of", "{} x", "{}the", "{} in of", "{}")
    leads = [form.format(phrase) for phrase in phrases for form in forms]
    leads += [f"{a} {b}" for a in phrases for b in phrases]  # "or around", "from c."
    found = [_ending_at(lead, phrases) for lead in leads]
    assert found == [m.start() if (m := oracle.search(lead)) else None for lead in leads]
    assert any(at is not None for at in found) and None in found


@pytest.mark.parametrize(
    ("lead", "phrases", "start"),
    [
        ("held or around", ("around", "or around"), 5),  # the phrase that starts first
        ("held or around", ("or around", "around"), 5),
        ("held around the", ("around",), 5),
        ("held surround", ("around",), None),  # a whole word only
        ("from c.", ("c.",), 5),
    ],
)
def test_where_the_phrase_a_lead_ends_with_starts(lead, phrases, start):
    assert _ending_at(lead, phrases) == start


@pytest.mark.parametrize(
    "text",
    [
        "May 2\nMay 3\nMay 4",
        "2020 2020, 2021; 1999-2000.",
        "In 2019, 2020 and 2021.",
        "TBILISI, May 1. /TASS/. In 2019.",
        "TBILISI, May 1. /TASS/. Talks began.",
        "The plant was sold in 2019, 2020.",
        "May 2 x\nMay 3 é\n2020",
        ARTICLE.read_text(encoding="utf-8"),
    ],
)
def test_a_sentence_of_nothing_but_dates_is_skipped_as_its_clauses_would_be(monkeypatch, text):
    """Skipping it at once proposes what proposing from each of its clauses would."""
    import timeline.extract as module

    fast = [p.as_dict() for p in extract(text, DCT)]
    monkeypatch.setattr(module, "_only_dates", lambda *args: False)
    assert fast == [p.as_dict() for p in extract(text, DCT)]


@pytest.mark.parametrize(("wide", "narrow", "holds"), [
    ("2024", "2024-05", True),
    ("2024-05", "2024", False),
    ("2024", "2024", False),  # the same days: not more
    ("2024-05-03", "2024-05-03T20:00:00", True),  # a time on its one day
    ("2024-21", "2024-04", True),  # spring holds April
    ("2024", "not a date", False),  # a value the proposal refuses is held by none
])  # fmt: skip
def test_a_date_holds_another_and_more(wide, narrow, holds):
    assert _holds_more(wide, narrow) is holds
