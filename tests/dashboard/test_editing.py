"""Writing from the chronology page (edit, delete, add), through the callbacks the page calls:
every action answers on the page, and the file holds what the answer says."""

from __future__ import annotations

import pytest
from conftest import callback_request

from timeline.access import WritePolicy
from timeline.dashboard import create_app
from timeline.dashboard.layout import EDITED
from timeline.engine import load_chronology

TOKEN = "s3cret"
T3 = {
    "date": "2023-03-14",
    "title": "Envoys meet",
    "topics": "diplomacy",
    "actors": "",
    "summary": "",
    "quote": "Quote three.",
    "source": "Src",
    "note": "a note",
}
NEW = {
    "date": "2023-04",
    "title": "Envoys meet again",
    "topics": "diplomacy;trade",
    "actors": "A;B",
    "summary": "A summary.",
    "quote": "Quote three, corrected.",
    "source": "Other source",
    "note": "checked twice",
}


@pytest.fixture
def app(small_events):
    return create_app(small_events, policy=WritePolicy.for_server("127.0.0.1", TOKEN))


def answer(app, output: str, values: dict, changed: str | None = None) -> dict:
    """What the page shows after the callback that fills ``output``, by "id.property"."""
    request = callback_request(app, output, values, changed)
    response = app.server.test_client().post(
        "/_dash-update-component", json=request, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    )
    assert response.status_code == 200
    return {
        f"{component}.{prop}": value
        for component, props in response.get_json()["response"].items()
        for prop, value in props.items()
    }


def edit_values(fields: dict, token: str = TOKEN, event_id: str = "t3", seen=None) -> dict:
    return {
        "chronology.data": "events",
        "shown.data": "",
        "selected-id.data": {"id": event_id, "seen": T3 if seen is None else seen},
        "write-token.value": token,
        **{f"edit-{name}.value": fields[name] for name in EDITED},
    }


def add_values(fields: dict, token: str = TOKEN) -> dict:
    return {
        "chronology.data": "events",
        "shown.data": "",
        "write-token.value": token,
        **{f"add-{name}.value": fields.get(name, "") for name in EDITED},
    }


def rows(path) -> dict:
    return {e.id: e for e in load_chronology(path).events}


SAVE, DELETE = "edit-save.n_clicks", "edit-delete.submit_n_clicks"


def test_every_field_of_an_event_can_be_edited(app, small_events):
    shown = answer(app, "edit-status.children", edit_values(NEW), SAVE)
    assert shown["edit-status.children"].startswith("Saved t3: April 2023, Envoys meet again")
    event = rows(small_events)["t3"]
    assert event.as_row() == {"id": "t3", **NEW}
    # the details and the form follow the file
    assert "April 2023 (EDTF 2023-04)" in str(shown["details.children"])
    assert shown["selected-id.data"] == {"id": "t3", "seen": NEW}
    assert [shown[f"edit-{name}.value"] for name in EDITED] == list(NEW.values())
    assert shown["count.children"] == "5 of 5 events"


@pytest.mark.parametrize(
    ("output", "values", "changed"),
    [
        ("edit-status.children", lambda token: edit_values(NEW, token), SAVE),
        ("edit-status.children", lambda token: edit_values(T3, token), DELETE),
        ("add-status.children", lambda token: add_values(NEW, token), None),
    ],
    ids=["edit", "delete", "add"],
)
@pytest.mark.parametrize("token", ["", "wrong"])
def test_a_write_without_the_token_is_refused_on_the_page(
    app, small_events, output, values, changed, token
):
    before = small_events.read_bytes()
    shown = answer(app, output, values(token), changed)
    assert shown[output].startswith("Nothing changed:")
    assert "token" in shown[output]
    assert small_events.read_bytes() == before


@pytest.mark.parametrize(
    ("output", "values", "changed"),
    [
        ("edit-status.children", edit_values({**NEW, "topics": "sport;diplomacy"}), SAVE),
        ("add-status.children", add_values({**NEW, "topics": "sport;diplomacy"}), None),
    ],
    ids=["edit", "add"],
)
def test_an_unknown_topic_is_refused_and_the_known_ones_named(
    app, small_events, output, values, changed
):
    before = small_events.read_bytes()
    status = answer(app, output, values, changed)[output]
    assert status.startswith("Nothing changed:")
    assert "'sport'" in status and "known topics: trade, energy, diplomacy" in status
    assert small_events.read_bytes() == before


def test_an_edit_of_an_event_changed_since_it_was_shown_is_refused(app, small_events):
    seen = {**T3, "title": "Envoys met"}  # what the reader saw before someone else saved
    before = small_events.read_bytes()
    status = answer(app, "edit-status.children", edit_values(NEW, seen=seen), SAVE)
    assert status["edit-status.children"].startswith("Nothing changed:")
    assert "changed since" in status["edit-status.children"]
    assert small_events.read_bytes() == before


def test_delete_removes_the_row_and_the_details_say_so(app, small_events):
    shown = answer(app, "edit-status.children", edit_values(T3), DELETE)
    assert shown["edit-status.children"] == "Deleted t3."
    assert "t3" not in rows(small_events)
    assert "Deleted t3." in str(shown["details.children"])
    assert shown["selected-id.data"] is None
    assert shown["count.children"] == "4 of 4 events"


def test_an_event_added_by_hand_is_saved_once(app, small_events):
    shown = answer(app, "add-status.children", add_values(NEW))
    assert (
        shown["add-status.children"]
        == "Added 2023-04-envoys-meet-again: April 2023, Envoys meet again."
    )
    assert rows(small_events)["2023-04-envoys-meet-again"].as_row()["note"] == "checked twice"
    assert [shown[f"add-{name}.value"] for name in EDITED] == [""] * len(EDITED)  # form cleared
    assert shown["count.children"] == "6 of 6 events"
    again = answer(app, "add-status.children", add_values(NEW))["add-status.children"]
    assert "an identical event is already there: 2023-04-envoys-meet-again" in again
    assert len(rows(small_events)) == 6


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({**NEW, "date": "2023-13"}, "month 13 does not exist"),
        ({**NEW, "title": ""}, "title"),
        ({**NEW, "quote": ""}, "quote"),
    ],
)
def test_an_added_event_is_checked_like_a_row_of_the_file(app, small_events, fields, words):
    before = small_events.read_bytes()
    status = answer(app, "add-status.children", add_values(fields))["add-status.children"]
    assert status.startswith("Nothing changed:") and words in status
    assert small_events.read_bytes() == before


@pytest.mark.parametrize("button", ["edit-save", "add-save", "save-accepted", "propose"])
def test_a_button_is_disabled_while_its_action_is_on_its_way(app, button):
    """The page disables the button from the click until the answer (Dash's ``running``), so
    a second click cannot send the same save again."""
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    running = [d["running"]["running"] for d in dependencies if d.get("running")]
    assert {f"{button}.disabled": True} in running
