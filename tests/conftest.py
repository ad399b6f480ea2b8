"""Shared fixtures: small events files, a pinned clock and timezone, the browser gate."""

from __future__ import annotations

import contextlib
import os
import shutil
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from hypothesis import settings

# No property test here is about time: a deadline only fails them on a busy machine.
settings.register_profile("default", deadline=None)
settings.register_profile("deep", deadline=None, max_examples=5000)  # --hypothesis-profile=deep
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "sources" / "izvestia-russia-georgia.txt"  # the source of events.csv
HEADER = "id,date,title,topics,actors,summary,quote,source,note\n"
TOPICS = textwrap.dedent("""\
    name,colour,description
    trade,#2ca02c,Trade
    energy,#8c564b,Energy
    diplomacy,#1f77b4,Diplomacy
    """)


def chromium_found() -> bool:
    browser = any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))
    return browser and shutil.which("chromedriver") is not None


def pytest_collection_modifyitems(config, items):
    """Browser tests skip without Chromium on a developer's machine, and fail in CI."""
    if chromium_found() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason="needs Chromium and chromedriver (apt-get install chromium "
        "chromium-driver); never skipped when CI is set"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_session(tmp_path_factory):
    """One headless Chromium for every browser test of the run."""
    from chromium import Browser

    browser = Browser.start(tmp_path_factory.mktemp("downloads"))
    yield browser
    browser.quit()


@pytest.fixture
def browser(browser_session):
    """The shared Chromium on a blank page, its console and downloads emptied."""
    browser_session.reset()
    return browser_session


@pytest.fixture(autouse=True)
def pinned_now(request, monkeypatch):
    """Freeze "now" and the timezone so nothing depends on when or where tests run.

    Browser tests keep the real clock: Selenium's waits measure time with it; so do tests
    marked ``realtime`` (a Dask scheduler's heartbeats stall on a frozen clock).
    """
    monkeypatch.setenv("TZ", "UTC")
    if "browser" in request.keywords or "realtime" in request.keywords:
        yield
        return
    with pendulum.travel_to(pendulum.datetime(2025, 9, 1, 12, tz="UTC"), freeze=True):
        yield


@pytest.fixture(autouse=True)
def default_settings():
    """Every test starts from the default settings (a test may change them with use())."""
    from timeline import settings

    settings.use(settings.from_environment({}))
    yield
    settings.use(None)


def write_events(folder: Path, rows: str, topics: str | None = TOPICS) -> Path:
    """An events.csv (header added) with an optional topics.csv beside it."""
    path = folder / "events.csv"
    path.write_text(HEADER + textwrap.dedent(rows), encoding="utf-8")
    if topics is not None:
        (folder / "topics.csv").write_text(topics, encoding="utf-8")
    return path


TEXTS = {
    "sources/a.txt": "Parliament adopted the law in May 2024. Protests followed.",
    "sources/b.txt": "In May 2024 the law was adopted, the paper said.",
    "sources/c.txt": "The law, adopted in April 2024, drew protests.",
}


def reported_chronology(folder: Path) -> Path:
    """Two events: ``law`` told by three sources that disagree on its month, ``talks`` by
    one stored source and one free-text citation that agree."""
    for name, text in TEXTS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.csv").write_text(
        "id,path,published,outlet,url,title,language\n"
        "a,sources/a.txt,2024-06-01,Paper A,https://a.example/law,Law adopted,en\n"
        "b,sources/b.txt,2024-06,Paper B,,,en\n"
        "c,sources/c.txt,2024-06~,Paper C,,,en\n",
        encoding="utf-8",
    )
    (folder / "reports.csv").write_text(
        "event,source,quote,date,note\n"
        'law,b,"In May 2024 the law was adopted, the paper said.",2024-05,\n'
        'law,c,"The law, adopted in April 2024, drew protests.",2024-04,says April\n'
        'talks,"Radio, 2024-07-02",Talks began.,2024-07,\n',
        encoding="utf-8",
    )
    return write_events(
        folder,
        """\
        law,2024-05,Law adopted,trade,,,Parliament adopted the law in May 2024.,a,
        talks,2024-07,Talks begin,diplomacy,,,Protests followed.,a,
        """,
    )


def cut_in_place_once_read(path: Path, monkeypatch) -> str:
    """Another program saves over ``path`` in place just after a caller took its table; the
    message that follows."""
    from timeline.engine import EventSource

    real = EventSource.ready

    def ready_then_cut(source, *args, **kwargs):
        table = real(source, *args, **kwargs)
        path.write_bytes(path.read_bytes()[:40])
        return table

    monkeypatch.setattr(EventSource, "ready", ready_then_cut)
    return f"{path} changed while it was read; read it again"


def vanishing_when_read(path: Path, monkeypatch) -> str:
    """``path`` changes, then vanishes before it is read (a rename in flight); the message
    that follows."""
    from timeline import engine

    def read_vanished(missing, *args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", str(missing))

    monkeypatch.setattr(engine, "read_table", read_vanished)
    with path.open("a", encoding="utf-8") as file:
        file.write("d2,2023-04,Envoys meet again,diplomacy,,,Q.,Src,\n")
    return f"{path}: could not be read: [Errno 2] No such file or directory: '{path}'"


# several articles of one story, named by their publication day where they have one
UPLOADS = {
    "2011-05-15-wire.txt": "Strauss-Kahn was arrested in New York on May 14, 2011, police said. "
    "The arrest shocked officials in Paris and at the fund in Washington.",
    "2011-05-19-paper.txt": "Strauss-Kahn resigned from the fund on May 18, 2011, his office "
    "said. He had been arrested on May 14, 2011, at John F. Kennedy airport.",
    "undated.txt": "Strauss-Kahn was freed from house arrest on July 1, 2011, by a judge in "
    "Manhattan after the case weakened.",
}


SMALL_ROWS = """\
    t1,2024-05,Trade deal signed,trade,A;B,Summary one,Quote one.,Src,
    t2,2025-40,Gas purchases up,energy;trade,,Gas rose,Quote two about gas.,Src,
    t3,2023-03-14,Envoys meet,diplomacy,,,Quote three.,Src,a note
    t4,2022~,Talks maybe began,diplomacy,,,Quote four.,Src,
    t5,2025-07/..,Dialogue continues,diplomacy;trade,,,Quote five.,Src,
    """


@pytest.fixture
def small_events(tmp_path) -> Path:
    """Five events over 2022-2025 in three topics, every kind of width."""
    return write_events(tmp_path, SMALL_ROWS)


@pytest.fixture
def gate(tmp_path, monkeypatch) -> Iterator[Path]:
    """A closed gate for ``gated.extract_when_open`` (open it with ``gate.touch()``); worker
    processes started from now on know where it is."""
    from gated import GATE

    path = tmp_path / "gate"
    monkeypatch.setenv(GATE, str(path))
    yield path
    path.touch()  # never leave a worker waiting


@pytest.fixture
def gated_extraction(gate, monkeypatch) -> Iterator[Path]:
    """Extraction through a runner of one worker and two accepted jobs, each of which waits
    for the gate; yields the gate."""
    from gated import extract_when_open

    from timeline import jobs

    runner = jobs.Runner(workers=1, accepted=2)
    monkeypatch.setattr(jobs, "_shared", runner)
    monkeypatch.setattr(jobs, "_extract", extract_when_open)
    yield gate
    gate.touch()
    runner.close()


@contextlib.contextmanager
def serving(wsgi_app) -> Iterator[str]:
    """Run a WSGI app on a free loopback port in a thread, with the settings `timeline serve`
    gives waitress; yields its base address.

    The server's own thread closes its sockets once asked to stop: closing them from this
    thread while that one waits in select() is a race ("Bad file descriptor").
    """
    import waitress.server
    from waitress import wasyncore

    from timeline.limits import waitress_settings

    server = waitress.server.create_server(
        wsgi_app, host="127.0.0.1", port=0, **waitress_settings()
    )
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            wasyncore.loop(30, server.adj.asyncore_use_poll, server._map, count=1)  # or a trigger
        server.task_dispatcher.shutdown()
        for dispatcher in list(server._map.values()):
            if dispatcher is server:  # its handle_close only warns "unhandled close event"
                wasyncore.dispatcher.close(server)
            else:  # a connection's handle_close frees its buffers too
                dispatcher.handle_close()

    thread = threading.Thread(target=run, name="test-server")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop.set()
        server.pull_trigger()
        thread.join()


def components(tree, kind: str) -> list[dict]:
    """Every component of type ``kind`` in a layout as JSON."""
    found = []
    if isinstance(tree, dict):
        if tree.get("type") == kind:
            found.append(tree)
        for value in tree.values():
            found += components(value, kind)
    elif isinstance(tree, list):
        for item in tree:
            found += components(item, kind)
    return found


def callback_request(app, output: str, values: dict, changed: str | None = None) -> dict:
    """The request the page sends for the callback whose outputs include ``output``
    ("save-status.children"), with ``values`` by "id.property" (a list of (id, value) pairs
    for a pattern such as accept.value); the input that changed is ``changed`` ("id.property"),
    by default the first."""
    import json as json_module

    from dash._utils import split_callback_id

    key = next(
        k for k in app.callback_map if output in k and not k.split(output, 1)[1].startswith("@")
    )
    callback = app.callback_map[key]

    def entries(dependencies):
        sent = []
        for dependency in dependencies:
            wanted, prop = dependency["id"], dependency["property"]
            if wanted.startswith("{"):
                kind = json_module.loads(wanted)["type"]
                pairs = values.get(f"{kind}.{prop}", [])
                sent.append([{"id": i, "property": prop, "value": v} for i, v in pairs])
            else:
                sent.append(
                    {"id": wanted, "property": prop, "value": values.get(f"{wanted}.{prop}")}
                )
        return sent

    inputs = entries(callback["inputs"])
    return {
        "output": key,
        "outputs": split_callback_id(key),
        "inputs": inputs,
        "state": entries(callback.get("state", [])),
        "changedPropIds": [changed or f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
