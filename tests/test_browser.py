"""The page in headless Chromium: loading, reloading, filtering, details, writing, export.
One browser serves every test (see ``chromium.py``); each test serves its own files."""

from __future__ import annotations

import shutil
import struct
import threading
from pathlib import Path

import pytest
from conftest import ROOT, serving, write_events
from selenium.webdriver.common.action_chains import ActionChains

from timeline.dashboard import create_app
from timeline.engine import load_chronology, read_table
from timeline.figures import build_figure
from timeline.formats import export
from timeline.query import Filters, apply_filters, from_query_string
from timeline.settings import current
from timeline.view import make_view

pytestmark = pytest.mark.browser

EVENTS = ROOT / "events.csv"
TITLE = "Russia–Georgia relations"


@pytest.fixture(scope="module")
def sample():
    """The sample chronology, served read-only for the tests that only look."""
    with serving(create_app(EVENTS, title=TITLE).server) as address:
        yield address


@pytest.fixture
def page(browser, sample):
    browser.go(sample + "/")
    browser.wait_text("#count", "14 of 14 events")
    browser.wait_drawn()  # the count comes first, then plotly draws
    return browser


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the sample chronology that a test may change."""
    for name in ("events.csv", "topics.csv", "sources.csv"):
        shutil.copyfile(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return tmp_path / "events.csv"


@pytest.fixture
def served(copy):
    """The copy, served to this machine (which may write without a token)."""
    with serving(create_app(copy).server) as address:
        yield address


def visit(browser, address: str, search: str = "") -> None:
    browser.go(address + "/" + search)


def sample_events():
    return load_chronology(EVENTS).events


def test_page_loads_with_every_event(page):
    assert len(page.finds(".event-item")) == 14
    assert page.drawn() == sum(len(e.topics) for e in sample_events())  # once per topic
    assert page.text("h1") == TITLE
    assert page.console() == []


LINK_TOP = "return document.querySelector('.review-link a').getBoundingClientRect().top + scrollY"


ZOOM_2022 = (
    "Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'),"
    " {'xaxis.range': ['2022-01-01', '2022-12-31']});"
)
WAITING_SAYS = "return getComputedStyle(document.querySelector('#timeline'), '::before').content"


def box_height(browser, selector: str) -> float:
    return browser.script(f"return document.querySelector('{selector}').offsetHeight")


def test_the_page_does_not_move_when_the_timeline_is_drawn(browser, sample):
    """What is below the timeline stays where it is first shown: a click on the list or a
    link while plotly.js is still on its way lands on what the reader aimed at."""
    figure = make_view(read_table(EVENTS), Filters(), TITLE).figure
    with browser.holding("*plotly.min*"):
        browser.go(sample + "/")
        browser.wait_text("#count", "14 of 14 events")
        waiting, below = box_height(browser, "#timeline"), browser.script(LINK_TOP)
        assert browser.drawn() == -1  # plotly.js is held back
        assert browser.script(WAITING_SAYS) == '"Drawing the timeline…"'
    browser.wait_drawn()
    assert waiting == figure.layout.height
    assert box_height(browser, "#timeline") == waiting
    assert browser.script(LINK_TOP) == below


def test_the_reader_keeps_their_place_when_the_timeline_is_drawn(browser, sample):
    """A reader who scrolled down to the list while plotly.js was on its way stays there
    when it draws: the page never gets shorter meanwhile (a browser would then scroll to the
    top, and a click aimed at the list land on the export buttons above it)."""
    with browser.holding("*plotly.min*"):
        browser.go(sample + "/")
        browser.wait_text("#count", "14 of 14 events")
        browser.script("window.scrollTo(0, document.documentElement.scrollHeight)")
        place = browser.script("return scrollY")
        assert place > 0
    browser.wait_drawn()
    assert browser.script("return scrollY") == place


def test_a_zoom_gives_the_timeline_the_height_of_its_figure(page):
    """The place kept for the timeline follows the figure a zoom draws: no gap below a
    shorter one."""
    from timeline.dashboard.figure import render_view

    zoomed, *_ = render_view(read_table(EVENTS), "", TITLE, ("2022-01-01", "2022-12-31"))
    assert zoomed.layout.height < box_height(page, ".timeline-box")
    page.script(ZOOM_2022)
    page.wait(lambda: len(page.finds(".event-item")) == 2, "the zoom drawn")
    page.wait(
        lambda: box_height(page, ".timeline-box") == zoomed.layout.height,
        lambda: f"the box {box_height(page, '.timeline-box')} px high, not {zoomed.layout.height}",
    )


# --- every load draws -------------------------------------------------------------------------


def expected(search: str) -> tuple[str, int]:
    """The count a page of the sample shows for ``search``, and how many marks it draws:
    one per event and lane (its topics, those filtered on if any, or the no-topic lane)."""
    chronology = load_chronology(EVENTS)
    filters = from_query_string(search, chronology.topics)
    shown = apply_filters(chronology.events, filters)
    marks = sum(
        len([t for t in e.topics if not filters.topics or t in filters.topics]) or 1 for e in shown
    )
    return f"{len(shown)} of {len(chronology.events)} events", marks


RELOADS = ["", "?years=2022:2023", "?topics=energy", "?years=2025:2025&topics=trade", "?q=gas"]


def fresh_document(browser) -> None:
    """Mark the page, so that what is read next comes from the next document only."""
    browser.script("window.earlierDocument = true;")


def drew(browser, count: str, marks: int) -> None:
    browser.wait(lambda: browser.script("return !window.earlierDocument;"), "a new document")
    browser.wait_text("#count", count)
    browser.wait_drawn(marks)
    assert len(browser.finds(".event-item")) == int(count.split()[0])


def test_every_reload_draws_the_figure_and_the_count(browser, sample):
    """Thirty loads of the page: plain, with filters in the address, and reloaded."""
    for number in range(30):
        search = RELOADS[number % len(RELOADS)]
        count, marks = expected(search)
        fresh_document(browser)
        if number % 2:
            visit(browser, sample, search)
        else:
            visit(browser, sample, search)
            fresh_document(browser)
            browser.driver.refresh()
        drew(browser, count, marks)
    assert browser.errors() == []


@pytest.fixture
def two_chronologies(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copyfile(EVENTS, folder / "georgia.csv")
    shutil.copyfile(ROOT / "topics.csv", folder / "topics.csv")
    write_events(folder, "t1,2024-05,Trade deal signed,trade,,,Quote one.,Src,\n", topics=None)
    with serving(create_app(folder=folder).server) as address:
        yield address


def test_moving_between_chronologies_draws_each_every_time(browser, two_chronologies):
    visit(browser, two_chronologies, "c/georgia?topics=energy")
    drew(browser, "1 of 14 events", 1)
    for _ in range(5):
        browser.click("#chronologies a[href='/c/events']")
        browser.wait(lambda: browser.driver.current_url.endswith("/c/events"), "the address")
        browser.wait_text("#count", "1 of 1 events")
        browser.wait_drawn(1)
        browser.click("#chronologies a[href='/c/georgia']")
        browser.wait_text("#count", "14 of 14 events")  # the filter stayed with its address
        browser.wait_drawn(expected("")[1])
    browser.driver.back()
    browser.wait_text("#count", "1 of 1 events")
    browser.wait_drawn(1)
    assert browser.errors() == []


# --- filters ----------------------------------------------------------------------------------


def test_year_filter_in_the_url_changes_what_is_drawn(page, sample):
    visit(page, sample, "?years=2022:2023")
    # 2022, 2023, and Galuzin's remark whose unknown start may lie in those years
    page.wait_text("#count", "3 of 14 events")
    page.wait_drawn(5)  # two of them in two lanes each
    assert "2022" in page.text("#years")


def test_the_time_axis_spans_the_years_filtered(page, sample):
    axis = "return document.querySelector('#timeline .js-plotly-plot').layout.xaxis.range;"
    visit(page, sample, "?years=2030:2031")
    page.wait_text("#count", "3 of 14 events")  # only events open at their end reach them
    page.wait_drawn()
    first, last = page.script(axis)
    assert first.startswith("2030-01-01") and last.startswith("2032-01-01")


def test_topic_filter_in_the_url_sets_the_menu_and_limits_the_lanes(page, sample):
    visit(page, sample, "?topics=energy")
    page.wait_text("#count", "1 of 14 events")
    page.wait_drawn(1)
    assert "energy" in page.text("#topics")


def test_typing_text_filters_and_updates_the_url(page):
    page.type("#text", "gas")
    page.wait_text("#count", "1 of 14 events")
    page.wait(lambda: "q=gas" in page.driver.current_url, "q=gas in the address")
    assert page.text(".event-item").startswith("January to June 2025")


# --- details ----------------------------------------------------------------------------------


def test_clicking_an_event_shows_its_quote_source_and_note(page):
    page.click(".event-item")  # the earliest: Galuzin, start unknown
    page.wait_contains("#details", "Galuzin")
    event = next(e for e in sample_events() if e.id == "galuzin-pragmatic-cooperation")
    assert page.text("#details-quote") == event.quote
    details = page.text("#details")
    assert "the end assumes" in details  # the note
    assert "Sources (1)\nIzvestia\nRead the source" in details  # its stored source, by outlet


def test_clicking_a_bar_in_the_timeline_shows_its_details(page):
    bar = page.find("#timeline .barlayer .point path")
    # a real pointer: plotly reads clicks from its drag layer over the bars
    ActionChains(page.driver).move_to_element(bar).pause(0.3).click().perform()
    page.find("#details-quote")
    hover = page.text("#timeline .hovertext")
    title = page.text("#details-title")
    assert title and hover.startswith(title)
    quotes = {e.title: e.quote for e in sample_events()}
    assert page.text("#details-quote") == quotes[title]


def test_html_and_script_in_events_show_as_text_and_never_run(browser, tmp_path):
    title = "<script>window.pwned = 1</script><b>bold</b>"
    quote = '<img src=x onerror="window.pwned = 2">'
    cells = ['"' + text.replace('"', '""') + '"' for text in (title, quote)]
    path = write_events(tmp_path, f"x,2024,{cells[0]},trade,,,{cells[1]},S,\n")
    with serving(create_app(path).server) as address:
        visit(browser, address)
        browser.wait_text("#count", "1 of 1 events")
        browser.click(".event-item")
        browser.wait_contains("#details-title", "<script>")
        assert browser.text("#details-title") == title
        assert browser.text("#details-quote") == quote
        assert browser.script("return window.pwned") is None
        assert browser.finds("#details b") == []


HISTORY = (
    "marathon,-0489-09,Battle of Marathon,diplomacy,,,The Athenians won at Marathon.,Herodotus,\n"
    "bomb,1998-08-07T10:30:00+03:00,Embassy bombing,energy,,,It exploded at 10:30.,Wire,\n"
    'treaty,"[1667, 1668, 1670..1672]",Treaty signed,trade,,,Signed in 1667 or later.,Annals,\n'
    "harvest,2004?-06-11,Harvest festival,trade,,,On 11 June of 2004 or so.,Letter,\n"
)


def test_years_before_1_times_sets_and_qualified_parts_on_the_page(browser, tmp_path):
    path = write_events(tmp_path, HISTORY)
    with serving(create_app(path).server) as address:
        visit(browser, address)
        browser.wait_text("#count", "4 of 4 events")
        browser.wait_drawn()
        assert [e.text for e in browser.finds(".event-item .when")] == [
            "September 490 BC",
            "one of 1667, 1668, 1670–1672",
            "7 August 1998, 10:30:00 UTC+03:00",
            "2004 (year uncertain), 11 June",
        ]
        ticks = [t.text for t in browser.finds("#timeline .xtick text")]
        assert "500 BC" in ticks and not [t for t in ticks if t.startswith("-")]
        assert "490 BC" in [m.text for m in browser.finds(".years .dash-slider-mark")]
        tooltip = "return document.querySelector('#years-tooltip-1-content').textContent"
        assert browser.script(tooltip) == "490 BC"  # shown while the handle is moved
        browser.driver.save_screenshot(str(tmp_path / "history.png"))
        browser.click(".event-item", 1)
        browser.wait_contains("#details", "[1667, 1668, 1670..1672]")
        visit(browser, address, "?years=1669:1669")  # between the candidates: not in it
        browser.wait_text("#count", "0 of 4 events")
        visit(browser, address, "?years=-0500:-0480")
        browser.wait_text("#count", "1 of 4 events")
        assert browser.text(".event-item .when") == "September 490 BC"
        assert browser.errors() == []


# --- export -----------------------------------------------------------------------------------


def test_png_export_is_the_filtered_view(page, sample):
    visit(page, sample, "?topics=trade&years=2025:2025")
    page.wait_text("#count", "3 of 14 events")
    page.click("#export-png")
    target = page.downloads / "timeline.png"
    page.wait(target.exists, "timeline.png downloaded", timeout=120)  # a cold Kaleido
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    chronology = load_chronology(EVENTS)
    filters = Filters((2025, 2025), ("trade",))
    view = build_figure(
        apply_filters(chronology.events, filters),
        chronology.topics,
        "T",
        only_topics=filters.topics,
    )
    whole = build_figure(chronology.events, chronology.topics, "T")
    assert (width, height) == (1400, view.layout.height)
    assert view.layout.height < whole.layout.height


def test_the_standalone_page_of_hostile_titles_draws_them_as_text(browser, tmp_path):
    hostile = ("<!--<script>", '<a href="http://evil">x</a>')
    cells = ['"' + text.replace('"', '""') + '"' for text in hostile]
    path = write_events(
        tmp_path,
        f"h1,2024,{cells[0]},trade,,,{cells[0]},S,\nh2,2024-05,{cells[1]},energy,,,{cells[1]},S,\n",
    )
    page = tmp_path / "timeline.html"
    page.write_bytes(export(read_table(path), Filters(), "html", hostile[1]))
    browser.go(page.as_uri())
    browser.find(".js-plotly-plot .main-svg")
    texts = "return [...document.querySelectorAll('.js-plotly-plot text')].map(t => t.textContent);"
    assert set(hostile) <= set(browser.script(texts))  # the titles as typed, and the title
    links = "return document.querySelectorAll('a[href*=evil]').length;"
    assert browser.script(links) == 0
    browser.script(
        "document.querySelector('.js-plotly-plot')"
        ".emit('plotly_click', {points: [{customdata: ['h1']}]});"
    )
    browser.wait_contains("#timeline-details", hostile[0])
    assert browser.errors() == []


# --- problems and large files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "row", "words"),
    [
        (
            "id,date,title,topics,actors,summary,quote,source,note",
            "b,2024-13,T,trade,,,Q.,S,",
            "line 3, column date: month 13 does not exist",
        ),
        ("id,date,title", "b,2024,T", "line 1, column topics: missing column 'topics'"),
    ],
)
def test_a_broken_file_is_explained_on_the_page(browser, tmp_path, header, row, words):
    path = tmp_path / "events.csv"
    path.write_text(f"{header}\na,2024,Fine,trade,,,Q.,S,\n{row}\n", encoding="utf-8")
    with serving(create_app(path).server) as address:
        visit(browser, address)
        browser.wait_contains("#problems", words)
        assert "Traceback" not in browser.text("body")


def test_a_hundred_thousand_events_load_and_zoom_to_single_events(browser, tmp_path):
    from timeline.generate import generate_file

    path = tmp_path / "events.csv"
    generate_file(100_000, path, seed=1)
    kinds = "return document.querySelector('#timeline .js-plotly-plot').data.map(t => t.type);"
    zoom = (
        "Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'),"
        " {'xaxis.range': ['2010-03-01', '2010-03-20']});"
    )
    with serving(create_app(path).server) as address:
        visit(browser, address)
        browser.wait_text("#count", "100,000 of 100,000 events", timeout=120)
        browser.wait(lambda: "heatmap" in browser.script(kinds), "counts drawn")
        browser.script(zoom)
        browser.wait(lambda: "heatmap" not in browser.script(kinds), "single events drawn")
        assert 0 < browser.drawn() <= 2 * current().max_drawn  # an event may take two lanes
        assert browser.errors() == []


def test_the_page_opens_while_its_file_is_read_and_fills_in_when_it_is(
    browser, small_events, monkeypatch
):
    import timeline.engine as engine

    gate = threading.Event()
    real = engine.read_table
    monkeypatch.setattr(engine, "read_table", lambda *a, **k: gate.wait() and real(*a, **k))
    with serving(create_app(small_events).server) as address:  # no waiting for the file
        visit(browser, address)
        browser.wait_contains("#loading", "Reading events.csv")
        assert browser.text("#count") == ""
        gate.set()
        browser.wait_text("#count", "5 of 5 events")
        browser.wait_text("#loading", "")


def test_a_page_read_while_it_opened_is_made_again_once_however_slowly(
    browser, small_events, monkeypatch
):
    """The reading poll ticks every 700 ms. Once a tick has answered that the file is read,
    no later tick may make the page again, however long the page takes to make: a second
    page would replace the first under the reader (a zoom lost; seen with 100,000 events
    on a busy machine)."""
    import time

    import timeline.dashboard.pages as pages
    import timeline.engine as engine

    read = threading.Event()
    real_read, real_view = engine.read_table, pages._filtered_view
    made = []

    def made_slowly(*args, **kwargs):  # as a large file's page on a busy machine: 2.5 s
        made.append(time.monotonic())
        time.sleep(2.5)
        return real_view(*args, **kwargs)

    monkeypatch.setattr(engine, "read_table", lambda *a, **k: read.wait() and real_read(*a, **k))
    monkeypatch.setattr(pages, "_filtered_view", made_slowly)
    with serving(create_app(small_events).server) as address:
        visit(browser, address)
        browser.wait_contains("#loading", "Reading events.csv")
        read.set()
        browser.wait_text("#count", "5 of 5 events")
        assert len(made) == 1


# --- writing ----------------------------------------------------------------------------------


def test_edit_and_delete_an_event_from_the_page(browser, served, copy):
    visit(browser, served)
    browser.wait_text("#count", "14 of 14 events")
    browser.click(".event-item", 1)  # Georgia refuses a "second front", 2022
    browser.wait_contains("#details-title", "second front")
    browser.click("#edit summary")
    browser.wait(lambda: browser.value("#edit-date") == "2022", "the form filled")
    browser.type("#edit-date", "2022-09", replace=True)
    browser.type("#edit-note", "Month from the second report.", replace=True)
    browser.click("#edit-save")
    browser.wait_contains("#edit-status", "Saved second-front-refusal")
    saved = {e.id: e for e in load_chronology(copy).events}["second-front-refusal"]
    assert (saved.date.edtf, saved.note) == ("2022-09", "Month from the second report.")
    browser.wait_contains("#details", "September 2022 (EDTF 2022-09)")  # details follow
    browser.click("#edit-delete-button")
    browser.driver.switch_to.alert.dismiss()  # asked first: "no" changes nothing
    assert "second-front-refusal" in {e.id for e in load_chronology(copy).events}
    browser.click("#edit-delete-button")
    browser.driver.switch_to.alert.accept()
    browser.wait_contains("#edit-status", "Deleted second-front-refusal")
    assert "second-front-refusal" not in {e.id for e in load_chronology(copy).events}
    browser.wait_text("#count", "13 of 13 events")
    browser.wait_contains("#details", "Deleted second-front-refusal.")


# Nothing waits in Dash's queue of callbacks; at most one runs.
SETTLED = (
    "const c = window.store.getState().callbacks;"
    " return c.requested.length + c.prioritized.length + c.blocked.length === 0"
    " && c.executing.length <= 1;"
)


def test_a_click_is_answered_though_the_list_is_drawn_again_meanwhile(browser, served, monkeypatch):
    """A click's answer still on its way when the list is drawn again (a zoom, an edit, a
    busy server) is shown: the new list must not ask the details again in its place (Dash
    keeps the answer of a callback's latest call only), or the click is lost."""
    import timeline.dashboard.details as details

    asked, answer = threading.Event(), threading.Event()
    real = details.details_and_form

    def held(*args, **kwargs):
        asked.set()
        answer.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(details, "details_and_form", held)
    visit(browser, served)
    browser.wait_text("#count", "14 of 14 events")
    browser.wait_drawn()
    try:
        browser.click(".event-item", 1)  # Georgia refuses a "second front", 2022
        browser.wait(asked.is_set, "the click asked for details")
        browser.script(ZOOM_2022)
        browser.wait(lambda: len(browser.finds(".event-item")) == 2, "the list drawn again")
        browser.wait(lambda: browser.script(SETTLED), "the page's own callbacks answered")
    finally:
        answer.set()
    browser.wait_contains("#details-title", "second front")


def test_an_unknown_topic_is_refused_in_view(browser, served, copy):
    before = copy.read_bytes()
    visit(browser, served)
    browser.click(".event-item", 1)
    browser.click("#edit summary")
    browser.wait(lambda: browser.value("#edit-topics"), "the form filled")
    browser.type("#edit-topics", "sport;diplomacy", replace=True)
    browser.click("#edit-save")
    browser.wait_contains("#edit-status", "unknown topic; known topics:")
    assert "'sport'" in browser.text("#edit-status")
    assert copy.read_bytes() == before


def test_an_event_added_by_hand_appears_once(browser, served, copy):
    visit(browser, served)
    browser.wait_text("#count", "14 of 14 events")
    browser.click("#add summary")
    for field, value in (
        ("date", "2025-10"),
        ("title", "Ferry line reopens"),
        ("topics", "transport and tourism"),
        ("quote", "The ferry line reopened in October."),
        ("source", "Port authority"),
    ):
        browser.type(f"#add-{field}", value)
    browser.click("#add-save")
    browser.wait_contains("#add-status", "Added 2025-10-ferry-line-reopens")
    browser.wait_text("#count", "15 of 15 events")
    assert browser.value("#add-title") == ""  # the form is ready for the next one
    for field, value in (("date", "2025-10"), ("title", "Ferry line reopens")):
        browser.type(f"#add-{field}", value)
    browser.type("#add-quote", "Again.")
    browser.type("#add-source", "Port authority")
    browser.click("#add-save")
    browser.wait_contains("#add-status", "an identical event is already there")
    assert len(load_chronology(copy).events) == 15


@pytest.fixture
def guarded(copy):
    """The copy, served with a write token."""
    with serving(create_app(copy, write_token="s3cret").server) as address:
        yield address


def test_a_save_without_the_token_says_why_and_changes_nothing(browser, guarded, copy):
    before = copy.read_bytes()
    visit(browser, guarded)
    browser.wait_text("#count", "14 of 14 events")
    assert browser.find("#write-token").get_attribute("type") == "password"  # in sight
    browser.click(".event-item", 1)
    browser.click("#edit summary")
    browser.wait(lambda: browser.value("#edit-date") == "2022", "the form filled")
    browser.type("#edit-date", "2022-09", replace=True)
    browser.click("#edit-save")
    browser.wait_contains("#edit-status", "Nothing changed:")
    assert "token" in browser.text("#edit-status")
    assert copy.read_bytes() == before
    browser.type("#write-token", "s3cret")
    browser.click("#edit-save")
    browser.wait_contains("#edit-status", "Saved second-front-refusal")


def test_paste_review_and_save_keeps_every_old_row(browser, served, copy):
    before = copy.read_bytes()
    visit(browser, served)
    browser.wait_text("#count", "14 of 14 events")
    browser.click(".review-link a")
    browser.type(
        "#article-text",
        "The ferry was launched in May 2026 and suspended two months later. "
        "A new museum of wine opened last year.",
    )
    browser.type("#published", "2026-09-01")
    browser.click("#propose")
    browser.wait_contains("#review-status", "3 proposed events")
    assert [m.text for m in browser.finds("#article-marked mark")] == [
        "May 2026",
        "two months later",
        "last year",
    ]
    browser.click(".accept input[type=checkbox]", 1)  # reject the second, accept the others
    browser.click("#save-accepted")
    browser.wait_contains("#save-status", "Saved 2 events")
    assert copy.read_bytes().startswith(before)
    saved = load_chronology(copy)
    assert saved.problems == () and len(saved.events) == 16
    assert [e.date.edtf for e in saved.events[-2:]] == ["2026-05", "2025"]
    browser.wait(lambda: len(browser.finds(".accept input")) == 1, "the saved ones gone")
    assert browser.finds(".accept input[type=checkbox]")[0].is_selected() is False
    browser.click("#save-accepted")  # again: nothing ticked is left, nothing saved twice
    browser.wait_contains("#save-status", "Tick the events to accept first")
    assert len(load_chronology(copy).events) == 16
    browser.click(".review a")  # back to the chronology
    browser.wait_text("#count", "16 of 16 events")


def test_an_uploaded_pdf_is_explained(browser, served, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    visit(browser, served, "c/events/review")
    browser.find("#article-upload input[type=file]").send_keys(str(pdf))
    browser.wait_contains("#review-status", "report.pdf is a PDF: copy its text")


SECOND_ARTICLE = (
    "Georgia's parliament adopted the law on transparency of foreign influence in May 2024, "
    "despite protests. Prime Minister Irakli Kobakhidze said in February 2025 that there is no "
    "way to restore diplomatic relations with Russia. A new bridge over the Enguri river "
    "opened in March 2025, officials said."
)


def open_details(browser, title_words: str) -> None:
    items = browser.finds(".event-item")
    index = next(i for i, item in enumerate(items) if title_words in item.text)
    browser.click(".event-item", index)
    browser.wait_contains("#details-title", title_words)


def test_read_a_source_then_a_second_article_adds_reports_of_two_events(browser, served, copy):
    law = next(e for e in sample_events() if e.id == "transparency-law")
    visit(browser, served)
    browser.wait_text("#count", "14 of 14 events")
    open_details(browser, "On Transparency of Foreign Influence")
    browser.click("#details .read-source")
    browser.wait_contains("#source-heading", "Izvestia")
    assert browser.text("#quote-current") == law.quote
    assert "transparency-law" in browser.driver.current_url
    assert len(browser.finds("#source-events li")) == 14
    assert browser.text("#source-events li.current").startswith("May 2024: Parliament adopts")
    browser.driver.refresh()  # its own address, as when reloaded or opened in a new tab
    browser.wait_contains("#source-heading", "Izvestia")
    assert browser.text("#quote-current") == law.quote

    visit(browser, served, "review")
    browser.type("#article-text", SECOND_ARTICLE)
    browser.type("#published", "2025-07-20")
    browser.type("#article-source", "Second paper")
    browser.click("#propose")
    browser.wait_contains("#review-status", "3 proposed events")
    kinds = [element.text for element in browser.finds(".proposal-kind")]
    assert [k.split(" (")[0] for k in kinds] == [
        'Another report of “Parliament adopts the law "On Transparency of Foreign Influence"”',
        "Another report of “Kobakhidze: no way to restore diplomatic relations while regions "
        "are occupied”",
        "New event",
    ]
    browser.click("#save-accepted")
    browser.wait_contains("#save-status", "Saved 1 events")
    assert "Attached 2 reports as sources of kobakhidze-no-way, transparency-law" in browser.text(
        "#save-status"
    )
    assert (copy.parent / "sources" / "second-paper.txt").read_text("utf-8") == SECOND_ARTICLE

    visit(browser, served)
    browser.wait_text("#count", "15 of 15 events")
    for words in ("On Transparency of Foreign Influence", "Kobakhidze"):
        open_details(browser, words)
        browser.wait_contains("#details-sources", "Second paper")
        assert browser.text("#details h4") == "Sources (2)"
    assert browser.errors() == []


def test_a_chronicle_of_uploaded_articles_opens_in_the_review(browser, served, copy, tmp_path):
    from conftest import UPLOADS

    files = []
    for name, text in UPLOADS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(str(tmp_path / name))
    visit(browser, served, "review")
    browser.click(".chronicle summary")
    browser.find("#chronicle-upload input[type=file]").send_keys("\n".join(files))
    browser.wait_contains("#chronicle-status", "Read 3 articles")
    browser.type("#chronicle-dates", "2", replace=True)
    browser.type("#chronicle-keywords", "Strauss-Kahn")
    browser.click("#build-chronicle")
    browser.wait_contains("#chronicle-status", "2 days, 2 rows to review below")
    assert [e.text for e in browser.finds(".proposal-kind")] == ["New event", "New event"]
    browser.click("#save-accepted")
    browser.wait_contains("#save-status", "Saved 2 events")
    saved = load_chronology(copy)
    assert saved.problems == () and len(saved.events) == 16
    assert {e.source for e in saved.events[-2:]} == {"2011-05-15-wire", "2011-05-19-paper"}
