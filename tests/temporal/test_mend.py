"""The copy of a text the rules read: mended in place, at the same length."""

import pytest

from timeline.temporal.mend import mend, past_mended


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        # punctuation read in the wrong encoding, with or without a tokeniser's spaces
        ("Fridayâ€™s vote", "Friday's   vote"),
        ("Fridayâ€ ™ s vote", "Friday's     vote"),
        ("â€œ2013â€\x9d", "“  2013”  "),  # opening and closing marks stay apart
        ("â€œso,â€ � he said", "“  so,”    he said"),
        ("a â€“ b â€” c", "a -   b -   c"),
        # a clitic or a comma a tokeniser split off, written on
        ("Friday 's vote", "Friday's  vote"),
        ("Zuma ' s aide", "Zuma's   aide"),
        ("did n't meet", "didn't  meet"),
        ("they 'll meet", "they'll  meet"),
        ("February 3 , 2003", "February 3,  2003"),
        # nothing else moves: a quotation in single marks, a comma after a space only
        ("he said 'so what'", "he said 'so what'"),
        ("a ,b and 1 ,2", "a ,b and 1 ,2"),
        ("plain text, as written.", "plain text, as written."),
    ],
)  # fmt: skip
def test_a_text_is_mended_in_place(text, meant):
    mended, stretches = mend(text)
    assert mended == meant
    assert len(mended) == len(text)
    assert stretches == sorted(stretches)
    kept = [i for i in range(len(text)) if not any(a <= i < b for a, b in stretches)]
    assert [mended[i] for i in kept] == [text[i] for i in kept]  # nothing else moves


@pytest.mark.parametrize(
    ("text", "end", "moved"),
    [
        ("Fridayâ€ ™ s vote", len("Friday's"), len("Fridayâ€ ™ s")),  # ends inside: past it
        ("Fridayâ€ ™ s vote", len("Friday"), len("Friday")),  # ends before it
        ("Friday 's vote", len("Friday's"), len("Friday 's")),
        ("Friday vote", len("Friday"), len("Friday")),  # nothing mended
    ],
)  # fmt: skip
def test_an_expression_ending_inside_a_mended_stretch_takes_all_of_it(text, end, moved):
    _, stretches = mend(text)
    assert past_mended(end, stretches) == moved
