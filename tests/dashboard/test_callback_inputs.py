"""No value a client sends to a callback gets a server error: each input and state of every
callback of the page, given any JSON, is answered (or refused) with a reason."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT
from dash._utils import split_callback_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dashboard import create_app, inputs

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    shutil.copy(ROOT / "events.csv", folder / "events.csv")
    shutil.copy(ROOT / "topics.csv", folder / "topics.csv")
    return create_app(folder / "events.csv")


def callbacks():
    """The callbacks that run on the server (those that run in the browser never reach it)."""
    return [k for k, c in create_app(ROOT / "events.csv").callback_map.items() if "callback" in c]


def entries(dependencies, draw):
    """Each input or state as the page sends it, with a value drawn from any JSON; a
    pattern-matching one (ALL) as a list of a few such entries."""
    sent = []
    for dependency in dependencies:
        wanted = dependency["id"]
        if wanted.startswith("{"):  # {"type": ..., "index": ["ALL"]}
            pattern = json.loads(wanted)
            ids = [
                {k: (n if v == ["ALL"] else v) for k, v in pattern.items()}
                for n in range(draw(st.integers(0, 2)))
            ]
            sent.append(
                [{"id": i, "property": dependency["property"], "value": draw(JSON)} for i in ids]
            )
        else:
            sent.append({"id": wanted, "property": dependency["property"], "value": draw(JSON)})
    return sent


@pytest.mark.parametrize("key", callbacks())
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_value_sent_to_a_callback_gets_an_answer_not_a_server_error(app, key, data):
    callback = app.callback_map[key]
    inputs = entries(callback["inputs"], data.draw)
    state = entries(callback.get("state", []), data.draw)
    first = inputs[0] if isinstance(inputs[0], dict) else None
    changed = [f"{first['id']}.{first['property']}"] if first else []
    body = {
        "output": key,
        "outputs": split_callback_id(key),
        "inputs": inputs,
        "state": state,
        "changedPropIds": changed,
    }
    response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:500]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (7, 7), ("7", 7), (7.9, 7), (0, 1), (-3, 1), (10**9, 200),
        (float("inf"), 5), (float("-inf"), 5), (float("nan"), 5),  # JSON may carry them
        ("seven", 5), (None, 5), (True, 5), ([7], 5), ({"n": 7}, 5), ("7.5", 5),
    ],
)  # fmt: skip
def test_a_number_field_gives_a_whole_number_within_its_bounds_or_its_default(value, expected):
    assert inputs.bounded(value, 5, 1, 200) == expected
