"""The page in headless Chromium (dash.testing): loading, filtering, details, PNG export."""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from conftest import ROOT, write_events
from selenium.webdriver.common.action_chains import ActionChains

from timeline.dashboard import create_app
from timeline.engine import load_chronology, read_table
from timeline.figures import build_figure
from timeline.formats import export
from timeline.query import Filters, apply_filters
from timeline.settings import current

pytestmark = pytest.mark.browser

EVENTS = ROOT / "events.csv"
DRAWN = """
const plot = document.querySelector('#timeline .js-plotly-plot');
if (!plot || !plot.data) return -1;
return plot.data.filter(t => t.customdata).reduce((n, t) => n + t.customdata.length, 0);
"""


@pytest.fixture
def page(dash_duo):
    dash_duo.start_server(create_app(EVENTS, title="Russia–Georgia relations"))
    dash_duo.wait_for_text_to_equal("#count", "14 of 14 events", timeout=15)
    return dash_duo


def drawn(dash_duo) -> int:
    return dash_duo.driver.execute_script(DRAWN)


def wait_for(condition, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def visit(dash_duo, search: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + "/" + search)


def test_page_loads_with_every_event(page):
    assert len(page.find_elements(".event-item")) == 14
    wait_for(lambda: drawn(page) > 0)
    # 14 events, drawn once per topic: 24 (event, topic) pairs
    assert drawn(page) == sum(len(e.topics) for e in load_chronology(EVENTS).events)
    assert page.find_element("h1").text == "Russia–Georgia relations"
    assert page.get_logs() == []


def test_year_filter_in_the_url_changes_what_is_drawn(page):
    before = drawn(page)
    visit(page, "?years=2022:2023")
    # 2022, 2023, and Galuzin's remark whose unknown start may lie in those years
    page.wait_for_text_to_equal("#count", "3 of 14 events", timeout=15)
    wait_for(lambda: drawn(page) == 5)  # two of them in two lanes each
    assert drawn(page) < before
    assert page.find_element("#years").text.count("2022") >= 1


def test_topic_filter_in_the_url_sets_the_menu_and_limits_the_lanes(page):
    visit(page, "?topics=energy")
    page.wait_for_text_to_equal("#count", "1 of 14 events", timeout=15)
    wait_for(lambda: drawn(page) == 1)
    assert "energy" in page.find_element("#topics").text


def test_typing_text_filters_and_updates_the_url(page):
    box = page.find_element("#text")
    box.send_keys("gas")
    page.wait_for_text_to_equal("#count", "1 of 14 events", timeout=15)
    wait_for(lambda: "q=gas" in page.driver.current_url)
    assert [e.text for e in page.find_elements(".event-item")][0].startswith("January to June 2025")


def test_clicking_an_event_shows_its_quote_source_and_note(page):
    item = page.find_elements(".event-item")[0]  # the earliest: Galuzin, start unknown
    item.click()
    page.wait_for_contains_text("#details", "Galuzin", timeout=10)
    event = next(
        e for e in load_chronology(EVENTS).events if e.id == "galuzin-pragmatic-cooperation"
    )
    assert page.find_element("#details-quote").text == event.quote
    details = page.find_element("#details").text
    assert event.source in details and "the end assumes" in details


def test_clicking_a_bar_in_the_timeline_shows_its_details(page):
    wait_for(lambda: len(page.find_elements("#timeline .barlayer .point")) > 0)
    bar = page.find_elements("#timeline .barlayer .point path")[0]
    # a real pointer: plotly reads clicks from its drag layer over the bars
    ActionChains(page.driver).move_to_element(bar).pause(0.3).click().perform()
    wait_for(lambda: page.find_elements("#details-quote"))
    hover = page.find_element("#timeline .hovertext").text
    title = page.find_element("#details-title").text
    assert title and hover.startswith(title)
    quotes = {e.title: e.quote for e in load_chronology(EVENTS).events}
    assert page.find_element("#details-quote").text == quotes[title]


def test_png_export_is_the_filtered_view(page):
    visit(page, "?topics=trade&years=2025:2025")
    page.wait_for_text_to_equal("#count", "3 of 14 events", timeout=15)
    page.find_element("#export-png").click()
    target = Path(page.download_path) / "timeline.png"
    wait_for(target.exists, timeout=60)
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
def test_a_broken_file_is_explained_on_the_page(dash_duo, tmp_path, header, row, words):
    path = tmp_path / "events.csv"
    path.write_text(f"{header}\na,2024,Fine,trade,,,Q.,S,\n{row}\n", encoding="utf-8")
    dash_duo.start_server(create_app(path))
    dash_duo.wait_for_contains_text("#problems", words, timeout=15)
    assert "Traceback" not in dash_duo.find_element("body").text


def test_paste_review_and_save_keeps_every_old_row(dash_duo, tmp_path):
    events = tmp_path / "events.csv"
    events.write_bytes((ROOT / "events.csv").read_bytes())
    (tmp_path / "topics.csv").write_bytes((ROOT / "topics.csv").read_bytes())
    before = events.read_bytes()
    dash_duo.start_server(create_app(events))
    dash_duo.wait_for_text_to_equal("#count", "14 of 14 events", timeout=15)
    dash_duo.find_element("#review summary").click()
    dash_duo.find_element("#article-text").send_keys(
        "The ferry was launched in May 2026 and suspended two months later. "
        "Trade grew by 3% last year."
    )
    dash_duo.find_element("#published").send_keys("2026-09-01")
    dash_duo.find_element("#propose").click()
    dash_duo.wait_for_contains_text("#review-status", "3 proposed events", timeout=15)
    marked = [m.text for m in dash_duo.find_elements("#article-marked mark")]
    assert marked == ["May 2026", "two months later", "last year"]
    # reject the second proposal, accept the others
    dash_duo.find_elements(".accept input[type=checkbox]")[1].click()
    dash_duo.find_element("#save-accepted").click()
    dash_duo.wait_for_contains_text("#save-status", "Saved 2 events", timeout=15)
    assert events.read_bytes().startswith(before)
    saved = load_chronology(events)
    assert saved.problems == () and len(saved.events) == 16
    assert [e.date.edtf for e in saved.events[-2:]] == ["2026-05", "2025"]
    dash_duo.wait_for_text_to_equal("#count", "16 of 16 events", timeout=15)


def test_a_hundred_thousand_events_load_and_zoom_to_single_events(dash_duo, tmp_path):
    from timeline.generate import generate_file

    path = tmp_path / "events.csv"
    generate_file(100_000, path, seed=1)
    dash_duo.start_server(create_app(path))
    dash_duo.wait_for_text_to_equal("#count", "100,000 of 100,000 events", timeout=60)
    kinds = "return document.querySelector('#timeline .js-plotly-plot').data.map(t => t.type);"
    wait_for(lambda: "heatmap" in (dash_duo.driver.execute_script(kinds) or []), timeout=30)
    zoom = (
        "Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'),"
        " {'xaxis.range': ['2010-03-01', '2010-03-20']});"
    )
    for _ in range(5):  # a zoom made while the first draw's resize is in flight can be merged
        dash_duo.driver.execute_script(zoom)
        try:
            wait_for(lambda: "heatmap" not in dash_duo.driver.execute_script(kinds), timeout=6)
            break
        except AssertionError:
            continue
    assert "heatmap" not in dash_duo.driver.execute_script(kinds)
    assert 0 < drawn(dash_duo) <= 2 * current().max_drawn  # an event may be drawn in two lanes
    assert dash_duo.get_logs() == []


def test_html_and_script_in_events_show_as_text_and_never_run(dash_duo, tmp_path):
    title = "<script>window.pwned = 1</script><b>bold</b>"
    quote = '<img src=x onerror="window.pwned = 2">'
    path = tmp_path / "events.csv"
    path.write_text(
        "id,date,title,topics,actors,summary,quote,source,note\n"
        f'x,2024,"{title}",trade,,,"{quote.replace(chr(34), chr(34) * 2)}",S,\n',
        encoding="utf-8",
    )
    dash_duo.start_server(create_app(path))
    dash_duo.wait_for_text_to_equal("#count", "1 of 1 events", timeout=15)
    dash_duo.find_elements(".event-item")[0].click()
    dash_duo.wait_for_contains_text("#details-title", "<script>", timeout=10)
    assert dash_duo.find_element("#details-title").text == title
    assert dash_duo.find_element("#details-quote").text == quote
    assert dash_duo.driver.execute_script("return window.pwned") is None
    assert dash_duo.find_elements("#details b") == []


def test_edit_and_delete_an_event_from_the_page(dash_duo, tmp_path):
    events = tmp_path / "events.csv"
    events.write_bytes((ROOT / "events.csv").read_bytes())
    (tmp_path / "topics.csv").write_bytes((ROOT / "topics.csv").read_bytes())
    dash_duo.start_server(create_app(events))
    dash_duo.wait_for_text_to_equal("#count", "14 of 14 events", timeout=15)
    dash_duo.find_elements(".event-item")[1].click()  # Georgia refuses a "second front", 2022
    dash_duo.wait_for_contains_text("#details-title", "second front", timeout=10)
    dash_duo.find_element("#edit summary").click()
    wait_for(lambda: dash_duo.find_element("#edit-date").get_attribute("value") == "2022")
    date_box = dash_duo.find_element("#edit-date")
    dash_duo.clear_input(date_box)
    date_box.send_keys("2022-09")
    dash_duo.find_element("#edit-save").click()
    dash_duo.wait_for_contains_text("#edit-status", "Saved second-front-refusal", timeout=10)
    saved = {e.id: e for e in load_chronology(events).events}
    assert saved["second-front-refusal"].date.edtf == "2022-09"
    dash_duo.find_element("#edit-delete").click()
    dash_duo.wait_for_contains_text("#edit-status", "Deleted second-front-refusal", timeout=10)
    assert "second-front-refusal" not in {e.id for e in load_chronology(events).events}
    dash_duo.wait_for_text_to_equal("#count", "13 of 13 events", timeout=15)


TEXTS_DRAWN = (
    "return [...document.querySelectorAll('.js-plotly-plot text')].map(t => t.textContent);"
)


def test_the_standalone_page_of_hostile_titles_draws_them_as_text(dash_duo, tmp_path):
    hostile = ("<!--<script>", '<a href="http://evil">x</a>')
    cells = ['"' + text.replace('"', '""') + '"' for text in hostile]
    path = write_events(
        tmp_path,
        f"h1,2024,{cells[0]},trade,,,{cells[0]},S,\nh2,2024-05,{cells[1]},energy,,,{cells[1]},S,\n",
    )
    page = tmp_path / "timeline.html"
    page.write_bytes(export(read_table(path), Filters(), "html", hostile[1]))
    dash_duo.driver.get(page.as_uri())
    dash_duo.wait_for_element(".js-plotly-plot .main-svg", timeout=20)
    drawn = dash_duo.driver.execute_script(TEXTS_DRAWN)
    assert set(hostile) <= set(drawn)  # the titles as typed, and the figure's title
    links = "return document.querySelectorAll('a[href*=evil]').length;"
    assert dash_duo.driver.execute_script(links) == 0
    dash_duo.driver.execute_script(
        "document.querySelector('.js-plotly-plot')"
        ".emit('plotly_click', {points: [{customdata: ['h1']}]});"
    )
    dash_duo.wait_for_contains_text("#timeline-details", hostile[0], timeout=10)
    assert [e for e in dash_duo.get_logs() if e["level"] == "SEVERE"] == []


def test_the_page_opens_while_its_file_is_read_and_fills_in_when_it_is(
    dash_duo, small_events, monkeypatch
):
    import threading

    import timeline.engine as engine

    gate = threading.Event()
    real = engine.read_table
    monkeypatch.setattr(engine, "read_table", lambda *a, **k: gate.wait() and real(*a, **k))
    dash_duo.start_server(create_app(small_events))  # no waiting for the file
    dash_duo.wait_for_contains_text("#loading", "Reading events.csv", timeout=20)
    assert dash_duo.find_element("#count").text == ""
    gate.set()
    dash_duo.wait_for_text_to_equal("#count", "5 of 5 events", timeout=30)
    dash_duo.wait_for_text_to_equal("#loading", "", timeout=10)
