"""Temporal expressions and their values, resolved against a pinned document date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import tag

DCT = date(2025, 7, 10)  # a Thursday

CASES = [
    # text, expected (text, type, value) in order
    # absolute dates
    ("It opened on Nov. 15, 1998.", [("Nov. 15, 1998", "DATE", "1998-11-15")]),
    ("in May 2024", [("May 2024", "DATE", "2024-05")]),
    ("in 2023", [("2023", "DATE", "2023")]),
    # "this past" and "this coming" before a month, season, weekday or weekend
    ("It rained this past spring.", [("this past spring", "DATE", "2025-SP")]),
    ("It rained this past weekend.", [("this past weekend", "DATE", "2025-W27-WE")]),
    ("We meet this coming Monday.", [("this coming Monday", "DATE", "2025-07-14")]),
    ("He left this past March.", [("this past March", "DATE", "2025-03")]),
    # "next" before a weekday is that day of the week after the document's (a Thursday),
    # not tomorrow; "last" is the latest before the document date
    ("Yom Kippur begins next Friday.", [("next Friday", "DATE", "2025-07-18")]),
    ("They meet next Monday.", [("next Monday", "DATE", "2025-07-14")]),
    ("They met last Wednesday.", [("last Wednesday", "DATE", "2025-07-09")]),
    # "May" or "March" alone after a word with a capital that does not lead a date is a name
    ("Theresa May was named prime minister.", []),
    ("Prime Minister Theresa May's office said so.", []),
    ("Mrs May spoke, and the Long March ended.", []),
    ("In May the talks resumed.", [("May", "DATE", "2025-05")]),
    ("Talks resumed Since May, and Until March.", [("May", "DATE", "2025-05"),
                                                   ("March", "DATE", "2025-03")]),
    ("Theresa May 2019", [("May 2019", "DATE", "2019-05")]),
    ("Russia's March election was close.", [("March", "DATE", "2025-03")]),
    # ... and a march named for its cause is no month
    ("She led the ``March of the Combatant Mothers'' and a March for the Alternative.", []),
    ("It came in May of Dmitry Medvedev's first year, in the March of 1917 and the March of war.",
     [("May", "DATE", "2025-05"), ("March of 1917", "DATE", "1917-03"),
      ("March", "DATE", "1917-03")]),
    # "May" before a word of wish_after.csv is the verb of a wish, unless a word leads it
    ('He wrote: "May God bless the Christians of China".', []),
    ("May his memory be a blessing.", []),
    ("May all your dreams come true.", []),
    # ... and looks ahead, as "may" does
    ("May the best team win on Tuesday.", [("Tuesday", "DATE", "2025-07-15")]),
    ("He was charged in May this year.", [("May this year", "DATE", "2025-05")]),
    ("In May he resigned.", [("May", "DATE", "2025-05")]),
    ("Does he belong in such august company? In August he left.", [("August", "DATE", "2025-08")]),
    ("The Sunday Times and the Friday Times news magazine said so.", []),
    # a weekday after a word of weekday_name.csv with a capital, or before "newspaper" or
    # "paper", names a club, an event or a kind of paper; a show named for the day it airs
    # still dates what was said on it
    ("Preston came within a point of Sheffield Wednesday.", []),
    ("Lamont was in charge on Black Wednesday.", []),
    ("He sued the Mail on Sunday and wrote in the Independent on Sunday.", []),
    ("A report in the Washington Post on Sunday said so.", [("Sunday", "DATE", "2025-07-06")]),
    ("That was until a Sunday newspaper revealed it.", []),
    ("He sued the Afrikaans Sunday paper Rapport.", []),
    ("He told Fox News Sunday that rates would rise.", [("Sunday", "DATE", "2025-07-06")]),
    ("In Sunday's paper he wrote it.", [("Sunday's", "DATE", "2025-07-06")]),
    ("He said on Tuesday Rouhani would go.", [("Tuesday", "DATE", "2025-07-08")]),
    ("They met for Saturday's World Aids Day.", [("Saturday's", "DATE", "2025-07-05")]),
    ("They sat in the midday sun. Then they wed.", []),
    ("It was shut Sat. and Sun.", [("Sat.", "DATE", "2025-07-05"), ("Sun.", "DATE", "2025-07-06")]),
    # "the next" or "the previous" with a plural unit is a length not known, not one unit on
    ("Spending is cut over the next decades.", [("the next decades", "DURATION", "PXY")]),
    ("It follows the crises of the previous years.", [("the previous years", "DURATION", "PXY")]),
    # units not counted after "for", "within" or "in" are a length not known
    ("It fell within days; the first rain in decades.",
     [("days", "DURATION", "PXD"), ("decades", "DURATION", "PXY")]),
    ("They lived in quarters for days of rest.", []),
    # a word of frequency with a capital next to another is a newspaper
    ("He told the Daily Mail, China Daily and the Weekly Standard.", []),
    # a day word with a capital right after a word is a programme, a paper, a channel
    ("He told BBC Radio 4's Today programme so.", []),
    ("USA Today and Russia Today said it, as did The Tonight Show.", []),
    ("It rained. Today it is dry.", [("Today", "DATE", "2025-07-10")]),
    ("He said: Today we act. WE ACT TODAY", [("Today", "DATE", "2025-07-10"),
                                            ("TODAY", "DATE", "2025-07-10")]),
    # a season with a capital next to another word with a capital is a name
    ("Sochi hosted the Winter Olympics in 2014, said Brian Winter.", [("2014", "DATE", "2014")]),
    ("Operation Summer Rain followed the Arab Spring.", []),
    ("It came after the Arab spring and the Prague spring.", []),  # season_name.csv
    # ... and one with a capital inside a sentence, right before a verb of speaker_verb.csv,
    # a person
    ("Temer must act, Winter argues, and Winter continues: it will be hard.", []),
    ("In Winter they sailed, as Winter said.", [("Winter", "DATE", "2024-WI")]),
    # a "this", "next" or "last" date in title case inside a sentence is a title
    ("Obama spoke on ABC's This Week, on Sunday.", [("Sunday", "DATE", "2025-07-06")]),
    ("Ferrara's film is 4:44 Last Day on Earth.", []),
    # an age is no length of time: "52 years old" as "a 52-year-old"
    ("Mr. Reupke, 52 years old, resigned; he was 37 years of age.", []),
    ("The 31-year - old and her two-month - old son left.", []),  # tokenised text
    # punctuation read in the wrong encoding ("â€™" for "’") hides no date, and the text
    # found is the text's own
    ("They met before Fridayâ€ ™ s summit; â€œ2013â€ � was named.",
     [("Fridayâ€ ™ s", "DATE", "2025-07-04"), ("2013", "DATE", "2013")]),
    # ... nor does a possessive a tokeniser split off
    ("They met before Friday 's attack.", [("Friday 's", "DATE", "2025-07-04")]),
    ("She died on February 3 , 2003 , at his home.",  # a comma split off, too
     [("February 3 , 2003", "DATE", "2003-02-03")]),
    ("It ended in mid - June 2015, begun in late - 2014.",  # tokenised text
     [("mid - June 2015", "DATE", "2015-06"), ("late - 2014", "DATE", "2014")]),
    ("A 10-year plan, a 31-year-old.", [("10-year", "DURATION", "P10Y")]),
    ("A year-on-year rise, a month over month fall; it lasted a year.",  # a comparison
     [("a year", "DURATION", "P1Y")]),
    ("It lasted three years.", [("three years", "DURATION", "P3Y")]),
    # a rate after an amount is a set: so much each year
    ("It pays $1.76 a year, or £20bn a year.",
     [("a year", "SET", "P1Y"), ("a year", "SET", "P1Y")]),
    ("It was a year ago, within a year.",
     [("a year ago", "DATE", "2024"), ("a year", "DURATION", "P1Y")]),
    ("He said: This Week we act. ALSO OUT THIS WEEK",
     [("This Week", "DATE", "2025-W28"), ("THIS WEEK", "DATE", "2025-W28")]),
    ("They braved the severe Manchurian winter.", [("winter", "DATE", "2024-WI")]),
    ("The Summer of Love and the ``Spring of Life'' protests began.", []),
    ("The Autumn Harvest Uprising began. Mr Winter left.", []),
    ("Russia hosted the 2014 Winter Olympics.", [("2014", "DATE", "2014")]),
    ("In Spring they sailed. The war ended in the Autumn of 2007.",
     [("Spring", "DATE", "2025-SP"), ("the Autumn of 2007", "DATE", "2007-FA")]),
    ("Spring is here. Last Summer we met. This Winter is cold. Early Spring 2004 was warm.",
     [("Spring", "DATE", "2025-SP"), ("Last Summer", "DATE", "2024-SU"),
      ("This Winter", "DATE", "2025-WI"), ("Early Spring 2004", "DATE", "2004-SP")]),
    ("He logs on every morning and eats each night; shops close at weekends.",
     [("every morning", "SET", "XXXX-XX-XXTMO"), ("each night", "SET", "XXXX-XX-XXTNI"),
      ("weekends", "SET", "XXXX-WXX-WE")]),
    ("Daily attacks continued; rallies were held weekly.",
     [("Daily", "SET", "P1D"), ("weekly", "SET", "P1W")]),
    ("Annually since 1955 they march; sales rise 8% annually.",
     [("Annually", "SET", "P1Y"), ("1955", "DATE", "1955"), ("annually", "SET", "P1Y")]),
    # a day with its weekday is in a year where it falls on that weekday, near the document's
    ("In 2019 he was elected. The article was amended on Wednesday 9 July.",
     [("2019", "DATE", "2019"), ("Wednesday 9 July", "DATE", "2025-07-09")]),
    # a year that names something lends it to a date in that name, not to one a clause on
    ("The 1991 treaty expired on 5 December, leaving both sides without one.",
     [("1991", "DATE", "1991"), ("5 December", "DATE", "2024-12-05")]),
    ("Russia hosted the 2014 winter games.",
     [("2014", "DATE", "2014"), ("winter", "DATE", "2014-WI")]),
    ("He may quit the 2015 nuclear deal by a congressional deadline of 15 October.",
     [("2015", "DATE", "2015"), ("15 October", "DATE", "2025-10-15")]),  # "may": ahead
    # a weekday with an ordinal day and no month is that day in the nearest month where it
    # falls on that weekday, ahead when the clause looks ahead (the document is a Thursday)
    ("The club night is on Friday 11th.", [("Friday 11th", "DATE", "2025-07-11")]),
    ("The show opens on Wednesday 14th.", [("Wednesday 14th", "DATE", "2026-01-14")]),
    ("They met on Wednesday 14th.", [("Wednesday 14th", "DATE", "2025-05-14")]),
    ("It was Friday the 13th, and on Tuesday 15 people died.",
     [("Friday the 13th", "DATE", "2025-06-13"), ("Tuesday", "DATE", "2025-07-08")]),
    # 29 February without a year is in the leap year nearest the one it would take
    ("The deal was signed on February 29.", [("February 29", "DATE", "2024-02-29")]),
    # a year ahead of the document's lends none to a date in a clause told in the past
    ("Jars dated 2026 were recalled after tests on 28 May found salmonella.",
     [("2026", "DATE", "2026"), ("28 May", "DATE", "2025-05-28")]),
    ("The 2026 games were awarded to Milan in June.",
     [("2026", "DATE", "2026"), ("June", "DATE", "2025-06")]),
    ("In 2026 the plant will open; building starts in March.",
     [("2026", "DATE", "2026"), ("March", "DATE", "2026-03")]),
    # a decade or century lends no year to a month or day after it
    ("The Sixties producer was charged in March.",
     [("The Sixties", "DATE", "196"), ("March", "DATE", "2025-03")]),
    ("He was placed on the register Legendary Sixties producer Phil Spector, fond of guns, was "
     "arrested in March.", [("Sixties", "DATE", "196"), ("March", "DATE", "2025-03")]),
    # a date counted from the document's brings the text back to its present
    ("In 2019 he won. In May this year he resigned. In March he left.",
     [("2019", "DATE", "2019"), ("May this year", "DATE", "2025-05"),
      ("March", "DATE", "2025-03")]),
    ("In 2019 earnings rose. Last month they fell. In March they rose.",
     [("2019", "DATE", "2019"), ("Last month", "DATE", "2025-06"), ("March", "DATE", "2025-03")]),
    # "the last month of" something is its end, not last month
    ("In the last month of World War II in 1945", [("1945", "DATE", "1945")]),
    # a number in a series is no year
    ("UN security council resolution 1701 calls for peacekeepers.", []),
    ("Flight 1549 landed in 2009.", [("2009", "DATE", "2009")]),
    # idioms and common nouns that are no dates
    ("It was called off at the last minute.", []),
    ("He called it an epiphany.", []),
    # a clock time on a day named after it takes that day
    ("The chart was announced at 7 pm on Friday 4 July.",
     [("7 pm on Friday 4 July", "TIME", "2025-07-04T19:00")]),
    ("He spoke at 9 a.m. on Tuesday.", [("9 a.m. on Tuesday", "TIME", "2025-07-08T09:00")]),
    ("Polls close at 8 pm on June 3.", [("8 pm on June 3", "TIME", "2025-06-03T20:00")]),
    ("At 2.28pm last Monday, he was in his field.",
     [("2.28pm last Monday", "TIME", "2025-07-07T14:28")]),
    ("They meet at 9 am next Tuesday.", [("9 am next Tuesday", "TIME", "2025-07-15T09:00")]),
    # a weekday "would" look ahead to counts from the day it was said on, before the
    # document's; "will" counts from the document date
    ("On Monday, officials said he would resign on Tuesday.",
     [("Monday", "DATE", "2025-07-07"), ("Tuesday", "DATE", "2025-07-08")]),
    ("On Monday, officials said he will resign on Tuesday.",
     [("Monday", "DATE", "2025-07-07"), ("Tuesday", "DATE", "2025-07-15")]),
    # ... and so after the place whose time it is
    ("Voting will end at 6 pm local time on Friday.",
     [("6 pm local time on Friday", "TIME", "2025-07-11T18:00")]),
    ("The ship was found at 1 am Moscow time today.",
     [("1 am Moscow time today", "TIME", "2025-07-10T01:00")]),
    ("At 5:34 AM Baghdad time on March 20, 2003 the war began. On April 9 Baghdad fell.",
     [("5:34 AM Baghdad time on March 20, 2003", "TIME", "2003-03-20T05:34"),
      ("April 9", "DATE", "2003-04-09")]),
    # "a" counts one: never a plural ("a years-old slump" is no year)
    ("It ended a years-old slump.", [("years-old", "DURATION", "PXY")]),
    # a length earlier or later than something is a length, not a date
    ("He will lift it on Saturday, a day earlier than expected.",
     [("Saturday", "DATE", "2025-07-12"), ("a day", "DURATION", "P1D")]),
    # a half or quarter of this, next or last year, as one expression
    ("He agreed to visit in the second half of the year.",
     [("the second half of the year", "DATE", "2025-H2")]),
    ("Sales fell in the first half of this year.",
     [("the first half of this year", "DATE", "2025-H1")]),
    ("It opens in the first half of next year.",
     [("the first half of next year", "DATE", "2026-H1")]),
    ("Sales fell in the third quarter of last year.",
     [("the third quarter of last year", "DATE", "2024-Q3")]),
    ("Sales rose in the last quarter of the year.",
     [("the last quarter of the year", "DATE", "2025-Q4")]),
    # early, late and mid with a hyphen
    ("The boat sank in late-November.", [("late-November", "DATE", "2024-11")]),
    ("In late-2019 it sank.", [("late-2019", "DATE", "2019")]),
    ("It grew in the early-1990s.", [("the early-1990s", "DATE", "199")]),
    ("It was built in early-March 2019.", [("early-March 2019", "DATE", "2019-03")]),
    ("the 1990s", [("the 1990s", "DATE", "199")]),
    # hundreds with "s" are a century; the 2000s a decade
    ("In the 1800s and the early 1900s, not the 2000s",
     [("the 1800s", "DATE", "18"), ("the early 1900s", "DATE", "19"),
      ("the 2000s", "DATE", "200")]),
    ("'90s music", [("'90s", "DATE", "199")]),  # a mark before the first word
    ("the first half of 2025", [("the first half of 2025", "DATE", "2025-H1")]),
    ("spring 2018", [("spring 2018", "DATE", "2018-SP")]),
    ("the third quarter of 2025", [("the third quarter of 2025", "DATE", "2025-Q3")]),
    ("fiscal 1989", [("fiscal 1989", "DATE", "1989")]),
    ("in FY2024 and FY 2025", [("FY2024", "DATE", "2024"), ("FY 2025", "DATE", "2025")]),
    ("in Q3 2024, 2024 Q4 and H1 2025", [("Q3 2024", "DATE", "2024-Q3"),
                                         ("2024 Q4", "DATE", "2024-Q4"),
                                         ("H1 2025", "DATE", "2025-H1")]),
    ("the 2024/25 season", [("2024", "DATE", "2024"), ("25", "DATE", "2025")]),
    # a quarter or half with no year, after a word that sets a time: the nearest
    ("Revenue rose 8% in Q2 and will grow in H2.", [("Q2", "DATE", "2025-Q2"),
                                                   ("H2", "DATE", "2025-H2")]),
    ("Q1 results were weak; sales fell during q4.", [("Q1", "DATE", "2025-Q1"),
                                                     ("q4", "DATE", "2024-Q4")]),
    ("It fell in Q3'24 and in Q4 '24.", [("Q3'24", "DATE", "2024-Q3"),
                                        ("Q4 '24", "DATE", "2024-Q4")]),
    ("Audi sold the Q2, the Q5 and the RS Q3; sales of the Q7 rose.", []),
    ("They invested in H2 production and H2O.", []),
    # "the" and "of" in a day with its weekday or year; a year of two digits after a mark
    ("on Wednesday the 5th of June and on Friday the 7th of June 2019",  # both 2019's
     [("Wednesday the 5th of June", "DATE", "2019-06-05"),
      ("Friday the 7th of June 2019", "DATE", "2019-06-07")]),
    ("on June the 5th, 2019 and on Sunday, June the 9th, 2019",
     [("June the 5th, 2019", "DATE", "2019-06-05"),
      ("Sunday, June the 9th, 2019", "DATE", "2019-06-09")]),
    ("on 5 June '19 and June 7th '19", [("5 June '19", "DATE", "2019-06-05"),
                                        ("June 7th '19", "DATE", "2019-06-07")]),
    # a short weekday before a clock time; Xmas
    ("Tickets drop Fri 9am for the Xmas show.", [("Fri", "DATE", "2025-07-11"),
                                                ("9am", "TIME", "2025-07-11T09:00"),
                                                ("Xmas", "DATE", "2025-12-25")]),
    ("He sat 9am to noon.", [("9am", "TIME", "2025-07-10T09:00"),
                             ("noon", "TIME", "2025-07-10T12:00")]),
    # a day of the month alone after "on the": of the month named before it in its sentence,
    # else by the document date and the tense; not one that counts a noun
    ("Leeds next week, then Glasgow on the 20th.", [("next week", "DATE", "2025-W29"),
                                                    ("the 20th", "DATE", "2025-07-20")]),
    ("In March he landed on the 20th.", [("March", "DATE", "2025-03"),
                                         ("the 20th", "DATE", "2025-03-20")]),
    ("Tests end this week and the craft lands on the 12th.",
     [("this week", "DATE", "2025-W28"), ("the 12th", "DATE", "2025-07-12")]),
    ("Tests ended this week and the craft landed on the 2nd.",
     [("this week", "DATE", "2025-W28"), ("the 2nd", "DATE", "2025-07-02")]),
    ("He finished on the 12th hole, on the 3rd and 4th floors.", []),
    ("He made a triple-bogey on the 5th.", []),
    # British idioms: a week after a coming weekday, two weeks or months away
    ("We meet a week on Friday, or Monday week, or the week after next.",
     [("a week on Friday", "DATE", "2025-07-18"), ("Monday week", "DATE", "2025-07-21"),
      ("the week after next", "DATE", "2025-W30")]),
    ("Sales fell in the month before last; the Monday week of talks",
     [("the month before last", "DATE", "2025-05"), ("Monday", "DATE", "2025-07-07")]),
    ("It will launch in the second quarter of next year and grow for the next decade.",
     [("the second quarter of next year", "DATE", "2026-Q2"),
      ("the next decade", "DATE", "203")]),
    ("by end-2025, from start-2024", [("end-2025", "DATE", "2025"),
                                      ("start-2024", "DATE", "2024")]),
    ("in the late 12th century, the mid-19th century and the early 5th century BC",
     [("the late 12th century", "DATE", "11"), ("the mid-19th century", "DATE", "18"),
      ("the early 5th century BC", "DATE", "BC04")]),
    ("a debut in April '22, a tour in May ’23", [("April '22", "DATE", "2022-04"),
                                               ("May ’23", "DATE", "2023-05")]),
    ("founded c.1150, rebuilt ca.1320 and c. 1400", [("1150", "DATE", "1150"),
                                                    ("1320", "DATE", "1320"),
                                                    ("1400", "DATE", "1400")]),
    # a short month that is as often a name is a month next to a day
    ("As of 30 Jan and Jun 2. Up from 8 Jul 2015 and Sep 3, 2014.",
     [("30 Jan", "DATE", "2025-01-30"), ("Jun 2", "DATE", "2025-06-02"),
      ("8 Jul 2015", "DATE", "2015-07-08"), ("Sep 3, 2014", "DATE", "2014-09-03")]),
    ("Jan Nkosi, 46, said so; Jun Ji-hyun starred.", []),
    # "that year" after a decade is the year of the last date named in full, not the document's
    ("It ended on 11 November 1918. In the 1920s the party grew. That year it split.",
     [("11 November 1918", "DATE", "1918-11-11"), ("the 1920s", "DATE", "192"),
      ("That year", "DATE", "1918")]),
    # a count of units may be straight, consecutive, full, whole or long
    ("It shrank for five straight months and two consecutive quarters, after four long years.",
     [("five straight months", "DURATION", "P5M"), ("two consecutive quarters", "DURATION", "P6M"),
      ("four long years", "DURATION", "P4Y")]),
    ("They waited a whole day, about three full weeks over the past two straight years.",
     [("a whole day", "DURATION", "P1D"), ("about three full weeks", "DURATION", "P3W"),
      ("the past two straight years", "DURATION", "P2Y")]),
    ("It was the third consecutive month of long hours.", []),
    # early or late in the week or month, as in the year
    ("Earlier in the week he quit; later in the month they vote.",
     [("Earlier in the week", "DATE", "2025-W28"), ("later in the month", "DATE", "2025-07")]),
    # a count before "previous" or "following"
    ("It fell in the four previous weeks and rose in the two following days.",
     [("the four previous weeks", "DURATION", "P4W"),
      ("the two following days", "DURATION", "P2D")]),
    # a count and a part of a unit ago or later
    ("It fell a year and a half ago.", [("a year and a half ago", "DATE", "2024")]),
    ("It opened on 3 March 2019. A year and a half later it shut.",
     [("3 March 2019", "DATE", "2019-03-03"), ("A year and a half later", "DATE", "2020")]),
    # "back" as "ago", unless it goes back to somewhere
    ("A few years back he left; six months back, she came.",
     [("A few years back", "DATE", "PAST_REF"), ("six months back", "DATE", "2025-01")]),
    ("The clocks went two hours back to the old time.", [("two hours", "DURATION", "PT2H")]),
    # a number of units not known, later or earlier
    ("Days later he left; weeks earlier she had come.",
     [("Days later", "DATE", "FUTURE_REF"), ("weeks earlier", "DATE", "PAST_REF")]),
    ("It took days longer and years later than planned.", []),
    ("He came on 3 May. Hours later he left; a few minutes earlier she had come.",
     [("3 May", "DATE", "2025-05-03"), ("Hours later", "DATE", "2025-05-03"),
      ("a few minutes earlier", "DATE", "2025-05-03")]),
    # a fortnight is two weeks
    ("He was charged a fortnight ago.", [("a fortnight ago", "DATE", "2025-W26")]),
    ("The trial opened on 3 March; a fortnight later he was convicted.",
     [("3 March", "DATE", "2025-03-03"), ("a fortnight later", "DATE", "2025-W12")]),
    ("Over the past fortnight they met every fortnight; the vote is in a fortnight's time.",
     [("the past fortnight", "DURATION", "P2W"), ("every fortnight", "SET", "P2W"),
      ("a fortnight's time", "DATE", "2025-W30")]),
    ("He stayed for a fortnight, then for fortnights; the fortnightly paper.",
     [("a fortnight", "DURATION", "P2W"), ("fortnights", "DURATION", "PXW"),
      ("fortnightly", "SET", "P2W")]),
    # a year of two digits: the latest not more than ten years after the document date
    ("The FY25 budget and the FY99 one", [("FY25", "DATE", "2025"), ("FY99", "DATE", "1999")]),
    ("The FY35 plan; the spring of '45", [("FY35", "DATE", "2035"),
                                           ("the spring of '45", "DATE", "1945-SP")]),
    ("Her album came out in the summer of '69.", [("the summer of '69", "DATE", "1969-SU")]),
    # ... after a word that sets a time, a year of two digits after a mark stands alone
    ("It happened in '69, when the class of ’98 was born; since '05 it grew.",
     [("'69", "DATE", "1969"), ("’98", "DATE", "1998"), ("'05", "DATE", "2005")]),
    ("She wrote '12 ways to win' and 'Seventies'.", []),
    # a year's possessive is the year; "the 1980's" a decade
    ("2010's Aphrodite was a hit, unlike the 1980's or the early 1970's.",
     [("2010", "DATE", "2010"), ("the 1980's", "DATE", "198"),
      ("the early 1970's", "DATE", "197")]),
    ("nineteen ninety-six", [("nineteen ninety-six", "DATE", "1996")]),
    ("in January nineteen ninety-seven", [("January nineteen ninety-seven", "DATE", "1997-01")]),
    ("since March two thousand", [("March two thousand", "DATE", "2000-03")]),
    # relative to the document date
    ("last year", [("last year", "DATE", "2024")]),
    ("next month", [("next month", "DATE", "2025-08")]),
    ("yesterday", [("yesterday", "DATE", "2025-07-09")]),
    ("two years ago", [("two years ago", "DATE", "2023")]),
    ("earlier this month", [("earlier this month", "DATE", "2025-07")]),
    ("last week", [("last week", "DATE", "2025-W27")]),
    ("this morning", [("this morning", "TIME", "2025-07-10TMO")]),
    ("He left on Tuesday.", [("Tuesday", "DATE", "2025-07-08")]),
    ("She will arrive on Tuesday.", [("Tuesday", "DATE", "2025-07-15")]),
    # words of plans look ahead; a plan told as past ("had been scheduled") does not
    ("The deal is scheduled to close Monday.", [("Monday", "DATE", "2025-07-14")]),
    ("Protesters planned a rally on Saturday.", [("Saturday", "DATE", "2025-07-12")]),
    ("The talks are set to resume Monday.", [("Monday", "DATE", "2025-07-14")]),
    ("It had been scheduled to expire Friday.", [("Friday", "DATE", "2025-07-04")]),
    ("It began as previously planned Saturday.", [("Saturday", "DATE", "2025-07-05")]),
    ("He cut the dividend due to a loss on Monday.", [("Monday", "DATE", "2025-07-07")]),
    ("Ms. Lee will be named chief in December.", [("December", "DATE", "2025-12")]),
    ("Ms. Lee was named chief in December.", [("December", "DATE", "2024-12")]),
    ("Ms. Lee will succeed Daniel P. Davison Feb. 1.", [("Feb. 1", "DATE", "2026-02-01")]),
    ("last April", [("last April", "DATE", "2025-04")]),
    ("It rose in March.", [("March", "DATE", "2025-03")]),
    ("Sales fell in December.", [("December", "DATE", "2024-12")]),
    # narrative: relative to the last date mentioned, and forward
    ("The plant was sold in 2019 and closed two years later.",
     [("2019", "DATE", "2019"), ("two years later", "DATE", "2021")]),
    ("It was built in 1990. The following year it burned.",
     [("1990", "DATE", "1990"), ("The following year", "DATE", "1991")]),
    ("between March and September 2025",
     [("March", "DATE", "2025-03"), ("September 2025", "DATE", "2025-09")]),
    ("Talks were held on 14 November and on 15 December 2023.",  # the year named next
     [("14 November", "DATE", "2023-11-14"), ("15 December 2023", "DATE", "2023-12-15")]),
    ("It was hit on 3 May, and again on 9 May 1944, and in March and again in May 2020.",
     [("3 May", "DATE", "1944-05-03"), ("9 May 1944", "DATE", "1944-05-09"),
      ("March", "DATE", "2020-03"), ("May 2020", "DATE", "2020-05")]),
    ("In 2019 profits fell in the third quarter.",
     [("2019", "DATE", "2019"), ("the third quarter", "DATE", "2019-Q3")]),
    ("Sales rose in the third quarter; a year earlier they fell.",
     [("the third quarter", "DATE", "2025-Q3"), ("a year earlier", "DATE", "2024-Q3")]),
    # present, past and future references
    ("now", [("now", "DATE", "PRESENT_REF")]),
    ("recently", [("recently", "DATE", "PAST_REF")]),
    ("in the near future", [("in the near future", "DATE", "FUTURE_REF")]),
    # durations and sets
    ("for three years", [("three years", "DURATION", "P3Y")]),
    ("the first nine months", [("the first nine months", "DURATION", "P9M")]),
    ("a 10-year bond", [("10-year", "DURATION", "P10Y")]),
    ("two decades", [("two decades", "DURATION", "P20Y")]),
    ("five hours", [("five hours", "DURATION", "PT5H")]),
    ("several weeks", [("several weeks", "DURATION", "PXW")]),
    # a year of accounts is a length of time, ending on the day named after it
    ("revenue for the year ended March 31", [("the year", "DURATION", "P1Y"),
                                              ("March 31", "DATE", "2025-03-31")]),
    # a day of a month, the last or the next one
    ("shot to death last Oct. 23", [("last Oct. 23", "DATE", "2024-10-23")]),
    ("opens next July 4", [("next July 4", "DATE", "2026-07-04")]),
    ("since last July 9", [("last July 9", "DATE", "2025-07-09")]),
    ("this past Oct. 23", [("this past Oct. 23", "DATE", "2024-10-23")]),
    # "current" as "of the present"; not an account's kind
    ("The current government took office", [("current", "DATE", "PRESENT_REF")]),
    ("at the then current market price", [("then current", "DATE", "PAST_REF")]),
    ("the current account deficit and current assets", []),
    # clock words, and parts of a day told alone
    ("at noon and at midday", [("noon", "TIME", "2025-07-10T12:00"),
                               ("midday", "TIME", "2025-07-10T12:00")]),
    ("the film High Noon", []),
    ("will leave at 4 in the morning", [("4 in the morning", "TIME", "2025-07-10T04:00")]),
    ("at 9 in the evening", [("9 in the evening", "TIME", "2025-07-10T21:00")]),
    ("On May 3, 1999 at noon", [("May 3, 1999", "DATE", "1999-05-03"),
                                ("noon", "TIME", "1999-05-03T12:00")]),
    ("On 3 May 1999 they met in mid afternoon",
     [("3 May 1999", "DATE", "1999-05-03"), ("mid afternoon", "TIME", "1999-05-03TAF")]),
    ("orders placed in the morning", [("the morning", "TIME", "XXXX-XX-XXTMO")]),  # which day?
    ("by year end and by the year's end", [("year end", "DATE", "2025"),
                                           ("year's end", "DATE", "2025")]),
    # days of a month said as words; a march is not March
    ("this coming Sunday, March eighth", [("this coming Sunday, March eighth", "DATE",
                                           "2026-03-08")]),
    ("on the twenty-first of June", [("the twenty-first of June", "DATE", "2025-06-21")]),
    ("in June first-half sales fell", [("June", "DATE", "2025-06"),
                                       ("first-half", "DATE", "2025-H1")]),
    ("at the annual March for Life", []),
    # a quarter's results: the latest quarter begun; a year before it
    ("plans to restructure after a third-quarter loss", [("third-quarter", "DATE", "2025-Q3")]),
    ("fourth-quarter net rose", [("fourth-quarter", "DATE", "2024-Q4")]),
    ("in the year-ago second quarter", [("the year-ago second quarter", "DATE", "2024-Q2")]),
    # ... and from the last half named: "the same period" is that half a year before
    ("Exports rose in the first half of 2024, from the same period a year earlier.",
     [("the first half of 2024", "DATE", "2024-H1"),
      ("the same period a year earlier", "DATE", "2023-H1")]),
    # "this quarter's" results are the quarter reported on; "this quarter" ahead is this one
    ("Net fell in the second quarter. This quarter's loss includes charges; this quarter, sales "
     "will rise.", [("the second quarter", "DATE", "2025-Q2"), ("This quarter", "DATE", "2025-Q2"),
                    ("this quarter", "DATE", "2025-Q3")]),
    # "the quarter a year ago" is one date: the quarter of the year before
    ("Profit fell in the third quarter of 2024. For the quarter a year ago it earned more.",
     [("the third quarter of 2024", "DATE", "2024-Q3"),
      ("the quarter a year ago", "DATE", "2023-Q3")]),
    ("Second-quarter net rose from the comparable year-ago quarter",
     [("Second-quarter", "DATE", "2025-Q2"),
      ("the comparable year-ago quarter", "DATE", "2024-Q2")]),
    # ... and from a quarter forecast, a year before the same quarter's results
    ("Losses may last through the third quarter of 2026. In the year-ago period it earned",
     [("the third quarter of 2026", "DATE", "2026-Q3"),
      ("the year-ago period", "DATE", "2024-Q3")]),
    # the quarter a report is on is over by the document date, and not one looked back on
    ("Second-quarter net rose 20%. It will take a third-quarter charge. In the latest "
     "quarter, sales rose.",
     [("Second-quarter", "DATE", "2025-Q2"), ("third-quarter", "DATE", "2025-Q3"),
      ("the latest quarter", "DATE", "2025-Q2")]),
    ("Second-quarter net rose. After a flat first quarter, sales grew to 5 from 4 a year ago.",
     [("Second-quarter", "DATE", "2025-Q2"), ("first quarter", "DATE", "2025-Q1"),
      ("a year ago", "DATE", "2024-Q2")]),
    # "the period" alone is a stretch of time of any length, not a quarter: "the latest
    # period" is
    ("The period 2015-2020 saw growth, as did the period when he ruled. In the latest period "
     "sales rose.",
     [("2015", "DATE", "2015"), ("2020", "DATE", "2020"),
      ("the latest period", "DATE", "2025-Q2")]),
    # a year's period compared with is not the quarter the text is about
    ("Sales rose in the fiscal first quarter. In the 2024 period it lost money. It shipped "
     "500 systems in the quarter.",
     [("the fiscal first quarter", "DATE", "2025-Q1"), ("the 2024 period", "DATE", "2024-Q1"),
      ("the quarter", "DATE", "2025-Q1")]),
    ("in the last half of 1989", [("the last half of 1989", "DATE", "1989-H2")]),
    ("through the first two quarters of 1990", [("the first two quarters of 1990", "DATE",
                                                 "1990-H1")]),
    ("with the current quarter off to a good start", [("the current quarter", "DATE",
                                                       "2025-Q3")]),
    ("a week or so ago", [("a week or so ago", "DATE", "2025-W27")]),
    ("a day-long strike", [("day-long", "DURATION", "P1D")]),
    ("a three - day visit and a six - year term, after a 3 - 2 win", [
        ("three - day", "DURATION", "P3D"), ("six - year", "DURATION", "P6Y")]),
    ("the decade - long war, a months - long siege and the year - end crisis", [
        ("decade - long", "DURATION", "P10Y"), ("months - long", "DURATION", "PXM"),
        ("year - end", "DATE", "2025")]),
    ("two - year - long talks and a 300 year - long war", [
        ("two - year - long", "DURATION", "P2Y"), ("300 year", "DURATION", "P300Y")]),
    ("a decades-long feud", [("decades-long", "DURATION", "PXY")]),
    ("a monthslong standoff, a yearlong feud, a weeklong visit",
     [("monthslong", "DURATION", "PXM"), ("yearlong", "DURATION", "P1Y"),
      ("weeklong", "DURATION", "P1W")]),
    # a deadline set or moved is ahead even told in the past: of the day it was told on, if
    # named, else of the document's
    ("On Monday the court gave him until 6 am on Tuesday to leave.",
     [("Monday", "DATE", "2025-07-07"), ("6 am on Tuesday", "TIME", "2025-07-08T06:00")]),
    ("On Monday the vote was postponed until Tuesday.",
     [("Monday", "DATE", "2025-07-07"), ("Tuesday", "DATE", "2025-07-08")]),
    ("The agency extended its deadline until Tuesday.", [("Tuesday", "DATE", "2025-07-15")]),
    ("The court gave them until Friday.", [("Friday", "DATE", "2025-07-11")]),
    # two seasons or months joined by a slash share the year named after them
    ("in autumn/winter 2019", [("autumn", "DATE", "2019-FA"), ("winter 2019", "DATE", "2019-WI")]),
    # a feast's weekend and parts of its day; May Day
    ("over the Easter weekend and the Labor Day weekend, on Christmas morning and May Day",
     [("Easter weekend", "DATE", "2025-W16-WE"), ("Labor Day weekend", "DATE", "2025-W35-WE"),
      ("Christmas morning", "TIME", "2024-12-25TMO"), ("May Day", "DATE", "2025-05-01")]),
    # noon with its day; a 24-hour clock with a full stop before a zone
    ("He left just after noon on Friday, at noon today and at 15.30 BST; it rose 3.45 on Monday",
     [("noon on Friday", "TIME", "2025-07-04T12:00"), ("noon today", "TIME", "2025-07-10T12:00"),
      ("15.30 BST", "TIME", "2025-07-10T15:30"), ("Monday", "DATE", "2025-07-07")]),
    # midnight: the night of the day named (the end of it, or its first hours)
    ("They have until midnight Friday.", [("midnight Friday", "TIME", "2025-07-11TNI")]),
    ("He left after midnight on 8 July.", [("midnight on 8 July", "TIME", "2025-07-08TNI")]),
    ("On 3 July the polls closed at midnight.", [("3 July", "DATE", "2025-07-03"),
                                                ("midnight", "TIME", "2025-07-03TNI")]),
    ("They worked until midnight last night.",
     [("midnight last night", "TIME", "2025-07-09TNI")]),
    ("He issued a midnight decree and burned the midnight oil.", []),
    ("two more weeks and an additional year", [("two more weeks", "DURATION", "P2W"),
                                               ("an additional year", "DURATION", "P1Y")]),
    ("for at least 20 more years", [("at least 20 more years", "DURATION", "P20Y")]),
    # the past decade is the ten years to now, not the decade before this one
    ("over the past decade", [("the past decade", "DURATION", "P10Y")]),
    ("events of the past century", [("the past century", "DURATION", "P100Y")]),
    ("in the last decade", [("last decade", "DATE", "201")]),
    # what recurs
    ("departing each Thursday", [("each Thursday", "SET", "XXXX-WXX-4")]),
    ("every Friday night", [("every Friday night", "SET", "XXXX-WXX-5TNI")]),
    ("They meet every weekend; shops close at weekends.",
     [("every weekend", "SET", "XXXX-WXX-WE"), ("weekends", "SET", "XXXX-WXX-WE")]),
    ("flights on Tuesday nights", [("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
    ("open on Sundays", [("Sundays", "SET", "XXXX-WXX-7")]),
    ("the festival each July", [("each July", "SET", "XXXX-07")]),
    ("every summer", [("every summer", "SET", "XXXX-SU")]),
    # ... every so many units, every other one, so many times a unit
    ("Elections are held every four years.", [("every four years", "SET", "P4Y")]),
    ("The bus runs every 15 minutes.", [("every 15 minutes", "SET", "PT15M")]),
    ("It meets every other week, and every few months.",
     [("every other week", "SET", "P2W"), ("every few months", "SET", "PXM")]),
    ("The board meets twice a year and three times a month.",
     [("twice a year", "SET", "P1Y"), ("three times a month", "SET", "P1M")]),
    ("It has failed four times in a year; he did it once a week.",
     [("a year", "DURATION", "P1Y"), ("once a week", "SET", "P1W")]),
    # numbers of two words, and halves: a fraction goes to the next smaller unit
    ("for thirty-five years", [("thirty-five years", "DURATION", "P35Y")]),
    ("in the last twenty four hours", [("the last twenty four hours", "DURATION", "PT24H")]),
    ("a minute and a half", [("a minute and a half", "DURATION", "PT1M30S")]),
    ("2 1/2 years", [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("two and a half weeks", [("two and a half weeks", "DURATION", "P17DT12H")]),
    ("half an hour", [("half an hour", "DURATION", "PT30M")]),
    ("2½ days and a year and a quarter", [("2½ days", "DURATION", "P2DT12H"),
                                          ("a year and a quarter", "DURATION", "P1Y3M")]),
    ("1.5 days", [("1.5 days", "DURATION", "P1DT12H")]),
    ("4.5 months", [("4.5 months", "DURATION", "P4.5M")]),  # no smaller unit is exact
    ("22.8 years", [("22.8 years", "DURATION", "P22.8Y")]),  # 9.6 months: as written
    ("for 1,000 years", [("1,000 years", "DURATION", "P1000Y")]),  # not "000 years"
    ("two hundred years ago", [("two hundred years ago", "DATE", "1825")]),
    ("fifteen hundred years", [("fifteen hundred years", "DURATION", "P1500Y")]),
    # an unnumbered stretch ahead is a duration, and plural units are never one unit
    ("in the following days", [("the following days", "DURATION", "PXD")]),
    # spans and times ahead in words
    ("Prices will rise in the weeks ahead.", [("the weeks ahead", "DURATION", "PXW")]),
    ("It will last in the years to come.", [("the years to come", "DURATION", "PXY")]),
    ("Sales will grow over the next couple of years.",
     [("the next couple of years", "DURATION", "P2Y")]),
    ("The vote was put off to a later date.", [("a later date", "DATE", "FUTURE_REF")]),
    ("Rates will stay low in the near term.", [("the near term", "DATE", "FUTURE_REF")]),
    ("It pays off over the long term.", [("the long term", "DATE", "FUTURE_REF")]),
    ("He took on short-term debt and a long-term loan.", []),
    ("over the next few months", [("the next few months", "DURATION", "PXM")]),
    ("in the coming weeks", [("in the coming weeks", "DATE", "FUTURE_REF")]),
    ("over the coming weeks", [("the coming weeks", "DATE", "FUTURE_REF")]),
    # a day moved by months keeps its day of the month
    ("It ended a month after 12 June 1920.",
     [("a month after 12 June 1920", "DATE", "1920-07-12")]),
    # ... and "ago today" is that day
    ("A year ago today, the bridge fell.", [("A year ago today", "DATE", "2024-07-10")]),
    ("It was two weeks ago today.", [("two weeks ago today", "DATE", "2025-06-26")]),
    # the end, start or middle of next or last year, month or week is in that unit
    ("It will close by the end of next year.", [("the end of next year", "DATE", "2026")]),
    ("It closed at the start of last month.", [("the start of last month", "DATE", "2025-06")]),
    # ... "ago this week" or "this month" the week or month that holds that day
    ("Ten years ago this month, the bank fell.",
     [("Ten years ago this month", "DATE", "2015-07")]),
    ("Fifty years ago this week, the dam broke.",
     [("Fifty years ago this week", "DATE", "1975-W28")]),
    ("Two years ago this month, a war began. On the same day, talks ended.",
     [("Two years ago this month", "DATE", "2023-07"), ("the same day", "DATE", "2023-07-XX")]),
    # a count of units from now is a date ahead of the document's
    ("The vote is three weeks from now.", [("three weeks from now", "DATE", "2025-W31")]),
    ("They meet two days hence.", [("two days hence", "DATE", "2025-07-12")]),
    ("It may be decided in three weeks' time, or in a year’s time.",
     [("three weeks' time", "DATE", "2025-W31"), ("a year’s time", "DATE", "2026")]),
    ("Elections follow several months from now.",
     [("several months from now", "DATE", "FUTURE_REF")]),
    ("it runs daily", [("daily", "SET", "P1D")]),
    ("every year", [("every year", "SET", "P1Y")]),
    # clock times
    ("at 10:30 a.m. EDT", [("10:30 a.m. EDT", "TIME", "2025-07-10T10:30")]),
    ("at 5 p.m.", [("5 p.m.", "TIME", "2025-07-10T17:00")]),
    ("It was founded in 1997. The fire began at 10 p.m.",  # not 1 January 1997
     [("1997", "DATE", "1997"), ("10 p.m.", "TIME", "2025-07-10T22:00")]),
    # words that are not expressions
    ("the Long March, the Ice March, his March to the Sea, along the March.", []),
    ("The March accession was signed; it ended in March.",
     [("March", "DATE", "2025-03"), ("March", "DATE", "2025-03")]),
    ("Prices may fall.", []),
    ("They march on.", []),
    ("a 5-year-old boy", []),
    ("1,500 people and $2000", []),
    ("caught in 1994,1996 and 2006; 12,2000 and 1999,500 pounds; 12.2019 and 2019.5", [
        ("1994", "DATE", "1994"), ("1996", "DATE", "1996"), ("2006", "DATE", "2006")]),
    # "one day" between a modal or "to" and its verb is some day ahead; elsewhere a day
    ("Islam will one day be the second religion; groomed to one day assume power.",
     [("one day", "DATE", "FUTURE_REF"), ("one day", "DATE", "FUTURE_REF")]),
    ("It will last one day. One day he walked in. They came close to one day of talks.",
     [("one day", "DURATION", "P1D"), ("One day", "DURATION", "P1D"),
      ("one day", "DURATION", "P1D")]),
    ("The board meets every other Thursday.", [("every other Thursday", "SET", "XXXX-WXX-4")]),
    # a length in two units, the second smaller, is one length
    ("jailed for five years and five months; on hold nine hours and 32 minutes",
     [("five years and five months", "DURATION", "P5Y5M"),
      ("nine hours and 32 minutes", "DURATION", "PT9H32M")]),
    ("two months and three weeks, a day and 6 hours, a decade and two years",
     [("two months and three weeks", "DURATION", "P2M21D"),
      ("a day and 6 hours", "DURATION", "P1DT6H"),
      ("a decade and two years", "DURATION", "P12Y")]),
    ("three three weeks and two days", [("three weeks and two days", "DURATION", "P23D")]),
    # a range of counts is a length whose count is not known
    ("jailed for four to six years, three or four days, 3-4 weeks, between two and six hours",
     [("four to six years", "DURATION", "PXY"), ("three or four days", "DURATION", "PXD"),
      ("3-4 weeks", "DURATION", "PXW"), ("between two and six hours", "DURATION", "PTXH")]),
    ("a 2-3 year-old, two or three years ago, won 2 to 1 in 90 minutes",
     [("three years ago", "DATE", "2022"), ("90 minutes", "DURATION", "PT90M")]),
    ("A court cut his sentence from eight to six years.", [("six years", "DURATION", "P6Y")]),
    # "today" of an age or a people is now; of an event, the document's day
    ("in today's world, for today's youth, after today's vote",
     [("today", "DATE", "PRESENT_REF"), ("today", "DATE", "PRESENT_REF"),
      ("today", "DATE", "2025-07-10")]),
    ("He left for today's World Economic Forum.", [("today", "DATE", "2025-07-10")]),
    # a length whose unit is not known
    ("They will live without it for a while, and after quite a long while; a while ago, once "
     "in a while.",
     [("a while", "DURATION", "PXX"), ("quite a long while", "DURATION", "PXX")]),
    ("three-quarters of voters", []),
    ("They hugged to signal that decades of hostility were over.",
     [("decades", "DURATION", "PXY")]),
    ("He was booked in the quarter-final, the second quarter final and the quarter - finals.",
     []),
    # a month and day with a slash after a weekday, as listings write them; not a fraction
    ("Mon 7/14: Farmers market. Sat 7/19 - Sun 7/20: Harvest festival.",
     [("Mon 7/14", "DATE", "2025-07-14"), ("Sat 7/19", "DATE", "2025-07-19"),
      ("Sun 7/20", "DATE", "2025-07-20")]),
    ("Add 1/2 cup; he sat 3/4 of the way back; sun 7/14.", []),
    # "last", "this" or "coming" before a weekday and a part of the day belong to it
    ("It may seem far from the events last Saturday afternoon; we meet this Sunday morning.",
     [("last Saturday afternoon", "DATE", "2025-07-05TAF"),
      ("this Sunday morning", "DATE", "2025-07-13TMO")]),
    # two centuries named with one noun are two centuries
    ("It spread across the 19th and 20th centuries, and from the fifth to sixth centuries BC.",
     [("the 19th", "DATE", "18"), ("20th centuries", "DATE", "19"), ("the fifth", "DATE", "BC04"),
      ("sixth centuries BC", "DATE", "BC05")]),
    # four digits before a street's name, after "at" or a comma, are a house number
    ("They met at 1600 Pennsylvania Avenue; the office, 1234 N. Main St., closed.", []),
    ("By 1990 Main Street had emptied, after the 1989 Tiananmen Square protests.",
     [("1990", "DATE", "1990"), ("1989", "DATE", "1989")]),
    # a decade after "his", "her", "their"... is an age (not_an_age)
    ("He worked until his early eighties; both are in their sixties; in my twenties.", []),
    ("He was born in the early nineties and grew up in the sixties.",
     [("the early nineties", "DATE", "199"), ("the sixties", "DATE", "196")]),
    # a half or quarter of a game (game_word.csv), not of a year; a year's figures stay
    ("City replied in first-half stoppage time, after a second-half goal and a fourth-quarter "
     "touchdown.", []),
    ("First-half profit rose.", [("First-half", "DATE", "2025-H1")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_values(text, expected):
    assert [(t.text, t.type, t.value) for t in tag(text, DCT)] == expected


@pytest.mark.parametrize(("text", "dct", "expected"), [
    # a season moved by months is a month, unless it lands on a season
    ("In summer 2010 I came. Four months later I left.", date(2011, 2, 4),
     [("summer 2010", "2010-SU"), ("Four months later", "2010-10")]),
    ("In summer 2010 I came. Three months later I left.", date(2011, 2, 4),
     [("summer 2010", "2010-SU"), ("Three months later", "2010-FA")]),
    ("In summer 2010 I came. Forty days later I left.", date(2011, 2, 4),
     [("summer 2010", "2010-SU"), ("Forty days later", "2010-07")]),
    ("Sales fell in the third quarter. Two months later they rose.", DCT,
     [("the third quarter", "2025-Q3"), ("Two months later", "2025-09")]),
    # the previous part of a day; a weekend after, before or of the last date (a Saturday)
    ("The vote was on 26 October. The previous evening, rallies filled the streets.", DCT,
     [("26 October", "2024-10-26"), ("The previous evening", "2024-10-25TEV")]),
    ("The vote was on 26 October. By the following weekend they had left.", DCT,
     [("26 October", "2024-10-26"), ("the following weekend", "2024-W44-WE")]),
    ("The vote was on 23 October. That weekend they left; the weekend before, they came.", DCT,
     [("23 October", "2024-10-23"), ("That weekend", "2024-W43-WE"),
      ("the weekend before", "2024-W42-WE")]),
    # hours and minutes: the same day when the clock time is unknown, else the moved time
    ("He left an hour ago.", DCT, [("an hour ago", "2025-07-10")]),
    ("Two hours later he left.", DCT, [("Two hours later", "2025-07-10")]),
    ("in the last hour", DCT, [("last hour", "2025-07-10")]),
    ("At 5 p.m. he came; two hours later he left.", DCT,
     [("5 p.m.", "2025-07-10T17:00"), ("two hours later", "2025-07-10T19:00")]),
    ("At 11 p.m. he came; two hours later he left.", DCT,
     [("11 p.m.", "2025-07-10T23:00"), ("two hours later", "2025-07-11T01:00")]),
    ("At 5 p.m. he came; 30 minutes earlier she left.", DCT,
     [("5 p.m.", "2025-07-10T17:00"), ("30 minutes earlier", "2025-07-10T16:30")]),
    ("At 5 p.m. he came. The next day he left.", DCT,
     [("5 p.m.", "2025-07-10T17:00"), ("The next day", "2025-07-11")]),
    # a live blog's entries ("12.17am: ...") follow each other, from the document date on,
    # whatever day the entries mention; a clock time inside a sentence is on that day
    ("11.40pm: McIlroy putts. 12.17am: Garcia chips on Friday. 12.20am: Yang drives.",
     date(2011, 6, 18), [("11.40pm", "2011-06-18T23:40"), ("12.17am", "2011-06-19T00:17"),
                         ("Friday", "2011-06-17"), ("12.20am", "2011-06-19T00:20")]),
    ("3.39pm: White says so. 3.33pm: He asked her last Friday. 3.28pm: Why did he?",
     date(2010, 8, 9), [("3.39pm", "2010-08-09T15:39"), ("3.33pm", "2010-08-09T15:33"),
                        ("last Friday", "2010-08-06"), ("3.28pm", "2010-08-09T15:28")]),
    ("He played on Friday. Tee times: Stenson 7.10pm: Oosthuizen 7.20pm: Leishman",
     date(2011, 6, 18), [("Friday", "2011-06-17"), ("7.10pm", "2011-06-18T19:10"),
                         ("7.20pm", "2011-06-18T19:20")]),
    # ... also an entry without a colon, its sentence's first word before a capital
    ("10:30am\nHe spoke at last Friday's session.\n11.15am Reuters confirmed it.\n11.45am\n"
     "Jacob Zuma spoke.", date(2008, 4, 7),
     [("10:30am", "2008-04-07T10:30"), ("last Friday", "2008-04-04"),
      ("11.15am", "2008-04-07T11:15"), ("11.45am", "2008-04-07T11:45")]),
    ("He met her on Friday. They spoke at 3.20pm and left.", date(2010, 8, 9),
     [("Friday", "2010-08-06"), ("3.20pm", "2010-08-06T15:20")]),
    # ... but a time told in the future is not on a day already over: the document's
    ("Rosetta crashed on 30 September 2016. The team will hold a briefing at 10:00 CET.",
     date(2026, 1, 22), [("30 September 2016", "2016-09-30"), ("10:00 CET", "2026-01-22T10:00")]),
    ("He met her on Friday. He is expected to appear in court at 11 am.", date(2010, 8, 9),
     [("Friday", "2010-08-06"), ("11 am", "2010-08-09T11:00")]),
    ("It was on 13 May 2011. He claimed he was rushing to a lunch set for 12.30pm.",
     date(2012, 4, 27), [("13 May 2011", "2011-05-13"), ("12.30pm", "2011-05-13T12:30")]),
    ("She arrives on Friday. They will speak at 3.20pm.", date(2010, 8, 9),
     [("Friday", "2010-08-13"), ("3.20pm", "2010-08-13T15:20")]),
    # clock times, the second in brackets, before "on" and a day are that day's
    ("He died at home at 8.50pm (18.50 GMT) on Thursday night.", date(2013, 12, 6),
     [("8.50pm", "2013-12-05T20:50"), ("18.50 GMT", "2013-12-05T18:50"),
      ("Thursday night", "2013-12-05TNI")]),
    ("He spoke at 8pm (Reuters) on Thursday.", date(2013, 12, 6),
     [("8pm", "2013-12-06T20:00"), ("Thursday", "2013-12-05")]),
    # ... "on" unsaid after the bracket, as wire stories write it; "p.m." before a zone or a
    # bracket ends no sentence, so the clause's "set for" still tells its tense
    ("The launch is set for 3 p.m. EDT (1900 GMT) Friday.", date(2024, 10, 17),
     [("3 p.m. EDT", "2024-10-18T15:00"), ("1900 GMT", "2024-10-18T19:00"),
      ("Friday", "2024-10-18")]),
    ("It ended at 3 p.m. The next day they left.", date(2024, 10, 17),
     [("3 p.m.", "2024-10-17T15:00"), ("The next day", "2024-10-18")]),
    # ... and so without brackets, where no rule joins them: a year, a weekday, a zone
    ("It happened at noon on 2 June 2019.", date(2025, 7, 10),
     [("noon", "2019-06-02T12:00"), ("2 June 2019", "2019-06-02")]),
    # ... "on" unsaid, or a comma; both ends of a range of clock times
    ("Embargoed until 00:01 BST Tuesday 4 March 2025.", date(2025, 3, 3),
     [("00:01 BST", "2025-03-04T00:01"), ("Tuesday 4 March 2025", "2025-03-04")]),
    ("Show 8pm-11pm, Sat 14 Jun.", date(2025, 5, 20),
     [("8pm", "2025-06-14T20:00"), ("11pm", "2025-06-14T23:00"),
      ("Sat 14 Jun.", "2025-06-14")]),
    ("He left at 6pm. Friday was quiet.", date(2025, 5, 20),
     [("6pm", "2025-05-20T18:00"), ("Friday", "2025-05-16")]),
    ("The truce began at midnight on 14 May 2024.", date(2025, 7, 10),
     [("midnight", "2024-05-14TNI"), ("14 May 2024", "2024-05-14")]),
    ("It happened at 4:30 pm on Sunday, 2 June 2019.", date(2025, 7, 10),
     [("4:30 pm", "2019-06-02T16:30"), ("Sunday, 2 June 2019", "2019-06-02")]),
    ("It happened at 16:30 on June 2, 2019.", date(2025, 7, 10),
     [("16:30", "2019-06-02T16:30"), ("June 2, 2019", "2019-06-02")]),
    ("The deadline is 11:59 pm ET on Friday, July 18.", date(2025, 7, 10),
     [("11:59 pm ET on Friday, July 18", "2025-07-18T23:59")]),
    ("It ends at 5 p.m. AEST on 3 June.", date(2025, 7, 10),
     [("5 p.m. AEST on 3 June", "2025-06-03T17:00")]),
    ("Trading resumes at 9 a.m. Eastern on Monday.", date(2025, 7, 10),
     [("9 a.m. Eastern on Monday", "2025-07-14T09:00")]),
    ("It starts at 17:00 UTC+2 on 3 June.", date(2025, 7, 10),
     [("17:00 UTC+2 on 3 June", "2025-06-03T17:00")]),
    ("The truce ends at midnight on Sunday, June 2, 2019.", date(2025, 7, 10),
     [("midnight", "2019-06-02TNI"), ("Sunday, June 2, 2019", "2019-06-02")]),
    ("They met in the afternoon on 3 June 2019.", date(2025, 7, 10),
     [("the afternoon", "2019-06-03TAF"), ("3 June 2019", "2019-06-03")]),
    ("He spoke just before midnight last Thursday.", date(2013, 12, 9),
     [("midnight last Thursday", "2013-12-05TNI")]),
    # ... only the last, when "on" and the day are inside the brackets
    ("They attacked at around 1:00 am (2200 GMT on Saturday).", date(2014, 9, 28),
     [("1:00 am", "2014-09-28T01:00"), ("2200 GMT", "2014-09-27T22:00"),
      ("Saturday", "2014-09-27")]),
    # ... but not a day that only follows it in another clause
    ("He left at 8pm; on Friday, 4 July 2025, he returned.", date(2025, 7, 10),
     [("8pm", "2025-07-10T20:00"), ("Friday, 4 July 2025", "2025-07-04")]),
    # ... nor a time told in the past on a day still to come, named in a sentence before
    ("The storm will clear by Tuesday morning. Gusts were recorded shortly after 3am.",
     date(2020, 2, 10), [("Tuesday morning", "2020-02-11TMO"), ("3am", "2020-02-10T03:00")]),
])  # fmt: skip
def test_moves_from_the_last_date(text, dct, expected):
    assert [(t.text, t.value) for t in tag(text, dct)] == expected


@pytest.mark.parametrize(("text", "dct", "values"), [
    # the first and last years a date can have: no endless loop, no error
    ("on Nov. 15", date.min, ["0001-11-15"]),
    ("on Feb. 30", date(2025, 1, 1), ["2025-02-28"]),
    ("on Feb. 30", date.min, ["0001-02-28"]),
    ("in March", date.min, ["0001-03"]),
    ("in March", date.max, []),  # the latest March not far ahead of it: past 9999
    ("on Nov. 15", date(9999, 1, 1), ["9998-11-15"]),
    ("two hours ago", date.max, ["9999-12-31"]),
    ("next week", date.max, []),
])  # fmt: skip
def test_dates_near_the_ends_of_the_calendar(text, dct, values):
    assert [t.value for t in tag(text, dct)] == values


def test_offsets_are_python_string_offsets():
    text = "Café 🎉 — «in May 2024» and last year."
    for timex in tag(text, DCT):
        assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(("text", "value"), [
    ("last year", "XXXX"),
    ("yesterday", "XXXX-XX-XX"),
    ("in March", "XXXX-03"),
    ("in May 2024", "2024-05"),
])  # fmt: skip
def test_without_a_document_date_relative_values_stay_unresolved(text, value):
    assert [t.value for t in tag(text)] == [value]


# phrases that resolve against the document date or move the last date mentioned
PHRASES_WITH_MOVES = [
    "In summer 2010", "four months later", "forty days later", "two hours later", "an hour ago",
    "at 11 p.m.", "the third quarter", "a year earlier", "the following week", "that year",
    "last fall", "in March", "on Friday", "the weekend", "the 1990s", "the 20th century",
    "nineteen ninety-six", "three decades ago", "the year-ago quarter", "Nov. 15", ".",
]  # fmt: skip


@settings(deadline=None, max_examples=300)
@given(st.text(), st.dates() | st.sampled_from([date.min, date.max]))
def test_no_text_and_no_document_date_make_the_tagger_raise(text, dct):
    for timex in tag(text, dct):
        assert text[timex.start : timex.end] == timex.text


@settings(deadline=None)
@given(st.lists(st.sampled_from(PHRASES_WITH_MOVES) | st.text(max_size=8), max_size=10), st.dates())
def test_phrases_that_move_dates_never_make_the_tagger_raise(pieces, dct):
    text = " ".join(pieces)
    for timex in tag(text, dct):
        assert text[timex.start : timex.end] == timex.text


PHRASES = [c[0] for c in CASES] + ["Friday's", "third-quarter", "the year-earlier results", "x"]
PHRASES += ["20190210", "1990s", "3pm", "12:30", "2/3/2019", "1,200", "٣", "0900 GMT", "1918-20"]
PHRASES += ["16:05 GMT on 2 June 2019", "at 18:00 on Friday", "09:30 tomorrow", "44 BC"]


VALUE = (
    r"(BC)?\d{2,4}(-(\d{2}|XX|Q[1-4]|H[12]|SP|SU|FA|WI|W\d{2})(-(\d{2}|WE|XX))?)?"
    r"(T(\d{2}:\d{2}(:\d{2})?|MO|AF|EV|NI|DT))?|P.*|[A-Z]+_REF|X.*"
)


@given(st.text(max_size=200) | st.lists(st.sampled_from(PHRASES), max_size=6).map(" ".join))
def test_any_text_gives_offsets_inside_it_and_well_formed_values(text):
    import re

    for timex in tag(text, DCT):
        assert 0 <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert re.fullmatch(VALUE, timex.value), timex


@pytest.fixture(scope="module")
def full_scan():
    """A tagger that tries every rule at every word of the whole text: no windows around
    anchor words, no rules picked by first character, first word or run of digits (compiled
    once)."""
    from dataclasses import replace

    from timeline.temporal.rules import load_rules
    from timeline.temporal.tagger import Tagger

    rules = load_rules()
    every = tuple(
        replace(rule, first=None, words=None, digit_runs=None, digit_ends=None)
        for rule in rules.rules
    )
    full = Tagger(replace(rules, rules=every))
    full._windows = lambda lowered, anchors: [(0, len(lowered))]
    return full


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(PHRASES) | st.text(max_size=12), max_size=12))
def test_looking_only_near_anchor_words_finds_what_a_full_scan_finds(full_scan, pieces):
    from timeline.temporal.tagger import default_tagger

    text = " ".join(pieces)
    assert default_tagger().tag(text, DCT) == full_scan.tag(text, DCT)


TENSE_PIECES = [
    "will", "we'll", "'ll", "next to", "next door", "next", "had been scheduled", "previously",
    "said", "was", "be named", "succeeded", "planned", "visited", "Reported", "bed", "shed",
    "set to", "going to", "since", "as soon as", "effective", ",", ".", "'", "be", "2020ed",
    "may", "May", "MAY", "may have",
]  # fmt: skip


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(TENSE_PIECES) | st.text(max_size=6), max_size=12))
def test_words_of_tense_are_found_where_a_scan_of_the_whole_text_finds_them(pieces):
    """The words of tense are tried only where the tagger's reading of a sentence's words
    says one may begin; a scan of every position of the text must find no other."""
    from timeline.temporal.resolve import _Markers
    from timeline.temporal.tagger import _ASCII_LOWER, default_tagger

    tagger = default_tagger()
    text = " ".join(pieces)
    lowered = text.translate(_ASCII_LOWER)
    _, words = tagger._read_words(text, lowered, tense=True)
    starts = tagger._tense_starts(lowered, words, [(0, text)])
    for pattern in (tagger._tense.future, tagger._tense.past):
        found = _Markers(text, pattern, starts)
        scanned = [(m.start(), m.end()) for m in pattern.finditer(text)]
        assert list(zip(found.starts, found.ends, strict=True)) == scanned


# --- history writing: the story's own time, years before Christ, ranges, clocks ----------------

DOWNLOADED = date(2009, 12, 19)  # a history page, read long after the events it tells


@pytest.mark.parametrize(
    ("text", "dct", "anchor", "expected"),
    [
        # a story told of the past: a date without a year takes the story's year
        ("In August 1941 the siege began. In September the city was cut off.", DOWNLOADED,
         "auto", [("August 1941", "1941-08"), ("September", "1941-09")]),
        ("On 10 March 1975 the offensive began, planned to end in 1976. It fell on 11 March.",
         DOWNLOADED, "auto", [("10 March 1975", "1975-03-10"), ("1976", "1976"),
                              ("11 March", "1975-03-11")]),
        ("In August 1941 the siege began. In September the city was cut off.", DOWNLOADED,
         "document", [("August 1941", "1941-08"), ("September", "2009-09")]),
        # a year after a word of scene.csv in the text's first sentence, told in the past in
        # its main clause, dates what the text is about (a title may come before it)
        ("The Falklands War was a ten-week conflict between Argentina and Britain in 1982. It "
         "began on 2 April.", DOWNLOADED, "auto",
         [("ten-week", "P10W"), ("1982", "1982"), ("2 April", "1982-04-02")]),
        ("Falklands War\n\nThe war was fought in 1982. It began on 2 April.", DOWNLOADED, "auto",
         [("1982", "1982"), ("2 April", "1982-04-02")]),
        ("The disaster was an accident that occurred in 1986. On 28 April it was reported.",
         DOWNLOADED, "auto", [("1986", "1986"), ("28 April", "1986-04-28")]),
        ("Rihanna has defended Brown, who assaulted her in 2009. In February she sang.",
         date(2012, 6, 7), "auto", [("2009", "2009"), ("February", "2012-02")]),
        ("A story mentioned that a writer had accused him of it in 2003. On 10 March he spoke.",
         date(2012, 3, 18), "auto", [("2003", "2003"), ("10 March", "2012-03-10")]),
        ("He spoke. The war was fought in 1982. It began on 2 April.", DOWNLOADED, "auto",
         [("1982", "1982"), ("2 April", "2009-04-02")]),  # not the first sentence
        ("Medvedev has spent the new year at a ski resort.", date(2010, 1, 5), "auto",
         [("the new year", "2010")]),
        # a past form joined by "and" to a perfect is a perfect too: told as it stands now
        ("Building began in September 2022 and was to end by late 2025. The firm has spent "
         "$7bn and received grants in March.", date(2026, 10, 28), "auto",
         [("September 2022", "2022-09"), ("late 2025", "2025"), ("March", "2026-03")]),
        ("Building began in September 2022 and was to end by late 2025. The firm had spent "
         "$7bn and received grants in March.", date(2026, 10, 28), "auto",
         [("September 2022", "2022-09"), ("late 2025", "2025"), ("March", "2022-03")]),
        # a date earlier than the story its own sentence moved to is a point compared with
        ("Deaths fell to 100 a month in the second half of 2008, from a peak of 300 in summer "
         "2007. In May the army attacked.", DOWNLOADED, "auto",
         [("a month", "P1M"), ("the second half of 2008", "2008-H2"),
          ("summer 2007", "2007-SU"), ("May", "2008-05")]),
        ("In March 2008 the army attacked Basra, and in May 2009 it moved on Mosul. In July it "
         "rested.", DOWNLOADED, "auto",
         [("March 2008", "2008-03"), ("May 2009", "2009-05"), ("July", "2009-07")]),
        # a day whose year is named after it (after an aside) is named in full: it moves
        # the story, which goes on across the new year
        ("On December 7 (December 8 in Asian time zones), 1941, Japan attacked. Germany "
         "declared war. In January, the Allies issued a declaration.", DOWNLOADED, "auto",
         [("December 7", "1941-12-07"), ("December 8", "1941-12-08"), ("1941", "1941"),
          ("January", "1942-01")]),
        # a quotation in a story of the past counts from the story's date, named near it
        ('In a speech on September 10, 2007, Petraeus "envisioned the withdrawal of troops by '
         'next summer."', DOWNLOADED, "auto",
         [("September 10, 2007", "2007-09-10"), ("next summer", "2008-SU")]),
        ('In October 1967 protesters chanted "How many boys did you kill today?"', DOWNLOADED,
         "auto", [("October 1967", "1967-10"), ("today", "1967-10-XX")]),
        ('On Monday he said: "We will win next summer."', DOWNLOADED, "auto",
         [("Monday", "2009-12-14"), ("next summer", "2010-SU")]),
        # news about its present keeps the document's year; a look ahead stays ahead
        ("The law passed in May. Talks ended in June.", date(2024, 7, 1), "auto",
         [("May", "2024-05"), ("June", "2024-06")]),
        ("Back in 1959 and 1962 he tried. He will testify on Feb. 10.", date(2000, 1, 7),
         "auto", [("1959", "1959"), ("1962", "1962"), ("Feb. 10", "2000-02-10")]),
        ("In 1998 it began. In 2001 it grew. In March it ended.", date(2024, 7, 1),
         "narrative", [("1998", "1998"), ("2001", "2001"), ("March", "2001-03")]),
        # a date that names something ("the August 1988 cease-fire") does not move the story
        ("Iraq rejected the treaty after the August 1988 cease-fire. Iraq invaded Kuwait on "
         "Aug. 2.", date(1990, 8, 15), "auto",
         [("August 1988", "1988-08"), ("Aug. 2", "1990-08-02")]),
        ("The Dec. 21, 1988, bombing was blamed on Libya. Libya agreed in April to a trial.",
         date(1999, 6, 7), "auto", [("Dec. 21, 1988", "1988-12-21"), ("April", "1999-04")]),
        ("Iraq signed it in August 1988. On Aug. 20 the guns fell silent.", date(1990, 8, 15),
         "auto", [("August 1988", "1988-08"), ("Aug. 20", "1988-08-20")]),
        # a story one year back is told of the past too; a story ahead of the document is not
        ("In March 2008 the army attacked Basra. In May it moved on Mosul.", DOWNLOADED,
         "auto", [("March 2008", "2008-03"), ("May", "2008-05")]),
        ("The rule expires on Dec. 31, 1990. The state sold its stake in 1984. This year GM "
         "bid.", date(1989, 10, 27), "auto",
         [("Dec. 31, 1990", "1990-12-31"), ("1984", "1984"), ("This year", "1989")]),
        # a date opening its sentence is read in that sentence, not the one before
        ("In January 2005 Iraq voted. On February 4 a pull-out was announced for the next "
         "month. February to April were quiet.", DOWNLOADED, "auto",
         [("January 2005", "2005-01"), ("February 4", "2005-02-04"),
          ("the next month", "2005-03"), ("February", "2005-02"), ("April", "2005-04")]),
        # once the text speaks of its own present again ("on Saturday"), the story is left
        ("The revolution won on Jan. 1, 1959. Protesters planned a rally on Saturday, the "
         "largest since early December.", date(2000, 1, 7), "auto",
         [("Jan. 1, 1959", "1959-01-01"), ("Saturday", "2000-01-08"),
          ("early December", "1999-12")]),
        # ... and one date in passing after that is background, not a new story; two are
        ("CMS said today it would resume its dividend. It stopped paying in the third "
         "quarter of 1984. CMS reported third-quarter net of $68 million.", date(1989, 10, 27),
         "auto", [("today", "1989-10-27"), ("the third quarter of 1984", "1984-Q3"),
                  ("third-quarter", "1989-Q3")]),
        ("Talks resumed today. The war began in May 1941 and spread in June 1942. In July "
         "the front held.", date(2009, 12, 19), "auto",
         [("today", "2009-12-19"), ("May 1941", "1941-05"), ("June 1942", "1942-06"),
          ("July", "1942-07")]),
        # a year named before in the sentence does not date what the clause says is ahead
        ("Poland, invited to join NATO in Madrid in July 1997, will officially join on March "
         "12. Goencz signed the document on February 10.", date(1999, 2, 27), "auto",
         [("July 1997", "1997-07"), ("March 12", "1999-03-12"),
          ("February 10", "1999-02-10")]),
        # a count of years that opens its sentence counts from the story, not from the start
        # of a state that still held; from any other date mentioned, and from a later one
        ("In 492 BC he took Thrace, Persian since 513 BC. The following year, he sent envoys.",
         DOWNLOADED, "auto",
         [("492 BC", "BC0492"), ("513 BC", "BC0513"), ("The following year", "BC0491")]),
        ("In 492 BC he took Thrace, Persian since 513 BC. In June of the following year he "
         "sailed.", DOWNLOADED, "auto",
         [("492 BC", "BC0492"), ("513 BC", "BC0513"), ("June of the following year",
                                                       "BC0491-06")]),
        ("In 2002 he was charged. He spoke to the BBC in 1990. A year later, war came.",
         DOWNLOADED, "auto", [("2002", "2002"), ("1990", "1990"), ("A year later", "1991")]),
        ("In 1956 the war spread. The army changed tactics at the end of 1958. Within the next "
         "year, the revolt was crushed.", DOWNLOADED, "auto",
         [("1956", "1956"), ("the end of 1958", "1958"), ("the next year", "1959")]),
        # nor is a year after "since": it starts a state that still holds
        ("The party, led since 2007 by him, lost an impeachment vote in April.",
         date(2016, 5, 27), "auto", [("2007", "2007"), ("April", "2016-04")]),
        # a year guessed for a month earlier in the sentence is no year named there
        ("In December they met, and on January 3 they signed.", date(2019, 1, 10), "auto",
         [("December", "2018-12"), ("January 3", "2019-01-03")]),
        ("It will be paid in January to holders of record Dec. 21.", date(1989, 10, 26),
         "auto", [("January", "1990-01"), ("Dec. 21", "1989-12-21")]),
        ("In March 2018 they met, and on April 5 they signed.", date(2019, 1, 10),
         "auto", [("March 2018", "2018-03"), ("April 5", "2018-04-05")]),
        # the end of a span looks ahead and does not move the story
        ("In June 1944 the army attacked Hungary in an assault that lasted until the fall "
         "of Budapest in February 1945. By the start of July it held the line.", DOWNLOADED,
         "auto", [("June 1944", "1944-06"), ("February 1945", "1945-02"),
                  ("the start of July", "1944-07")]),
        # "the end of the month" in a story is the story's month
        ("On 10 May 1940 Germany attacked. By the end of the month the army was trapped.",
         DOWNLOADED, "auto", [("10 May 1940", "1940-05-10"), ("the end of the month", "1940-05")]),
        # ... and "the end of the decade" right after a decade, that decade
        ("She opened a library in the spring of 1959. Through the 1960s she worked for the "
         "council, and by the end of the decade she had her own practice.", DOWNLOADED, "auto",
         [("the spring of 1959", "1959-SP"), ("the 1960s", "196"),
          ("the end of the decade", "196")]),
        ("In 1931 she was born. By the end of the decade she was in school.", DOWNLOADED,
         "auto", [("1931", "1931"), ("the end of the decade", "193")]),
        # ... or of a later year named in passing, which moves no story
        ("In March 1998 it began.\n\nThe company went public in 2004. By the end of the decade "
         "it led.", date(2024, 11, 20), "auto",
         [("March 1998", "1998-03"), ("2004", "2004"), ("the end of the decade", "200")]),
        ("Emissions have fallen since the 1990s and will halve by the end of the decade.",
         DOWNLOADED, "auto", [("the 1990s", "199"), ("the end of the decade", "200")]),
        ("In April 2004 the town fell. Another major event of this year was the trial.",
         DOWNLOADED, "auto", [("April 2004", "2004-04"), ("this year", "2004")]),
        # ... but "this year" and "earlier this year" are the document's
        ("They married in 1978. By 1989 he led the unions. Earlier this year he retired. In "
         "March he left.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("Earlier this year", "2009"),
          ("March", "2009-03")]),
        ("They married in 1978. By 1989 he led the unions. He spoke during this year's "
         "campaign.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("this year", "2009")]),
        # a story before Christ: its months and following years are before Christ too
        # two months joined as a pair agree: the second is the first's or the next year's
        ("In 1944 they landed. They fought from October to March, then pushed on.",
         DOWNLOADED, "auto", [("1944", "1944"), ("October", "1944-10"), ("March", "1945-03")]),
        ("They took Manila in March 1945. They had fought from October to March.",
         DOWNLOADED, "auto",
         [("March 1945", "1945-03"), ("October", "1944-10"), ("March", "1945-03")]),
        ("On February 4, 2005 he spoke. It was calm compared to the carnage of November and "
         "January.", DOWNLOADED, "auto",
         [("February 4, 2005", "2005-02-04"), ("November", "2004-11"), ("January", "2005-01")]),
        ("During the fighting in July and August, the army failed.", date(2007, 5, 10), "auto",
         [("July", "2006-07"), ("August", "2006-08")]),
        ("He can expect more criticism in July or August.", date(2007, 5, 4), "auto",
         [("July", "2007-07"), ("August", "2007-08")]),
        ("The release has been pushed back from November to January.", date(2007, 10, 11),
         "auto", [("November", "2007-11"), ("January", "2008-01")]),
        ("She had an affair between January and August last year.", date(2013, 2, 26), "auto",
         [("January", "2012-01"), ("August last year", "2012-08")]),
        ("He was to run in the election next April and May.", date(2011, 5, 15), "auto",
         [("next April", "2012-04"), ("May", "2012-05")]),
        # ... and so do the two days that end a span, and the pair told ahead is the one going on
        ("The season, which runs from June 1 to Nov. 30, has produced 14 storms.",
         date(2024, 9, 8), "auto", [("June 1", "2024-06-01"), ("Nov. 30", "2024-11-30")]),
        ("The season runs from June to November.", date(2024, 9, 8), "auto",
         [("June", "2024-06"), ("November", "2024-11")]),
        ("The season runs from June to November.", date(2025, 3, 1), "auto",
         [("June", "2025-06"), ("November", "2025-11")]),
        # ... and so do two quarters ("of" and "to" before a bare quarter name it one)
        ("Growth slowed from Q2 to Q3.", date(2025, 3, 15), "auto",
         [("Q2", "2024-Q2"), ("Q3", "2024-Q3")]),
        ("The bank has until the end of Q3 to appeal.", date(2025, 3, 15), "auto",
         [("Q3", "2025-Q3")]),
        ("Jessie J (31 Mar-9 Apr)", date(2011, 2, 5), "auto",
         [("31 Mar", "2011-03-31"), ("9 Apr", "2011-04-09")]),
        ("The talks were held from 2-27 Jan. to 8-9 Nov.", date(2025, 3, 1), "auto",
         [("2", "2024-01-02"), ("27 Jan.", "2024-01-27"), ("8", "2024-11-08"),
          ("9 Nov.", "2024-11-09")]),
        # an entry of a dated list: its line's dates are in its date's year, whatever the tense
        ("March 2021: The complaint is filed; a hearing is set for May.", date(2024, 3, 5),
         "auto", [("March 2021", "2021-03"), ("May", "2021-05")]),
        ("Summer 2021: Discovery runs through the end of the year.", date(2024, 3, 5), "auto",
         [("Summer 2021", "2021-SU"), ("the end of the year", "2021")]),
        ("• Dec. 3, 2020 – Talks open; a deal follows in January.", date(2024, 3, 5), "auto",
         [("Dec. 3, 2020", "2020-12-03"), ("January", "2021-01")]),
        ("2019 - The firm will open a plant in May.", date(2024, 3, 5), "auto",
         [("2019", "2019"), ("May", "2019-05")]),
        # ... up to the line's end, and not when told against the document date
        ("March 2021: The complaint is filed.\nA hearing is set for May.", date(2024, 3, 5),
         "auto", [("March 2021", "2021-03"), ("May", "2024-05")]),
        ("March 2021: A hearing is set for May.", date(2024, 3, 5), "document",
         [("March 2021", "2021-03"), ("May", "2024-05")]),
        # ... but a day and a month are no pair, nor are days listed
        ("After a revision Friday to December's figures, jobs rose.", date(1998, 2, 6), "auto",
         [("Friday", "1998-02-06"), ("December", "1997-12")]),
        ("from 2-27 Jan. and 8-9 Nov", date(2025, 7, 10), "auto",
         [("2", "2025-01-02"), ("27 Jan.", "2025-01-27"), ("8", "2024-11-08"),
          ("9 Nov", "2024-11-09")]),
        # a bullet ends a sentence: a year opening a list item sets the scene
        ("· 1989 Taylor invades · 2002 Thousands flee. He lifts the emergency in September "
         "· 2003 Fighting flares", date(2003, 8, 12), "auto",
         [("1989", "1989"), ("2002", "2002"), ("September", "2002-09"), ("2003", "2003")]),
        ("In 490 BC the Persians landed. In September they were beaten. The following year "
         "they left.", DOWNLOADED, "auto",
         [("490 BC", "BC0490"), ("September", "BC0490-09"), ("The following year", "BC0489")]),
        ("In April 480 BC the fleet sailed; on 17 August it fought.", DOWNLOADED, "auto",
         [("April 480 BC", "BC0480-04"), ("17 August", "BC0480-08-17")]),
        # a date counted from the story's, opening its sentence, moves the story with it
        ("In June 1941 Germany invaded. The following year it reached the Volga. In July it "
         "attacked.", DOWNLOADED, "auto",
         [("June 1941", "1941-06"), ("The following year", "1942"), ("July", "1942-07")]),
        # ... and so does one opening a clause joined by "and", "but" or a semicolon
        ("On May 22, 1995, he was made a general, and the following year he was sent to "
         "Washington. In December he was ordered home.", DOWNLOADED, "auto",
         [("May 22, 1995", "1995-05-22"), ("the following year", "1996"),
          ("December", "1996-12")]),
        ("In June 1941 Germany invaded. A year later it reached the Volga. The next year it "
         "retreated.", DOWNLOADED, "auto",
         [("June 1941", "1941-06"), ("A year later", "1942"), ("The next year", "1943")]),
        # "the following summer": the first one after the date before; "the previous" the
        # last one before it
        ("In 1942 the army reached the Volga. The following summer it attacked at Kursk. "
         "In July it lost.", DOWNLOADED, "auto",
         [("1942", "1942"), ("The following summer", "1943-SU"), ("July", "1943-07")]),
        ("In March 1942 the front held. The following summer it broke; the previous winter "
         "it had frozen.", DOWNLOADED, "auto",
         [("March 1942", "1942-03"), ("The following summer", "1942-SU"),
          ("the previous winter", "1941-WI")]),
        ("In the summer of 1942 the army advanced. The following autumn it stalled; the "
         "previous spring it had waited.", DOWNLOADED, "auto",
         [("the summer of 1942", "1942-SU"), ("The following autumn", "1942-FA"),
          ("the previous spring", "1942-SP")]),
        ("In 490 BC the Persians landed. The following spring they sailed home.", DOWNLOADED,
         "auto", [("490 BC", "BC0490"), ("The following spring", "BC0489-SP")]),
        ("The treaty was signed on 12 June 1920. The following March the army withdrew.",
         DOWNLOADED, "auto",
         [("12 June 1920", "1920-06-12"), ("The following March", "1921-03")]),
        ("The council will meet in the following March.", date(2025, 1, 10), "auto",
         [("the following March", "2025-03")]),
        # a weekday: the document's with auto (news names the days of its week), the
        # story's day's with narrative or no document date; of a week not known in a story
        # known only to its year
        ("On 13 September 2007 he was killed. They called Thursday's killing heroic.",
         DOWNLOADED, "narrative",
         [("13 September 2007", "2007-09-13"), ("Thursday's", "2007-09-13")]),
        ("On 13 September 2007 he was killed. They called Thursday's killing heroic.",
         None, "auto", [("13 September 2007", "2007-09-13"), ("Thursday's", "2007-09-13")]),
        ("On 13 September 2007 he was killed. They called Thursday's killing heroic.",
         DOWNLOADED, "auto", [("13 September 2007", "2007-09-13"), ("Thursday's", "2009-12-17")]),
        ("On Monday 5 March 2018 they met. Last Monday they had quarrelled.", DOWNLOADED,
         "narrative", [("Monday 5 March 2018", "2018-03-05"), ("Last Monday", "2018-02-26")]),
        ("In 1941 crowds gathered after Friday prayers.", DOWNLOADED, "narrative",
         [("1941", "1941"), ("Friday", "XXXX-WXX-5")]),
        # ... not one in passing, nor a length counted back from the document
        ("Sales rose to $5 million from $4 million a year earlier. In July 1988 it cut "
         "prices. In May it cut jobs.", date(1989, 10, 27), "auto",
         [("a year earlier", "1988"), ("July 1988", "1988-07"), ("May", "1988-05")]),
        # a year after "since", even at the start of its sentence, does not move the story
        ("Since 1984, stocks have risen. Stocks had their best first quarter in years.",
         date(2011, 4, 3), "auto",
         [("1984", "1984"), ("first quarter", "2011-Q1"), ("years", "PXY")]),
        # back in the present tense after a paragraph of background, the document's year
        ("They married in 1978. By 1989 he led the unions. Questions remain over the crash "
         "on 6 March.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("6 March", "2009-03-06")]),
        ("They married in 1978. By 1989 he led the unions. He says the crash on 6 March was "
         "no accident.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("6 March", "2009-03-06")]),
        ("They married in 1978. By 1989 he led the unions. The strike on 6 March failed.",
         date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("6 March", "1989-03-06")]),
        # ... and so is a sentence whose main clause is told in the present, outside a
        # quotation; not an opening clause of its own before a comma
        ("They married in 1978. By 1989 he led the unions. He has cited his rights. In March "
         "a man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("March", "2009-03")]),
        ("They married in 1978. By 1989 he led the unions. As his son has noted, he was "
         "proud. In March a man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("March", "1989-03")]),
        ("They married in 1978. By 1989 he led the unions. The unions are 73% of the staff "
         "(as of May 1990). In March a man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("May 1990", "1990-05"), ("March", "1989-03")]),
        ('They married in 1978. By 1989 he led the unions. "He is proud," she said. In March '
         'a man died.', date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("March", "1989-03")]),
        ("They married in 1978. By 1989 he led the unions. He said he is proud. In March a "
         "man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("March", "1989-03")]),
        ('They married in 1978. By 1989 he led the unions. He said, "The strike is on 6 '
         'March."', date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("6 March", "1989-03-06")]),  # a quotation
        # a day early in a year, soon after one late in the year before, goes on across the
        # new year; not where the sentence holds a perfect, nor months apart
        ("Washington crossed the Delaware on 25 December 1776. On 3 January he won.",
         DOWNLOADED, "auto", [("25 December 1776", "1776-12-25"), ("3 January", "1777-01-03")]),
        ("On 25 December 1776 Washington crossed the Delaware, and on 3 January he won.",
         DOWNLOADED, "auto", [("25 December 1776", "1776-12-25"), ("3 January", "1777-01-03")]),
        ("Washington crossed the Delaware on 25 December 1776. He had left on 3 January.",
         DOWNLOADED, "auto", [("25 December 1776", "1776-12-25"), ("3 January", "1776-01-03")]),
        # the end of a span whose start moved the story moves it on
        ("The campaign lasted from November 21, 1948 to January 31, 1949. On April 21, troops "
         "crossed.", DOWNLOADED, "auto", [("November 21, 1948", "1948-11-21"),
                                          ("January 31, 1949", "1949-01-31"),
                                          ("April 21", "1949-04-21")]),
        ("The siege lasted until the fall of the city in February 1945. In 1944 it began. In "
         "March, they left.", DOWNLOADED, "auto",
         [("February 1945", "1945-02"), ("1944", "1944"), ("March", "1944-03")]),
        # ... but a perfect told up to a deadline ("by", "until") reaches it, after the story
        ("On 16 December 1944 Germany attacked. The attack had been repulsed by January.",
         DOWNLOADED, "auto", [("16 December 1944", "1944-12-16"), ("January", "1945-01")]),
        ("The army landed in December 2008. At the end of March, it attacked.",
         DOWNLOADED, "auto", [("December 2008", "2008-12"), ("the end of March", "2008-03")]),
        # "next Friday" in a story is the Friday of the week after the story's day
        ("On 5 September 2013 he said the vote was next Friday.", None, "auto",
         [("5 September 2013", "2013-09-05"), ("next Friday", "2013-09-13")]),
        # a length up to now, a word of the present, or a month or season counted from the
        # document ("last summer"), brings the text back to its present
        ("They married in 1978. By 1989 he led the unions. Over the last 14 years many have "
         "died. Troops landed on 4 March.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("the last 14 years", "P14Y"),
          ("4 March", "2009-03-04")]),
        ("They married in 1978. By 1989 he led the unions. Suicides rose over the past "
         "decade. In March a man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("the past decade", "P10Y"),
          ("March", "2009-03")]),
        ("They married in 1978. By 1989 he led the unions. He is currently in exile. In March "
         "a man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("currently", "PRESENT_REF"),
          ("March", "2009-03")]),
        ("They married in 1978. By 1989 he led the unions. Rents rose in recent years. In "
         "March a man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("recent years", "PAST_REF"),
          ("March", "2009-03")]),
        ("They married in 1978. By 1989 he led the unions. His ratings recently rose after a "
         "raid in September.", date(2009, 10, 29), "auto",
         [("1978", "1978"), ("1989", "1989"), ("recently", "PAST_REF"),
          ("September", "2009-09")]),
        ("They married in 1978. By 1989 he led the unions. He bought a house last summer. In "
         "October he said so.", date(2011, 4, 13), "auto",
         [("1978", "1978"), ("1989", "1989"), ("last summer", "2010-SU"),
          ("October", "2010-10")]),
        # ... also after a quotation that ran over paragraphs whose breaks were lost: each
        # paragraph opens it again, and only the last closes it
        ("They married in 1978. By 1989 he led the unions. “The state is old. “Can't we "
         "change? I believe so.” More recently he was a judge. In March a man died.",
         date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("recently", "PAST_REF"), ("March", "2009-03")]),
        # ... and so does a perfect before "since": the state holds to the document's present
        ("They married in 1978. By 1989 he led the unions. His blog has been shut since May.",
         date(2009, 8, 27), "auto", [("1978", "1978"), ("1989", "1989"), ("May", "2009-05")]),
        ("They married in 1978. By 1989 he led the unions. His blog had been shut since May.",
         date(2009, 8, 27), "auto", [("1978", "1978"), ("1989", "1989"), ("May", "1989-05")]),
        # a future told in the past, right after a date of a story of the past, counts from
        # the story; "will" looks ahead of the document date
        ("On October 5, 1910, Madero issued a letter. It called for a revolt starting on "
         "November 20.", date(2009, 12, 19), "auto",
         [("October 5, 1910", "1910-10-05"), ("November 20", "1910-11-20")]),
        ("In a speech on September 10, 2007, he said troops would leave in September. On "
         "September 14, Bush agreed.", date(2009, 12, 19), "auto",  # the story's own month
         [("September 10, 2007", "2007-09-10"), ("September", "2007-09"),
          ("September 14", "2007-09-14")]),
        ("On October 5, 1910, Madero issued a letter. He said the revolt will start on "
         "November 20.", date(2009, 11, 2), "auto",
         [("October 5, 1910", "1910-10-05"), ("November 20", "2009-11-20")]),
        # ... and so does a perfect: what was done is told as it stands now
        ("They married in 1978. By 1989 he led the unions. The team have won twice in March.",
         date(2009, 4, 18), "auto", [("1978", "1978"), ("1989", "1989"), ("March", "2009-03")]),
        ("They married in 1978. By 1989 he led the unions. The team had won twice in March.",
         date(2009, 4, 18), "auto", [("1978", "1978"), ("1989", "1989"), ("March", "1989-03")]),
        # ... but "now" alone may be the story's, and a quotation's present is the speaker's;
        # so is "recently" describing a noun
        ("On 15 May 1904 two ships struck a recently laid minefield. In August they sailed.",
         DOWNLOADED, "auto",
         [("15 May 1904", "1904-05-15"), ("recently", "PAST_REF"), ("August", "1904-08")]),
        ("They married in 1978. By 1989 he led the unions. The army now moved north. In March "
         "a man died.", date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("now", "PRESENT_REF"), ("March", "1989-03")]),
        ('They married in 1978. By 1989 he led the unions.\n"They lied. Is a word reliable '
         'these days?" In March a man died.', date(2009, 4, 18), "auto",
         [("1978", "1978"), ("1989", "1989"), ("these days", "PRESENT_REF"),
          ("March", "1989-03")]),
        # a date right after "recently" is the document's, the latest begun by its date
        ("The launch was first planned for 2022 but slipped twice, most recently in January.",
         date(2025, 11, 18), "auto",
         [("2022", "2022"), ("recently", "PAST_REF"), ("January", "2025-01")]),
        ("In 2019 prices were higher, and as recently as March they rose.",
         date(2025, 11, 18), "auto",
         [("2019", "2019"), ("recently", "PAST_REF"), ("March", "2025-03")]),
        ("In 1998 he recently moved in March.", date(2025, 11, 18), "auto",
         [("1998", "1998"), ("recently", "PAST_REF"), ("March", "1998-03")]),
    ],
)  # fmt: skip
def test_a_date_without_a_year_takes_the_story_s_year(text, dct, anchor, expected):
    assert [(t.text, t.value) for t in tag(text, dct, anchor)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # years before Christ
        ("Caesar died in 44 BC.", [("44 BC", "BC0044")]),
        ("He reigned 336-323 BC.", [("336", "BC0336"), ("323 BC", "BC0323")]),
        ("in the summer of 415 BC", [("the summer of 415 BC", "BC0415-SU")]),
        # a season with "the" and a year is one date, and lends its year ("the" names nothing)
        ("A convention met in the summer of 1787 and finished its work on 17 September.",
         [("the summer of 1787", "1787-SU"), ("17 September", "1787-09-17")]),
        ("in the 5th century BC", [("the 5th century BC", "BC04")]),
        # a part of a century or decade is that century or decade, not a half of this year
        ("in the second half of the 19th century",
         [("the second half of the 19th century", "18")]),
        ("in the latter part of the 5th century BC",
         [("the latter part of the 5th century BC", "BC04")]),
        ("in the first half of the 1990s", [("the first half of the 1990s", "199")]),
        ("Forecasters expect a cooler first half of July.",
         [("a cooler first half of July", "2025-07")]),
        ("in the second half of March 2024", [("the second half of March 2024", "2024-03")]),
        ("built in the 1280s, not in the 1100s", [("the 1280s", "128"), ("the 1100s", "11")]),
        ("In Q2 FY25 margins rose, against Q2 FY2024 and H1 fiscal 2023.",
         [("Q2 FY25", "2025-Q2"), ("Q2 FY2024", "2024-Q2"), ("H1 fiscal 2023", "2023-H1")]),
        ("by the end of calendar 2025, in calendar year 2024",
         [("the end of calendar 2025", "2025"), ("calendar year 2024", "2024")]),
        ("in the first months of 2013", [("the first months of 2013", "2013")]),
        # a winter of two years is one, from December of the first
        ("in the winter of 1941-42", [("the winter of 1941-42", "1941-WI")]),
        ("during the 2022/2023 winter", [("the 2022/2023 winter", "2022-WI")]),
        ("by 490 B.C. the fleet", [("490 B.C.", "BC0490")]),
        ("in the 470s BC, by the end of the 460s BC", [("the 470s BC", "BC047"),
                                                       ("the end of the 460s BC", "BC046")]),
        # the first element of a range
        ("from 17-21 April 1961", [("17", "1961-04-17"), ("21 April 1961", "1961-04-21")]),
        ("on 3-5 August 1998", [("3", "1998-08-03"), ("5 August 1998", "1998-08-05")]),
        ("from 2-27 Jan. and 8-9 Nov", [("2", "2025-01-02"), ("27 Jan.", "2025-01-27"),
                                        ("8", "2024-11-08"), ("9 Nov", "2024-11-09")]),
        # ... and its last: the second year, the second day of a month named once
        ("in 1918-20 and 1995-96", [("1918", "1918"), ("20", "1920"), ("1995", "1995"),
                                    ("96", "1996")]),
        ("on April 6-7 and May 4 and 5", [("April 6", "2025-04-06"), ("7", "2025-04-07"),
                                          ("May 4", "2025-05-04"), ("5", "2025-05-05")]),
        ("between January 25-29, 1905", [("January 25", "1905-01-25"),
                                         ("29, 1905", "1905-01-29")]),
        ("On April 6 they won 3-2 and 7-1.", [("April 6", "2025-04-06")]),
        # ... and a list of days that names its month once, each a day
        ("walk out on 3, 4 and 5 March", [("3", "2025-03-03"), ("4", "2025-03-04"),
                                          ("5 March", "2025-03-05")]),
        ("strike on March 3, 4 and 5", [("March 3", "2025-03-03"), ("4", "2025-03-04"),
                                        ("5", "2025-03-05")]),
        ("on the 3rd, 4th or 5th of March", [("3rd", "2025-03-03"), ("4th", "2025-03-04"),
                                              ("5th of March", "2025-03-05")]),
        ("On March 3, 40 people died.", [("March 3", "2025-03-03")]),
        # ... in the year of the day that names the month, however it is named
        ("arrested on 3 and 4 April last year", [("3", "2024-04-03"),
                                                 ("4 April last year", "2024-04-04")]),
        ("arrested on 3, 4 and 5 April last year", [("3", "2024-04-03"), ("4", "2024-04-04"),
                                                    ("5 April last year", "2024-04-05")]),
        # ... in words: "from 3 to 5 March", "between 3 and 5 March", "March 3 to 5"
        ("held from 3 to 5 March 2015", [("3", "2015-03-03"), ("5 March 2015", "2015-03-05")]),
        ("held from March 3 to 5, 2015", [("March 3", "2015-03-03"), ("5, 2015", "2015-03-05")]),
        ("between 3 and 5 March 2015", [("3", "2015-03-03"), ("5 March 2015", "2015-03-05")]),
        ("ran March 3 through 5", [("March 3", "2025-03-03"), ("5", "2025-03-05")]),
        ("on December 16 - 20", [("December 16", "2024-12-16"), ("20", "2024-12-20")]),
        ("On March 3 prices rose from 3 to 5 percent.", [("March 3", "2025-03-03")]),
        ("from 2007-08-15 on", [("2007-08-15", "2007-08-15")]),
        ("open seven days per week", [("seven days per week", "P1W")]),
        ("On February 29, 2024 it opened", [("February 29, 2024", "2024-02-29")]),
        # clock times
        ("at 3pm, 11AM and 9:45pm", [("3pm", "2025-07-10T15:00"), ("11AM", "2025-07-10T11:00"),
                                     ("9:45pm", "2025-07-10T21:45")]),
        ("at 16:30 GMT on 2 June 2019", [("16:30 GMT on 2 June 2019", "2019-06-02T16:30")]),
        ("at 16:05 GMT on 2 June 2019", [("16:05 GMT on 2 June 2019", "2019-06-02T16:05")]),
        # a clock time of four digits with a zone, not a year; with the day named after it
        # "o'clock", after a number or a word, as written (no morning or evening is said)
        ("fell silent at 11 o'clock", [("11 o'clock", "2025-07-10T11:00")]),
        ("at eleven o’clock on 11 November 1918",
         [("eleven o’clock", "1918-11-11T11:00"), ("11 November 1918", "1918-11-11")]),
        ("at twelve o'clock and at 6 o'clock in the evening",
         [("twelve o'clock", "2025-07-10T12:00"),
          ("6 o'clock in the evening", "2025-07-10T18:00")]),
        ("He stopped the clock at one.", []),
        ("how do I get on the six o'clock news bulletin?", []),
        ("new as of five o'clock yesterday", [("five o'clock yesterday", "2025-07-09T05:00")]),
        ("lifted at 1600 GMT", [("1600 GMT", "2025-07-10T16:00")]),
        ("at 6 pm local time (1600 BST)", [("6 pm local time", "2025-07-10T18:00"),
                                          ("1600 BST", "2025-07-10T16:00")]),
        ("The vote was 1600 to 200.", [("1600", "1600")]),
        ("until 6 am today", [("6 am today", "2025-07-10T06:00")]),
        ("shot at 9 p.m. yesterday", [("9 p.m. yesterday", "2025-07-09T21:00")]),
        ("at 14:00 GMT", [("14:00 GMT", "2025-07-10T14:00")]),
        # a 24-hour clock time takes the day named after it, and stands alone after "at"
        ("The polls closed at 18:00 GMT on Friday.", [("18:00 GMT on Friday", "2025-07-04T18:00")]),
        ("It was amended at 16:45 on December 17.", [("16:45 on December 17", "2024-12-17T16:45")]),
        ("It opens at 09:30 local time on 3 August.",
         [("09:30 local time on 3 August", "2025-08-03T09:30")]),
        ("Talks resume at 10:30 tomorrow.", [("10:30 tomorrow", "2025-07-11T10:30")]),
        ("The Queen arrived at 12:15 and left before 13:05.",
         [("12:15", "2025-07-10T12:15"), ("13:05", "2025-07-10T13:05")]),
        ("The ratio stood at 2.45:1; he ran it in 2:08:30.", []),
        # the first clock time of a span takes the day named with the second
        ("The vote ran from 7am until 10pm on Monday.",
         [("7am", "2025-07-07T07:00"), ("10pm on Monday", "2025-07-07T22:00")]),
        ("Shops opened from 09:00 to 17:30 on 3 June.",
         [("09:00", "2025-06-03T09:00"), ("17:30 on 3 June", "2025-06-03T17:30")]),
        ("It ran from 7am on Monday until 10pm.",
         [("7am on Monday", "2025-07-07T07:00"), ("10pm", "2025-07-07T22:00")]),
        # a clock time beside a set, or joined to one that is, recurs: no day is known
        ("The shop opens every day at 8am; trains run at 10am on Sundays.",
         [("every day", "P1D"), ("8am", "XXXX-XX-XXT08:00"), ("10am", "XXXX-XX-XXT10:00"),
          ("Sundays", "XXXX-WXX-7")]),
        ("A helpline is open seven days a week, from 8am to 8pm.",
         [("seven days a week", "P1W"), ("8am", "XXXX-XX-XXT08:00"),
          ("8pm", "XXXX-XX-XXT20:00")]),
        ("On Monday at 9am, and daily after that, he rang.",
         [("Monday", "2025-07-07"), ("9am", "2025-07-07T09:00"), ("daily", "P1D")]),
        ("He was called at 11.20pm last night.", [("11.20pm last night", "2025-07-09T23:20")]),
        ("on 7 Mar 8.15pm", [("7 Mar 8.15pm", "2025-03-07T20:15")]),
        # a day of a month of this, last or next year
        ("The court adjourned until 15 January next year.",
         [("15 January next year", "2026-01-15")]),
        ("It opened on March 3 last year.", [("March 3 last year", "2024-03-03")]),
        # a weekday counted in its month; one counted in a time not known is a day not known
        ("He stays in power until the second Tuesday in October.",
         [("the second Tuesday in October", "2025-10-14")]),
        ("The vote was on the first Monday in September 2024.",
         [("the first Monday in September 2024", "2024-09-02")]),
        ("They met on the last Friday of June.", [("the last Friday of June", "2025-06-27")]),
        ("The rally is held on the last Friday of Ramadan.", [("the last Friday", "XXXX-XX-XX")]),
        ("He was cleared last Monday of raping her.", [("last Monday", "2025-07-07")]),
        # days written otherwise
        ("on 14.02.2019", [("14.02.2019", "2019-02-14")]),
        # numbers and slashes: month/day/year, or day/month/year when the first cannot be a
        # month; a day the calendar does not have is no date; the text writes them all one
        # way, as those show that cannot be read the other (not as it writes days in words)
        ("on 8/7/1998", [("8/7/1998", "1998-08-07")]),
        ("on 8/7/1998 and 24/12/2024", [("8/7/1998", "1998-07-08"), ("24/12/2024", "2024-12-24")]),
        ("best before 01/06/2025 to 30/06/2025",
         [("01/06/2025", "2025-06-01"), ("30/06/2025", "2025-06-30")]),
        ("sold on 01/06/2024, 02/06/2024 and 15/06/2024",
         [("01/06/2024", "2024-06-01"), ("02/06/2024", "2024-06-02"),
          ("15/06/2024", "2024-06-15")]),
        ("Signed on 3 June 2024; due 01/07/2024.",
         [("3 June 2024", "2024-06-03"), ("01/07/2024", "2024-01-07")]),
        ("due 01/07/2024, 13/07/2024 and 12/25/2024",
         [("01/07/2024", "2024-01-07"), ("13/07/2024", "2024-07-13"),
          ("12/25/2024", "2024-12-25")]),
        # a year of our era with AD or CE; a year before 1500 after a word that sets a time
        ("Vesuvius erupted in AD 79; Rome fell in 476 CE and England in 1066 AD.",
         [("AD 79", "0079"), ("476 CE", "0476"), ("1066 AD", "1066")]),
        ("In 1066 the Normans came; Constantinople fell in 1453.",
         [("1066", "1066"), ("1453", "1453")]),
        ("He won by 1200 votes; an ad 30 seconds long cost 1400 dollars.",
         [("30 seconds", "PT30S")]),
        # the first or last day of a month or a year is that day
        ("It closed on the last day of February and reopened on the first day of May 2026.",
         [("the last day of February", "2025-02-28"),
          ("the first day of May 2026", "2026-05-01")]),
        ("On the last day of 2023 and the final day of June 2024 they met.",
         [("the last day of 2023", "2023-12-31"), ("the final day of June 2024", "2024-06-30")]),
        ("On the first day of the battle they met.", []),
        # ... and in a span of such years, or one that ends in a later year
        ("It was built from 1163 to 1345, Joan (1412–1431) and Henry (1457-1509) lived then.",
         [("1163", "1163"), ("1345", "1345"), ("1412", "1412"), ("1431", "1431"),
          ("1457", "1457"), ("1509", "1509")]),
        ("It was built in 1163-1345 and between 1400 and 1410, the war.",
         [("1163", "1163"), ("1345", "1345"), ("1400", "1400"), ("1410", "1410")]),
        ("Between 1200 and 1400 troops died; pages 1100-1300 of it.", []),
        ("on 31/4/2024, 2024-13-45 or February 29, 2023", [("2024", "2024")]),
        # "next" or "last" before a feast, a year after it
        ("We meet next Easter, met last Thanksgiving and at Christmas last year.",
         [("next Easter", "2026-04-05"), ("last Thanksgiving", "2024-11-28"),
          ("Christmas last year", "2024-12-25")]),
        ("Sunday, December 7, 1941", [("Sunday, December 7, 1941", "1941-12-07")]),
        ("by Christmas 1914", [("Christmas 1914", "1914-12-25")]),
        # feasts that move: a weekday of their month, or Easter's day
        ("by Thanksgiving 1999", [("Thanksgiving 1999", "1999-11-25")]),
        ("on Good Friday 1998 and Easter Monday, 1998",
         [("Good Friday 1998", "1998-04-10"), ("Easter Monday, 1998", "1998-04-13")]),
        ("on Orthodox Easter 2024", [("Orthodox Easter 2024", "2024-05-05")]),
        ("over Memorial Day weekend", [("Memorial Day weekend", "2025-W21-WE")]),
        ("since Thanksgiving", [("Thanksgiving", "2024-11-28")]),  # not this year's yet
        ("Shops opened early on Black Friday.", [("Black Friday", "2024-11-29")]),
        ("Sales will peak on Cyber Monday.", [("Cyber Monday", "2025-12-01")]),
        ("Bloody Sunday haunts them.", []),  # an event, not a Sunday
        # a weekday beside a day of a month is that day
        ("in an editorial on Friday, April 25:", [("Friday, April 25", "2025-04-25")]),
        ("$14 million seeped out Friday June 13 alone", [("Friday June 13", "2025-06-13")]),
        ("on the 3rd of May 1990", [("the 3rd of May 1990", "1990-05-03")]),
        ("by mid-June", [("mid-June", "2025-06")]),
        ("in early September 1943", [("early September 1943", "1943-09")]),
        ("in late autumn 1999", [("late autumn 1999", "1999-FA")]),
        # a year alone in brackets right after a date is its year
        ("a meeting scheduled for September 16 [2008]",
         [("September 16", "2008-09-16"), ("2008", "2008")]),
        ("on 3 March (2009) he left", [("3 March", "2009-03-03"), ("2009", "2009")]),
        ("On December 7 (December 8 in Asian time zones), 1941, Japan attacked.",
         [("December 7", "1941-12-07"), ("December 8", "1941-12-08"), ("1941", "1941")]),
        ("on 5 May (see page 3) he left", [("5 May", "2025-05-05")]),
        ("on 3 March (see the 2009 report)", [("3 March", "2025-03-03"), ("2009", "2009")]),
        ("the spring and early summer of 1943",  # a year named next is the first's too
         [("the spring", "1943-SP"), ("early summer of 1943", "1943-SU")]),
        ("by the end of September 1940", [("the end of September 1940", "1940-09")]),
        ("On 7 May 1998 it fell; that same day they left.",
         [("7 May 1998", "1998-05-07"), ("that same day", "1998-05-07")]),
        # a short month that is as often a name is a month before a year or another month
        ("Jan 2023 - talks. Jan-Feb 2023 - envoy visits. Jun to Aug 2024 - truce.",
         [("Jan 2023", "2023-01"), ("Jan", "2023-01"), ("Feb 2023", "2023-02"), ("Jun", "2024-06"),
          ("Aug 2024", "2024-08")]),
        ("Jan Egeland said so. Jan and his team left in 2023.", [("2023", "2023")]),
        # "the new year": the year that begins on the 1 January a day would take
        ("The trial is expected to start in the new year.", [("the new year", "2026")]),
        ("In December 1776 he crossed the river. In the new year he won.",
         [("December 1776", "1776-12"), ("the new year", "1777")]),
        ("the new year's budget, the Lunar New Year", []),
        # a day called by what it was: the day last mentioned; told in the present, today
        ("On Friday Poland joined NATO. Geremek said it was a great day for Poland.",
         [("Friday", "2025-07-04"), ("a great day", "2025-07-04")]),
        ('On Friday Poland joined. Geremek said it was "a great day for Poland."',
         [("Friday", "2025-07-04"), ("a great day", "2025-07-04")]),
        ('"This is a sad day," he said.', [("a sad day", "2025-07-10")]),
        ("It was a day of mourning.", [("a day", "2025-07-10")]),
        ("It was a day trip. It is a two day walk. It was a day later. Today is a good day.",
         [("a day", "P1D"), ("two day", "P2D"), ("a day later", "2025-07-11"),
          ("Today", "2025-07-10")]),
        ("On 7 May 1998 it fell; on this day the army left. To this day it lies in ruins.",
         [("7 May 1998", "1998-05-07"), ("this day", "1998-05-07"),
          ("this day", "PRESENT_REF")]),
        ("In May 1998 it fell; the same month they left.",
         [("May 1998", "1998-05"), ("the same month", "1998-05")]),
        ("In June 479 BC the Greeks won at Plataea; that same day they won at Mycale.",
         [("June 479 BC", "BC0479-06"), ("that same day", "BC0479-06-XX")]),  # day not known
        # ... whatever the tense of its clause: "that day" is never the document's
        ("In July 1963 the girls came. They would not be needed that day.",
         [("July 1963", "1963-07"), ("that day", "1963-07-XX")]),
        # ... a day of the last date named, even after an earlier day
        ("On Thursday it closed. Three doctors were killed, the last one last October "
         "when a sniper shot one. His name was crossed out that same day.",
         [("Thursday", "2025-07-10"), ("last October", "2024-10"),
          ("that same day", "2024-10-XX")]),
        ("see you this weekend", [("this weekend", "2025-W28-WE")]),
        # a part of the day of a date, and a day "of that year"
        ("in the morning of 31 January 1965", [("the morning of 31 January 1965",
                                                "1965-01-31TMO")]),
        ("on the evening of January 29, 1960", [("the evening of January 29, 1960",
                                                 "1960-01-29TEV")]),
        ("In May 1958, on the night of May 13, they rose.",
         [("May 1958", "1958-05"), ("the night of May 13", "1958-05-13TNI")]),
        ("On April 14, 1865, Lincoln was shot. He died early the next morning.",
         [("April 14, 1865", "1865-04-14"), ("early the next morning", "1865-04-15TMO")]),
        ("On 31 January 1965 troops landed that afternoon.",
         [("31 January 1965", "1965-01-31"), ("that afternoon", "1965-01-31TAF")]),
        ("In 1965 troops landed that afternoon.",  # a day not known, not the year's
         [("1965", "1965"), ("that afternoon", "XXXX-XX-XXTAF")]),
        ("It fell on 23 February 1918. The day before, the army left.",
         [("23 February 1918", "1918-02-23"), ("The day before", "1918-02-22")]),
        ("For weeks they marched; it lasted for years.", [("weeks", "PXW"), ("years", "PXY")]),
        ("They moved at night, in night raids and a night-time retreat; $55 a night.",
         [("night", "XXXX-XX-XXTNI"), ("night", "XXXX-XX-XXTNI"),
          ("night-time", "XXXX-XX-XXTNI")]),
        ("In August 1945 Japan surrendered. Later in the year, Chiang saw it.",
         [("August 1945", "1945-08"), ("Later in the year", "1945")]),
        # "the year" a span is told over, ending its clause, or whose months are counted
        ("For the year, volume was flat; it expects lower earnings for the fiscal year.",
         [("the year", "2025"), ("the fiscal year", "2025")]),
        ("In 1946 it fell. Sales rose through the first nine months of the year.",
         [("1946", "1946"), ("the first nine months", "P9M"), ("the year", "1946")]),
        ("He was named person of the year, the year's best; for the year 2000.",
         [("2000", "2000")]),
        ("It rose to a high for the year of $42 in June; a loss for the year ended March 31.",
         [("the year", "2025"), ("June", "2025-06"), ("the year", "P1Y"),
          ("March 31", "2025-03-31")]),
        ("A plan for the year ahead, for the year of the dragon, for the year that followed.", []),
        ("In 1861 he acted. On July 5 of that year he signed.",
         [("1861", "1861"), ("July 5 of that year", "1861-07-05")]),
        ("In 1958 it began. In November of the same year it ended.",
         [("1958", "1958"), ("November of the same year", "1958-11")]),
        # the last quarter of a year named, not the document's last quarter and a year
        ("The deal closed in the last quarter of 2018.", [("the last quarter of 2018", "2018-Q4")]),
        # the calendar week that holds a day
        ("The court will meet the week of Sept. 8.", [("the week of Sept. 8", "2025-W37")]),
        ("They met the week of Feb. 29, 2000.", [("the week of Feb. 29, 2000", "2000-W09")]),
        ("It will be played the weekend of 10-11 January, as the weekend of May 3, 2025 was.",
         [("the weekend of 10-11 January", "2026-W02-WE"),
          ("the weekend of May 3, 2025", "2025-W18-WE")]),
        # "the past" before a count of things is no date
        ("Second in each of the past three seasons and the past few games; in the past, no.",
         [("in the past", "PAST_REF")]),
        ("Is the past a guide?", [("the past", "PAST_REF")]),
        ("Troops landed on the night of 20-21 May 1982 and on the night of June 13-14.",
         [("the night of 20-21 May 1982", "1982-05-20TNI"),
          ("the night of June 13-14", "1982-06-13TNI")]),
        ("They attacked on the night of 14-15 April.",
         [("the night of 14-15 April", "2025-04-14TNI")]),
        ("The council meets in the week beginning 16 February.",
         [("the week beginning 16 February", "2026-W08")]),
        ("in the week of 31 December 2019", [("the week of 31 December 2019", "2020-W01")]),
        # a count of smaller units stays in the year or month it counts from when it can
        ("In 2008 they met; two days earlier, talks failed.",
         [("2008", "2008"), ("two days earlier", "2008")]),
        ("In March 2008 they met; two weeks earlier, talks failed.",
         [("March 2008", "2008-03"), ("two weeks earlier", "2008-03")]),
        ("In March 2008 they met; two months earlier, talks failed.",
         [("March 2008", "2008-03"), ("two months earlier", "2008-01")]),
        # "previously" counts back from the last date as "earlier" does
        ("In 2008 they gathered where five years previously a statue fell.",
         [("2008", "2008"), ("five years previously", "2003")]),
        # a weekday after (or before) the last day named, which moves the story
        ("On 3 March 2015 he left. The following Monday, he returned. On 12 April he spoke.",
         [("3 March 2015", "2015-03-03"), ("The following Monday", "2015-03-09"),
          ("12 April", "2015-04-12")]),
        ("Shares closed lower on Oct. 27, 1989, down 4.5% from the previous Friday.",
         [("Oct. 27, 1989", "1989-10-27"), ("the previous Friday", "1989-10-20")]),
        ("The vote was moved to the following Monday.", [("the following Monday", "2025-07-14")]),
        # a month or season of the year after (or before) the story's, as one expression
        ("In 1941 it began. It ended in June of the following year.",
         [("1941", "1941"), ("June of the following year", "1942-06")]),
        ("In June 1941 it began. It ended in the spring of the following year.",
         [("June 1941", "1941-06"), ("the spring of the following year", "1942-SP")]),
        ("In 490 BC it began. In the autumn of the previous year they met.",
         [("490 BC", "BC0490"), ("the autumn of the previous year", "BC0491-FA")]),
        ("In 1941 it began. In the summer of the same year it ended.",
         [("1941", "1941"), ("the summer of the same year", "1941-SU")]),
        ("Troops will leave during the spring of next year.",
         [("the spring of next year", "2026-SP")]),
        # the second of two weekdays joined follows the first
        ("He had been scheduled to meet them on Thursday and Friday.",
         [("Thursday", "2025-07-10"), ("Friday", "2025-07-11")]),
        ("Strikes on Monday and Tuesday shut the port.",
         [("Monday", "2025-07-07"), ("Tuesday", "2025-07-08")]),
        ("He made statements Saturday and Friday.",
         [("Saturday", "2025-07-05"), ("Friday", "2025-07-04")]),
        ("He made statements Friday and Wednesday.",  # days apart: each by itself
         [("Friday", "2025-07-04"), ("Wednesday", "2025-07-09")]),
        ("The offices were shut from Monday to Friday.",
         [("Monday", "2025-07-07"), ("Friday", "2025-07-11")]),
        ("They bought shares from Sept. 14 to Thursday.",
         [("Sept. 14", "2024-09-14"), ("Thursday", "2025-07-10")]),
        # a clause joined by "and" with its own past verb goes on from the date before it: a
        # month earlier in the year is the next year's; not in a perfect nor in passing
        ("Talks stalled in September 2008 and they formed a government in February.",
         [("September 2008", "2008-09"), ("February", "2009-02")]),
        ("In October 1917 the Bolsheviks seized power and signed a treaty on 3 March.",
         [("October 1917", "1917-10"), ("3 March", "1918-03-03")]),
        ("The talks failed in September 2008 and had begun in February.",
         [("September 2008", "2008-09"), ("February", "2008-02")]),
        ("In September 2008, the deal agreed in February collapsed.",
         [("September 2008", "2008-09"), ("February", "2008-02")]),
        # a year in a past form that describes a noun, with the main clause's verb after it,
        # lends that clause no year; in a verb of its own clause, or one joined after it, it
        # does
        ("In August 1964 a ship was hit. A paper declassified in 2005 revealed that there was "
         "no attack on 4 August.",
         [("August 1964", "1964-08"), ("2005", "2005"), ("4 August", "1964-08-04")]),
        ("It rose. Under a program approved by the company in 1987 that set no amount, it had "
         "bought shares through Sept. 29.", [("1987", "1987"), ("Sept. 29", "2024-09-29")]),
        ("The CIA declassified in 2005 a paper that revealed no attack on 4 August.",
         [("2005", "2005"), ("4 August", "2005-08-04")]),
        ("It reopened. The bridge, built in 1932, was closed in March.",
         [("1932", "1932"), ("March", "2025-03")]),
        ("The law was passed in 2012 and repealed in March.",
         [("2012", "2012"), ("March", "2012-03")]),
        ("Prices peaked in 2008 before falling in March.",
         [("2008", "2008"), ("March", "2008-03")]),
        ("He built it in 1932 and opened it in March.", [("1932", "1932"), ("March", "1932-03")]),
    ],
)  # fmt: skip
def test_history_and_wire_forms(text, expected):
    assert [(t.text, t.value) for t in tag(text, DCT)] == expected


MONDAY, THURSDAY = date(2019, 1, 7), date(2019, 1, 10)


@pytest.mark.parametrize(("text", "dct", "value"), [
    # "this weekend" told in the past on the Monday after it is the one just gone; later in
    # the week, "this weekend" is still the one to come, even in reported speech
    ("Putin this weekend reiterated his commitment.", MONDAY, "2019-W01-WE"),
    ("Officials said this weekend that 76 were sentenced.", MONDAY, "2019-W01-WE"),
    ("Ministers will meet this weekend.", MONDAY, "2019-W02-WE"),
    ("Leaders said they would meet this weekend.", THURSDAY, "2019-W02-WE"),
    ("He spoke ahead of the party meeting this weekend.", THURSDAY, "2019-W02-WE"),
    ("See you this weekend", THURSDAY, "2019-W02-WE"),
    # "this Monday", over by a Thursday, is the next one where the clause looks ahead; one
    # still to come stays, even told in the past
    ("He is expected to keep a pledge to leave this Monday.", THURSDAY, "2019-01-14"),
    ("He resigned this Monday.", THURSDAY, "2019-01-07"),
    ("The run-off was due to have been held this Saturday.", THURSDAY, "2019-01-12"),
])  # fmt: skip
def test_this_weekend_and_this_weekday_follow_the_tense(text, dct, value):
    (found,) = tag(text, dct)
    assert found.value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Come and see us 3 June", "2019-06-03"),  # an invitation looks ahead
        ("The sale runs starting Friday.", "2019-01-11"),
        ("See you this weekend", "2019-W02-WE"),
        # "due to" with a verb looks ahead
        ("The interview, due to air on Sunday, was taped in New York.", "2019-01-13"),
        ("The party, due to announce its candidate on Monday, said nothing.", "2019-01-14"),
        ("The shop closed on 3 June", "2018-06-03"),  # a report looks back
        ("The blasts next to the embassy on Friday killed 12.", "2019-01-04"),  # a place
        ("The group would be ready to leave as soon as Tuesday.", "2019-01-15"),
        ("Officials postponed until Tuesday any action on the case.", "2019-01-15"),
        ("Up until Tuesday, they had described him as a witness.", "2019-01-08"),
        # a date a change takes effect from is ahead; one something has lasted since is past
        ("The group could arrive as early as Tuesday.", "2019-01-15"),
        ("Oil prices have come down from the middle of October.", "2018-10"),  # no invitation
        ("The post was created, effective June 1.", "2019-06-01"),
        ("Dues rise by 5%, effective June 1.", "2019-06-01"),
        ("The board proposes a final dividend of 12.5p, payable on 23 May.", "2019-05-23"),
        ("The carrier will return to port; it has been on patrol since March.", "2018-03"),
        # "would" looks ahead of the time told; "would have" does not
        ("The minister said that elections would be held in October.", "2019-10"),
        ("He would have turned 80 on Tuesday.", "2019-01-08"),
        # a weekday that names an event is the one reported, whatever the clause's tense
        ("Officials said they would appeal Wednesday's ruling.", "2019-01-09"),
        ("Lawyers will challenge Wednesday's ruling.", "2019-01-09"),
        ("Thursday's vote was close.", "2019-01-10"),
        # ... but an event held on a day set beforehand (weekday_event.csv) is found as a
        # weekday alone is: by its clause's tense
        ("Wednesday's elections will be free and fair.", "2019-01-16"),
        ("The ANC is expected to win Friday's presidential run-off.", "2019-01-11"),
        ("He won Sunday's vote.", "2019-01-06"),
        ("He will sign it by Friday's midnight deadline.", "2019-01-11"),
        ("He missed Friday's deadline.", "2019-01-04"),
        # ... but after "ahead of", "in advance of", "in the run-up to" or "the eve of", the
        # event is still to come (or today)
        ("Leaders arrived ahead of Sunday's funeral.", "2019-01-13"),
        ("Voters cast ballots in advance of Saturday's election.", "2019-01-12"),
        ("Police were deployed in the run-up to Monday's vote.", "2019-01-14"),
        ("Crowds gathered ahead of Thursday's vote.", "2019-01-10"),
        ("Polls before Monday's vote were wrong.", "2019-01-07"),
        # a date that opens its sentence takes the tense of the first verb that says one
        ("On Tuesday, the league plans to hold a news conference.", "2019-01-15"),
        ("On Tuesday, he said he will resign.", "2019-01-08"),
        ("On Friday the talks began, and they will go on.", "2019-01-04"),
        # however far back in the sentence the word of tense is
        (
            "New flights would leave Bombay from the old airport on the edge of the city, with the "
            "third of them departing from the new terminal from August 6.",
            "2019-08-06",
        ),
        # what is due is ahead; "due to" alone is a cause
        ("Elections are due in October.", "2019-10"),
        ("The minister is due to arrive on Tuesday.", "2019-01-15"),
        ("Flights were cancelled due to the storm on Tuesday.", "2019-01-08"),
        ("The verdict is due Friday.", "2019-01-11"),
        ("The delay is due to the storm on Tuesday.", "2019-01-08"),
        ("He is poised to win the vote on Sunday.", "2019-01-13"),
        # an aim, a promise or a law's start is ahead; a wish told as past is not
        ("The government hopes to sign the deal on Monday.", "2019-01-14"),
        ("He vowed to return on Monday.", "2019-01-14"),
        ("Obama accepted an invitation to visit Moscow in July.", "2019-07"),
        # a date in a clause told in the present is the one nearest the document's
        ("The deadline for an agreement is 1 July.", "2019-07-01"),
        ("Iran is stepping up efforts to implement the deal by April.", "2019-04"),
        ("He remains president until May.", "2019-05"),
        ("Feuding is imperilling the November pact.", "2018-11"),
        # a schedule told in the present
        ("The trial begins in June.", "2019-06"),
        ("His term comes to an end in June.", "2019-06"),
        ("The war came to an end in June.", "2018-06"),
        # ... and its plural after a plural subject ("talks", "they"); not a noun or adjective
        ("The negotiations start on Monday at the UN.", "2019-01-14"),
        ("Applications close on Friday.", "2019-01-11"),
        ("Polls open on Sunday.", "2019-01-13"),
        ("They start on Monday.", "2019-01-14"),
        ("They face the leaders on Saturday.", "2019-01-12"),
        ("The Gunners host Chelsea on Saturday.", "2019-01-12"),
        ("Israelis vote on Tuesday in a general election.", "2019-01-15"),
        ("The parliament's vote on Tuesday was close.", "2019-01-08"),
        ("The champions play Leeds on Tuesday.", "2019-01-15"),
        ("The leaders visit Kyiv on Monday.", "2019-01-14"),
        ("The ministers return on Monday.", "2019-01-14"),
        ("They fly to Paris on Friday.", "2019-01-11"),
        ("The tax return on Monday was late.", "2019-01-07"),
        # "should" looks ahead, as "could" and "might" do; "should have" does not
        ("Prices may fall in June.", "2019-06"),
        ("He may have left in June.", "2018-06"),
        ("The first lane should open in June.", "2019-06"),
        ("Bennett should stand trial on Monday.", "2019-01-14"),
        ("He should have left in June.", "2018-06"),
        # what is forecast is ahead; the noun and the verb told in the past are not
        ("Rain is forecast for Friday.", "2019-01-11"),
        ("Winds were forecast through Friday morning.", "2019-01-11TMO"),
        ("The bank forecast on Monday that growth would slow.", "2019-01-07"),
        ("The forecast on Monday was wrong.", "2019-01-07"),
        ("It was a fair face on Monday.", "2019-01-07"),
        ("The trial got off to a shaky start on Monday.", "2019-01-07"),
        ("Hopes of a deal came to an end on Monday.", "2019-01-07"),
        ("Its shares were close on Monday to a record.", "2019-01-07"),
        ("On Monday the army throws open the Sharifs' home.", "2019-01-07"),
        ("The party's conference opens on Sunday.", "2019-01-13"),
        ("The show runs on Sunday.", "2019-01-13"),
        ("When court resumes on Monday, testimony is expected.", "2019-01-14"),
        ("The primary vote takes place in October.", "2019-10"),
        ("They called a meeting to take place on Monday.", "2019-01-14"),
        ("Some 30 million Russians go to the polls on Sunday.", "2019-01-13"),
        ("He said he was looking forward to meeting him in July.", "2019-07"),
        ("The trial began in June.", "2018-06"),
        ("The law takes effect in June.", "2019-06"),
        ("The law took effect in June.", "2018-06"),
        ("He wanted to leave, but on Monday he stayed.", "2019-01-07"),
        ("Police want to know what happened on Monday.", "2019-01-07"),
        ("He is likely to have died on Monday.", "2019-01-07"),
        # a word in -ed written with a capital is a name, not the past, but where it opens
        # its sentence
        ("At the United Nations on Monday, Obama will question Putin.", "2019-01-14"),
        ("It went well. Asked on Monday if they would meet, he smiled.", "2019-01-07"),
        # the tense of the words before a colon or semicolon stops there
        ("He told supporters: come Monday, I will present a resolution.", "2019-01-14"),
        ("Talks collapsed; on Friday they will resume.", "2019-01-11"),
        # a past form not in -ed tells the past, but not after "be"
        ("The talks began on Monday.", "2019-01-07"),
        ("The vote will be held on Monday.", "2019-01-14"),
        ("The venue is thought unlikely to be used after July.", "2019-07"),  # passive present
        # a word in -ed after "a", "the" (and an adverb) describes a noun: it tells no tense
        ("The split would be paid on a still unspecified date in June.", "2019-06"),
        ("Talks will resume on an agreed date in June.", "2019-06"),
        ("They will meet with the wounded on Monday.", "2019-01-14"),
        ("Talks on a date in June were agreed.", "2018-06"),
        ("The wounded were flown home on Monday.", "2019-01-07"),
        # a date that opens its sentence takes the tense of the first word of tense after it
        # in its clause, however far; a plan in -ed after it was made then
        (
            "On Tuesday, the National Abortion and Reproductive Rights Action League plans to "
            "hold a news conference.",
            "2019-01-15",
        ),
        ("On Tuesday, the two leaders pledged to sign a peace treaty.", "2019-01-08"),
        ("On Friday, the government planned to pay the first claims.", "2019-01-04"),
        ("After the June poll, Putin is expected to remain in charge.", "2019-06"),
        ("March 29: the elections take place.", "2018-03-29"),  # a line of a chronology
        # "due to" and a verb is a plan; told as past ("was due to") it is past
        ("He was held before a trial due to start on Monday.", "2019-01-14"),
        ("They chose him despite his being due to go on trial in May.", "2019-05"),
        ("He was due to visit on Monday.", "2019-01-07"),
        ("He is supposed to prepare a summit in the autumn.", "2019-FA"),
        ("He was supposed to attend a summit on Monday.", "2019-01-07"),
        ("The board had been due to meet on Monday.", "2019-01-07"),
        ("She had been expected to announce on Wednesday that she would resign.", "2019-01-09"),
        # a pronoun that is also a determiner does not make "was" or "had" describe a noun
        ("These had been scheduled to close on Friday.", "2019-01-04"),
        ("The treaty expires in June.", "2019-06"),
        ("Klitschko, a candidate in elections set for 25 May, had called for it.", "2019-05-25"),
        ("On July 31, Zuma goes on trial.", "2019-07-31"),
        # a schedule told in the present, but for a verb right after "to", "did" or "not"
        ("Hu arrives in Washington on Tuesday.", "2019-01-15"),
        ("The two leaders meet at the White House on Wednesday.", "2019-01-16"),
        ("The session ends Friday.", "2019-01-11"),
        ("Negotiating teams convene on Monday.", "2019-01-14"),
        ("The government faces a shutdown from Saturday.", "2019-01-12"),
        ("The party faces a tough battle at local polls in August.", "2019-08"),
        ("His tour visits Australia in October.", "2019-10"),
        ("They did not meet on Monday.", "2019-01-07"),
        ("They didn't meet on Monday.", "2019-01-07"),
        ("Talks could not begin on Monday.", "2019-01-07"),
        ("The trial got off to a shaky start on Monday.", "2019-01-07"),
        # a past verb right after the date is its own, whatever came before it
        (
            "His ministers threatened to resign after the ANC on Saturday told him to go.",
            "2019-01-05",
        ),
        ("A memorial service planned for Saturday was cancelled.", "2019-01-05"),
        ("Assad, who on Friday vowed to regain the country, spoke.", "2019-01-04"),
        ("They will meet on Friday to decide.", "2019-01-11"),
        # what is put off is ahead, though the clause is told in the past
        ("The vote was delayed to June.", "2019-06"),
        ("The hearing was pushed back to Tuesday.", "2019-01-15"),
        ("The case was adjourned until Monday.", "2019-01-14"),
        # "planning" plans only before what is planned, not as a noun
        ("The government is planning a referendum in May.", "2019-05"),
        ("They are planning to vote in May.", "2019-05"),
        ("He quit as Temer's planning minister in May.", "2018-05"),
        ("Family planning services closed in May.", "2018-05"),
        # so is what is prepared for
        ("Brazil prepares to host the Games in August.", "2019-08"),
        ("Opposition parties prepare to mount a vote of no confidence on Tuesday.", "2019-01-15"),
        ("The country is preparing for a shutdown from Saturday.", "2019-01-12"),
        ("Brazil was prepared to host the Games in August.", "2018-08"),
        # a thing forthcoming, imminent, impending or looming is ahead
        ("He spoke of the forthcoming elections in May.", "2019-05"),
        ("Talks turned to the imminent expiry of the treaty in May.", "2019-05"),
        ("He warned of the impending departure of the troops in June.", "2019-06"),
        ("It came amid the looming review of the treaty in June.", "2019-06"),
        # a deadline: "has until" or "have until" a day to do something
        ("Voters have until Friday to register.", "2019-01-11"),
        ("The council has until Monday to decide.", "2019-01-14"),
        ("The council had until Monday to decide.", "2019-01-07"),
        # "won't" is "will not", not the past of "win"
        ("He won't attend the meeting on Friday.", "2019-01-11"),
        ("He won’t attend the meeting on Friday.", "2019-01-11"),
        ("He won the vote on Friday.", "2019-01-04"),
        # a day something lasts until or is done by looks ahead, unless the clause is past
        ("Results may not be finalised until Tuesday.", "2019-01-15"),
        ("Registration remains open until Saturday.", "2019-01-12"),
        ("If there is no deal by Friday, the shutdown in federal services starts.", "2019-01-11"),
        ("The man remained defiant until Sunday.", "2019-01-06"),
        ("The company did not confirm the incident until Friday.", "2019-01-04"),
        ("By Monday, the death toll had risen to 30.", "2019-01-07"),
        ("By Monday the rebels controlled the town.", "2019-01-07"),
        # ... and so does a month or a day of one
        ("A final vote on his removal may come by September.", "2019-09"),
        ("The sentence runs until mid-September.", "2019-09"),
        ("No result is likely before 30 September.", "2019-09-30"),
        ("Lenders have extended it loans through September.", "2019-09"),
        ("And come the autumn, Bush may be running out of energy.", "2019-FA"),
        ("Come September, they had left.", "2018-09"),
        ("The agency is funded through Friday.", "2019-01-11"),
        ("The hostages were held until September.", "2018-09"),
        ("Sales fell through September.", "2018-09"),
        ("By September the rebels had lost the town.", "2018-09"),
        # ... and in the present perfect, what was done is still ahead
        ("The agency has given the family until 9 a.m. Tuesday to sign.", "2019-01-15T09:00"),
        ("Journalists have been ordered to leave by Sunday.", "2019-01-13"),
        ("A judge has already promised a verdict by Monday.", "2019-01-14"),
        ("They've been told to finish by June.", "2019-06"),
        ("Reforms will not have been completed by June.", "2019-06"),
        ("The agency had given the family until Tuesday to sign.", "2019-01-08"),
        ("The family has said it stayed until Tuesday.", "2019-01-08"),
        # a date that opens a clause after "that" takes the tense of the words after it
        ("Tsvangirai said that by Wednesday he would release new proposals.", "2019-01-16"),
        ("Geithner has said that after Tuesday he will have exhausted all options.", "2019-01-15"),
        ("He said that Sunday is expected to be overcast.", "2019-01-13"),
        ("Officials said that on Monday troops entered the town.", "2019-01-07"),
        ("He said on Monday that he would resign.", "2019-01-07"),
        # the words of a clause opened right after the date are that clause's, not the date's
        ("The World Bank also forecast on Sunday that trade would suffer.", "2019-01-06"),
        ("The bank forecasts on Sunday will be gloomy.", "2019-01-13"),
        # "could" and "might" look ahead; "could not", "could have" and "could see" do not
        ("The cabinet could be sworn in on Saturday.", "2019-01-12"),
        ("He hinted that he might step down in September.", "2019-09"),
        ("Israel could attack Iran by Easter.", "2019-04-21"),
        ("The police could not confirm the arrests on Monday.", "2019-01-07"),
        ("He could have died on Monday.", "2019-01-07"),
        ("Residents said they could hear gunfire on Monday.", "2019-01-07"),
        ("Neither of them could be located on Monday.", "2019-01-07"),
        # ... and so are clitics a tokeniser split off
        ("They did n't meet on Monday.", "2019-01-07"),
        ("They wo n't say what happens at the meeting on Friday.", "2019-01-11"),
        # a release, a sale or a first night announced in the present
        ("Her album is released on Friday.", "2019-01-11"),
        ("The report is published on Monday.", "2019-01-14"),
        ("Tickets go on sale on Saturday.", "2019-01-12"),
        ("The new series premieres on Sunday.", "2019-01-13"),
        ("The last episode airs on Friday.", "2019-01-11"),
        ("His memoir is out on Tuesday.", "2019-01-15"),
        ("Her album was released on Friday.", "2019-01-04"),
        # a negative is as past as its verb
        ("His aides didn't confirm the incident until Friday night.", "2019-01-04TNI"),
        ("The toll wasn't known until Monday.", "2019-01-07"),
    ],
)
def test_announcements_look_ahead(text, value):
    (found,) = tag(text, date(2019, 1, 10))  # a Thursday
    assert found.value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date placed a length after or before another is one expression, moved
        ("Stores opened the day after Thanksgiving 2024.",
         [("the day after Thanksgiving 2024", "2024-11-29")]),
        ("Two days after Christmas 2024, the river froze.",
         [("Two days after Christmas 2024", "2024-12-27")]),
        ("The day before last Tuesday's hearing, they met.", [("The day before last Tuesday",
                                                               "2019-01-07")]),
        ("The vote came 48 hours after 9 a.m. Tuesday.",
         [("48 hours after 9 a.m. Tuesday", "2019-01-10T09:00")]),
        ("Three years after 1945 the state was founded.", [("Three years after 1945", "1948")]),
        ("a week prior to May 4, 2018", [("a week prior to May 4, 2018", "2018-04-27")]),
        # ... not a span ("the two weeks before"), nor a date coarser than the length
        ("In the two weeks before May 4, 2018 it rained.",
         [("two weeks", "P2W"), ("May 4, 2018", "2018-05-04")]),
        ("A day after May 2018 ended.", [("A day", "P1D"), ("May 2018", "2018-05")]),
        ("He was seen Nov. 3, 2018, the day before they issued a warrant.",
         [("Nov. 3, 2018", "2018-11-03")]),
    ],
)  # fmt: skip
def test_a_date_a_length_from_another(text, expected):
    assert [(t.text, t.value) for t in tag(text, date(2019, 1, 10))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The interrogations had led nowhere. Right now my evidence is scant.",
        "Nowadays the todays and tomorrows of 1998s weekends",
        "It was early Mayhem in Marchland on Sundays at 3pmish.",
        # words of two first letters whose rules begin alike ("s", "f") keep their own
        "In September sales for fiscal 1989 rose; since 1990 few did.",
        # several rules match at one word: after the first, the rules after it are joined
        "May 2\nMay 2 2020, 3-5 August 1998, 2 1/2 years ago at 9:45pm on 2 May 2019.",
        # a letter beyond ASCII goes on a word in both ("Mayé" is no month)
        "Mayé 2020é, the 1990ś, Julyü 4, in März 2019 and the last twö years",
    ],
)
def test_the_rules_joined_in_one_pattern_match_as_the_rules_one_by_one(monkeypatch, text):
    """A tagger tries the rules one by one until a pattern joining them is worth compiling;
    both must find the same, or a word that only begins like a rule ("nowhere") breaks it."""
    from timeline.temporal import tagger as module

    monkeypatch.setattr(module, "UNION_AFTER", 10**9)
    one_by_one = module.Tagger().tag(text, DCT)
    monkeypatch.setattr(module, "UNION_AFTER", 1)
    monkeypatch.setattr(module, "UNION_AFTER_PER_RULE", 0)
    joined = module.Tagger()
    joined.tag(text, DCT)  # wanted once: compiled from here on
    assert joined.tag(text, DCT) == one_by_one
    if text.startswith("May 2"):  # the rules after a match were joined too
        assert any(first > 0 for _, first in joined._unions)


def test_one_tagger_shared_by_threads_finds_what_it_finds_alone(monkeypatch):
    """The server tags requests on several threads with one tagger: the sets of rules it
    numbers and joins as it meets new words must never be mixed up between threads."""
    from concurrent.futures import ThreadPoolExecutor

    from timeline.temporal import tagger as module

    monkeypatch.setattr(module, "UNION_AFTER", 1)  # join each set of rules at once
    monkeypatch.setattr(module, "UNION_AFTER_PER_RULE", 0)
    texts = [
        f"In September sales for fiscal {1980 + n} rose; the {n}th quarter ended early last "
        f"week, and on April {n + 1}-{n + 2} the Long March began {n} years ago."
        for n in range(1, 25)
    ]
    serial = module.Tagger()
    alone = [serial.tag(text, DCT) for text in texts]
    shared = module.Tagger()
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda text: shared.tag(text, DCT), texts))
    assert together == alone
