"""A copy of an article's text as it was meant, at the same length, for the rules to read.

Scraped and tokenised text hides dates: punctuation read in the wrong encoding glues "â€™"
to the word before it ("Fridayâ€™s vote"), and a tokeniser splits clitics and commas off
their words ("Friday 's vote", "did n't", "February 3 , 2003"). ``mend`` writes them as
meant in place, padding with spaces, so that every offset into the copy is an offset into
the text; ``past_mended`` moves an expression's end past a mended stretch it ends inside,
so that the text found is the article's own ("Fridayâ€ ™ s").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

# punctuation in UTF-8 read as cp1252 ("â€™" for "’"), as scraped text often has it, with the
# space a tokeniser may have put inside it ("â€ ™ s"): the third character tells the mark;
# opening and closing quotation marks stay apart, as a quotation may open again ("“... “...”)
_MOJIBAKE = re.compile("â€\\s?([™˜œ\x9d�“”])")
_MOJIBAKE_MARK = {"™": "'", "˜": "'", "œ": "“", "\x9d": "”", "�": "”", "“": "-", "”": "-"}
_SPACED_S = re.compile(r"\s?s\b")  # the "s" of a possessive, after a mended apostrophe
# a clitic a tokeniser split from its word ("Friday 's", "Zuma ' s", "did n't", "they 'll"):
# written on
_SPACED_CLITIC = re.compile(r" (?:' ?(?P<short>s|ll|re|ve|d|m)|(?P<negation>n't))\b")
_SPACED_COMMA = re.compile(r"(?<=\w) ,(?= )")  # "February 3 , 2003": written on to its word
_Meant = Callable[[str, re.Match[str]], tuple[str, int]]  # what is written, and where it ends


def mend(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` as it was meant, in place and at the same length, so that offsets hold and
    the rules see the dates it hides: punctuation read in the wrong encoding written as
    it was meant ("Fridayâ€ ™ s vote" reads "Friday's     vote"), and a clitic a
    tokeniser split off written on ("Friday 's vote" reads "Friday's  vote", "did n't meet"
    "didn't  meet": a word of not_present.csv may stand two spaces before a verb), and so
    is a comma ("February 3 , 2003" reads "February 3,  2003"); and where each mended
    stretch starts and ends, in order."""
    mended: list[tuple[int, int]] = []
    if "â€" in text:
        text = _mend(text, _MOJIBAKE, _meant_mark, mended)
    if " '" in text or " n't" in text:
        text = _mend(text, _SPACED_CLITIC, _written_on, mended)
    if " , " in text:
        text = _mend(text, _SPACED_COMMA, _comma_written_on, mended)
    return text, sorted(mended)


def _mend(text: str, pattern: re.Pattern[str], meant: _Meant, mended: list[tuple[int, int]]) -> str:
    """``text`` with each match of ``pattern`` replaced by ``meant(text, match)``, a string
    and where the stretch it replaces ends, padded to that stretch's length."""
    pieces, last = [], 0
    for match in pattern.finditer(text):
        if match.start() < last:
            continue
        written, end = meant(text, match)
        pieces += [text[last : match.start()], written.ljust(end - match.start())]
        mended.append((match.start(), end))
        last = end
    return "".join([*pieces, text[last:]])


def _meant_mark(text: str, mark: re.Match[str]) -> tuple[str, int]:
    """The mark misread ("â€ ™" is an apostrophe), with the "s" of a possessive after it."""
    meant, end = _MOJIBAKE_MARK[mark.group(1)], mark.end()
    if meant == "'" and (possessive := _SPACED_S.match(text, end)):
        return "'s", possessive.end()
    return meant, end


def _comma_written_on(_text: str, comma: re.Match[str]) -> tuple[str, int]:
    """A comma split off, written on to the word before ("3 , 2003" reads "3,  2003")."""
    return ",", comma.end()


def _written_on(_text: str, clitic: re.Match[str]) -> tuple[str, int]:
    """A clitic split off, written on to the word before ("'s", "n't")."""
    short = clitic.group("short")
    return ("'" + short if short else clitic.group("negation")), clitic.end()


def past_mended(end: int, mended: list[tuple[int, int]]) -> int:
    """An expression's end, moved past the mended stretch it ends inside ("Friday's" ends
    after "Fridayâ€ ™ s", not inside it)."""
    index = bisect.bisect_left(mended, (end, end)) - 1
    if index >= 0 and mended[index][0] < end < mended[index][1]:
        return mended[index][1]
    return end
