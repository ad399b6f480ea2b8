"""The timeline command through click's test runner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, write_events

from timeline.cli import main
from timeline.engine import load_chronology


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


def test_date_prints_one_json_line_per_value(run):
    result = run("date", "2024-05", "2025-40", "2025-07/..")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert [(r["start"], r["end"], r["label"]) for r in lines] == [
        ("2024-05-01", "2024-05-31", "May 2024"),
        ("2025-01-01", "2025-06-30", "first half of 2025"),
        ("2025-07-01", None, "from July 2025"),
    ]
    assert set(lines[0]) == {
        "edtf",
        "start",
        "end",
        "precision",
        "approximate",
        "uncertain",
        "label",
    }


@pytest.mark.parametrize("arguments", [("-0999",), ("--", "-0999"), ("-0999", "--", "-0043")])
def test_date_takes_years_before_1_with_or_without_a_double_dash(run, arguments):
    result = run("date", *arguments)
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])
    assert (first["edtf"], first["start"], first["label"]) == ("-0999", "-0999-01-01", "1000 BC")


def test_date_error_names_the_value_and_exits_1(run):
    result = run("date", "2024", "2024-13")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["edtf"] == "2024"
    assert "invalid date '2024-13': month 13 does not exist" in result.stderr


def test_validate_accepts_the_projects_events_csv(run):
    result = run("validate", ROOT / "events.csv")
    assert result.exit_code == 0 and "14 events, no problems" in result.stdout


def test_validate_reports_every_problem(run, tmp_path):
    path = write_events(tmp_path, "a,2024-13,T,trade,,,Q.,S,\nb,2024,,sport,,,Q.,S,\n")
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"{path}, line 2, column date: month 13 does not exist" in lines[0]
    assert f"{path}, line 3, column title: title is required" in lines[1]
    assert f"{path}, line 3, column topics: unknown topic" in lines[2]
    assert lines[-1] == f"{path}: 3 problem(s); 0 of 2 rows usable"


def test_validate_missing_column(run, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("id,date,title\nx,2024,T\n")
    result = run("validate", path)
    assert result.exit_code == 1
    assert f"{path}, line 1, column topics: missing column 'topics'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("fmt", "args", "ids"),
    [
        ("csv", ["--years", "2025:2025"], ["t2", "t5"]),
        ("csv", ["--topics", "trade,energy"], ["t1", "t2", "t5"]),
        ("json", ["--text", "quote three"], ["t3"]),
        ("json", [], ["t4", "t3", "t1", "t2", "t5"]),
    ],
)
def test_export_data(run, small_events, tmp_path, fmt, args, ids):
    out = tmp_path / f"out.{fmt}"
    result = run("export", small_events, "--format", fmt, *args, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    found = [
        r["id"] for r in (csv.DictReader(io.StringIO(text)) if fmt == "csv" else json.loads(text))
    ]
    assert found == ids
    assert f"{len(ids)} of 5 events" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--years", "2025:2024"], "invalid years '2025:2024'"),
        (["--topics", "sport"], "invalid topics 'sport'"),
        (["--format", "gif"], "'gif' is not one of"),
    ],
)
def test_export_usage_errors_exit_2(run, small_events, tmp_path, args, words):
    base = ["--format", "csv"] if "--format" not in args else []
    result = run("export", small_events, *base, *args, "-o", tmp_path / "x")
    assert result.exit_code == 2 and words in result.stderr


@pytest.mark.browser
def test_export_png(run, small_events, tmp_path):
    out = tmp_path / "view.png"
    result = run("export", small_events, "--format", "png", "--years", "2024:2025", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_serve_refuses_a_missing_file(run, tmp_path):
    result = run("serve", "--events", tmp_path / "none.csv")
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_dashboard_py_takes_events_host_and_port():
    result = subprocess.run(
        [sys.executable, str(ROOT / "dashboard.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for option in ("--events", "--host", "--port", "TIMELINE_EVENTS"):
        assert option in result.stdout


def test_tag_prints_offsets_types_and_values(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Prices rose last year and will fall in March, he said on Tuesday.", encoding="utf-8"
    )
    result = run("tag", path, "--dct", "2025-07-10")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(x["text"], x["type"], x["value"]) for x in lines] == [
        ("last year", "DATE", "2024"),
        ("March", "DATE", "2026-03"),
        ("Tuesday", "DATE", "2025-07-08"),
    ]
    text = path.read_text(encoding="utf-8")
    assert all(text[x["start"] : x["end"]] == x["text"] for x in lines)


def test_tag_reads_stdin_and_leaves_relative_values_unresolved_without_dct():
    result = CliRunner().invoke(main, ["tag", "-"], input="It happened last year.")
    assert json.loads(result.stdout)["value"] == "XXXX"


@pytest.mark.parametrize(("args", "words"), [
    (["--dct", "2025-13-01"], "'2025-13-01' is not a date"),
    (["--dct", "x"], "'x' is not a date"),
])  # fmt: skip
def test_tag_bad_dct_exits_2(run, tmp_path, args, words):
    path = tmp_path / "a.txt"
    path.write_text("now", encoding="utf-8")
    result = run("tag", path, *args)
    assert result.exit_code == 2 and words in result.stderr


def test_tag_refuses_binary_files(run, tmp_path):
    path = tmp_path / "a.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    result = run("tag", path)
    assert result.exit_code == 2 and "is not UTF-8 text" in result.stderr


def test_extract_jsonl_and_csv(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The plant was sold in 2019 and closed two years later.", encoding="utf-8")
    result = run("extract", path, "--published", "2025-07-10")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["date"], r["start"], r["end"]) for r in rows] == [
        ("2019", "2019-01-01", "2019-12-31"),
        ("2021", "2021-01-01", "2021-12-31"),
    ]
    assert rows[0]["char_start"] == 0 and rows[0]["quote"].startswith("The plant")
    result = run("extract", path, "--published", "2025-07-10", "--format", "csv")
    out = tmp_path / "proposed.csv"
    out.write_text(result.stdout, encoding="utf-8")
    chronology = load_chronology(out)
    assert chronology.problems == () and [e.date.edtf for e in chronology.events] == [
        "2019",
        "2021",
    ]


def test_extracted_csv_keeps_a_carriage_return_inside_its_cell(run, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"The plant was sold\rin 2019. It closed\rin 2021.")
    result = run("extract", path, "--published", "2025-07-10", "--format", "csv")
    out = tmp_path / "proposed.csv"
    out.write_bytes(result.stdout_bytes)
    chronology = load_chronology(out)
    assert chronology.problems == ()
    assert [e.date.edtf for e in chronology.events] == ["2019", "2021"]


def test_eval_timeml_scores_and_lists_errors(run, tmp_path):
    (tmp_path / "d.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07">x</TIMEX3></DCT>'
        '<TEXT>It fell <TIMEX3 tid="t1" type="DATE" value="1997">last year</TIMEX3> and '
        'rose <TIMEX3 tid="t2" type="DATE" value="1998-08-06">Monday</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    result = run("eval-timeml", tmp_path, "--errors")
    assert result.exit_code == 0
    assert "1 documents, 2 gold and 2 system expressions" in result.stdout
    assert "relaxed_f1           100.00" in result.stdout
    assert "value_f1              50.00" in result.stdout  # Monday resolves to 1998-08-03
    assert (
        "d\tvalue\tgold: 'Monday' DATE 1998-08-06\tsystem: 'Monday' DATE 1998-08-03"
        in result.stdout
    )


def test_eval_timeml_without_files_is_a_usage_error(run, tmp_path):
    result = run("eval-timeml", tmp_path)
    assert result.exit_code == 2 and "no .tml files" in result.stderr


def test_the_wsgi_application_serves_the_file_named_by_the_environment(small_events, monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("TIMELINE_EVENTS", str(small_events))
    sys.modules.pop("timeline.dashboard.wsgi", None)
    wsgi = importlib.import_module("timeline.dashboard.wsgi")
    client = wsgi.application.test_client()
    assert client.get("/").status_code == 200
    listed = client.get("/api/v1/chronologies").get_json()["chronologies"]
    assert [(c["name"], c["events"]) for c in listed] == [("events", 5)]


def test_the_wsgi_application_serves_a_folder_named_by_the_environment(small_events, monkeypatch):
    import importlib
    import sys

    from werkzeug.test import Client

    monkeypatch.setenv("TIMELINE_EVENTS_DIR", str(small_events.parent))
    sys.modules.pop("timeline.dashboard.wsgi", None)
    client = Client(importlib.import_module("timeline.dashboard.wsgi").application)
    assert client.get("/c/events").status_code == 200
    assert client.get("/c/elsewhere").status_code == 404
    assert client.get("/api/v1/events").json["total"] == 5


@pytest.mark.parametrize("fmt", ["timelinejs", "sheet", "ics"])
def test_export_then_import_into_a_new_file(run, small_events, tmp_path, fmt):
    exported = tmp_path / f"out.{fmt}"
    assert run("export", small_events, "--format", fmt, "-o", exported).exit_code == 0
    target = tmp_path / "new" / "events.csv"
    result = run("import", exported, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert f"added 5 events from {exported}" in result.stdout
    before = {e.id: e.as_row() for e in load_chronology(small_events).events}
    assert {e.id: e.as_row() for e in load_chronology(target).events} == before
    topics = (target.parent / "topics.csv").read_text(encoding="utf-8")
    assert {line.split(",")[0] for line in topics.splitlines()[1:]} == {
        "trade",
        "energy",
        "diplomacy",
    }


def test_import_adds_to_an_existing_file_keeping_its_rows(run, small_events, tmp_path):
    original = small_events.read_bytes()
    sheet = tmp_path / "new.csv"
    sheet.write_text(
        "Year,Month,Day,Headline,Text,Group\n2026,3,,Spring talks,They met.,weather\n"
        "2026,14,,Bad,,\n",
        encoding="utf-8",
    )
    result = run("import", sheet, "-o", small_events)
    assert result.exit_code == 0
    assert small_events.read_bytes().startswith(original)
    added = load_chronology(small_events).events[-1]
    assert (added.date.edtf, added.title, added.topics) == ("2026-03", "Spring talks", ("weather",))
    assert "new.csv: line 3: left out: start_date.month 14" in result.stderr
    assert "weather" in (small_events.parent / "topics.csv").read_text(encoding="utf-8")
    assert "1 left out" in result.stdout


def test_import_needs_a_format_it_can_tell(run, tmp_path):
    source = tmp_path / "events.xml"
    source.write_text("<x/>", encoding="utf-8")
    result = run("import", source, "-o", tmp_path / "e.csv")
    assert result.exit_code == 2 and "give --format" in result.output


def test_import_of_a_broken_file_names_it_and_writes_nothing(run, tmp_path):
    source = tmp_path / "t.json"
    source.write_text("{broken", encoding="utf-8")
    result = run("import", source, "-o", tmp_path / "e.csv")
    assert result.exit_code == 1 and f"{source}: not a TimelineJS JSON file" in result.output
    assert not (tmp_path / "e.csv").exists()


def test_export_makes_the_output_folder_or_says_why_it_cannot(run, small_events, tmp_path):
    made = tmp_path / "new" / "deeper" / "out.json"
    assert run("export", small_events, "--format", "json", "-o", made).exit_code == 0
    assert made.exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    result = run("export", small_events, "--format", "json", "-o", blocked / "out.json")
    assert result.exit_code == 1 and f"could not write {blocked / 'out.json'}" in result.output


def test_serve_refuses_a_missing_folder(run, tmp_path):
    result = run("serve", "--events-dir", tmp_path / "nowhere")
    assert result.exit_code == 2 and f"{tmp_path / 'nowhere'}: not a folder" in result.output


def test_serve_a_folder_takes_its_own_topics_file(run, tmp_path):
    result = run("serve", "--events-dir", tmp_path, "--topics", tmp_path / "t.csv")
    assert result.exit_code == 2 and "a folder shares its topics.csv" in result.output


# --- writing: add, edit, delete, undo, history ----------------------------------------------

ADD = ["--date", "2025-02", "--title", "Talks", "--topics", "diplomacy", "--quote", "Q.",
       "--source", "S"]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["add", "{f}", *ADD[:1], "2024-13", *ADD[2:]], "--date: "),
        (["add", "{f}", *ADD[:6], "--source", "S"], "--quote: "),
        (["add", "{f}", *ADD[:5], "sport", *ADD[6:]], "--topics: "),
        (["edit", "{f}", "t3", "--topics", "sport"], "unknown topic"),
        (["edit", "{f}", "t3", "--date", "2024-13"], "month 13"),
        (["edit", "{f}", "t3"], "give at least one of --date"),
    ],
)
def test_bad_values_are_usage_errors_that_change_nothing(run, small_events, args, words):
    before = small_events.read_bytes()
    result = run(*(small_events if a == "{f}" else a for a in args))
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert small_events.read_bytes() == before


def test_add_edit_delete_undo_and_history(run, small_events):
    assert (
        run("add", small_events, *ADD)
        .stdout.strip()
        .endswith("added 2025-02-talks (February 2025)")
    )
    result = run("edit", small_events, "t3", "--title", "Envoys met", "--note", "checked")
    assert result.exit_code == 0 and "saved t3 (14 March 2023: Envoys met)" in result.stdout
    assert run("delete", small_events, "t1").exit_code == 0
    events = {e.id: e for e in load_chronology(small_events).events}
    assert set(events) == {"t2", "t3", "t4", "t5", "2025-02-talks"}
    assert (events["t3"].title, events["t3"].note) == ("Envoys met", "checked")
    listed = run("history", small_events).stdout.splitlines()
    assert [line.split("  ")[0] for line in listed] == ["1", "2", "3"]
    assert ["add by cli" in listed[0], "edit by cli" in listed[1]] == [True, True]
    result = run("undo", small_events, "--change", "1")
    assert result.exit_code == 0 and "undid change 1" in result.stdout
    assert "2025-02-talks" not in {e.id for e in load_chronology(small_events).events}
    assert "t1" not in {e.id for e in load_chronology(small_events).events}


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["edit", "{f}", "nope", "--title", "X"], 1, "no event with this id"),
        (["delete", "{f}", "nope"], 1, "no event with this id"),
        (["undo", "{f}"], 1, "nothing to undo"),
        (["undo", "{f}", "--change", "0"], 2, "--change"),
    ],
)
def test_write_errors_name_what_is_wrong(run, small_events, args, code, words):
    result = run(*(small_events if a == "{f}" else a for a in args))
    assert result.exit_code == code and words in result.stderr


def test_undo_of_a_change_a_later_one_touched_is_refused(run, small_events):
    run("edit", small_events, "t3", "--title", "One")
    run("edit", small_events, "t3", "--title", "Two")
    result = run("undo", small_events, "--change", "1")
    assert result.exit_code == 1
    assert "was changed after it by change 2" in result.stderr
    assert "timeline undo events.csv --change 2" in result.stderr


def test_serve_gives_waitress_the_limits_and_names_the_files_it_skips(run, tmp_path, monkeypatch):
    import waitress

    from timeline.limits import waitress_settings

    served = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.update(options))
    write_events(tmp_path, "e1,2024,T,trade,,,Q.,S,\n")
    (tmp_path / "passwd.csv").symlink_to("/etc/passwd")
    result = run("serve", "--events-dir", tmp_path, "--port", 8123)
    assert result.exit_code == 0
    assert (
        f"warning: {tmp_path / 'passwd.csv'}: not served; a symbolic link (to /etc/passwd)"
        in result.stderr
    )
    assert served == {"host": "127.0.0.1", "port": 8123, **waitress_settings()}


# --- settings ----------------------------------------------------------------------------------


def test_every_setting_is_documented_and_the_docs_are_current():
    from timeline.settings import SETTINGS, markdown

    docs = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert docs == markdown(), "run: python -m timeline.settings > docs/settings.md"
    for setting in SETTINGS:
        assert f"`{setting.env}`" in docs and setting.help in docs


def test_every_setting_with_a_flag_is_an_option_of_serve(run):
    from timeline.settings import SETTINGS

    shown = " ".join(run("serve", "--help").stdout.split())
    for setting in (s for s in SETTINGS if s.flag):
        assert f"{setting.flag} " in shown and setting.env in shown


@pytest.mark.parametrize(
    ("environ", "flags", "port", "source"),
    [
        ({}, [], 8050, "default"),
        ({"TIMELINE_PORT": "8070"}, [], 8070, "TIMELINE_PORT"),
        ({"TIMELINE_PORT": "8070"}, ["--port", "8090"], 8090, "flag"),
    ],
)
def test_a_flag_wins_over_the_environment_which_wins_over_the_default(
    run, small_events, monkeypatch, environ, flags, port, source
):
    import waitress

    from timeline import settings

    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    served = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.update(options))
    result = run("serve", "--events", small_events, "--max-drawn", "7", *flags)
    assert result.exit_code == 0, result.output
    assert served["port"] == port and settings.current().source("port") == source
    assert settings.current().max_drawn == 7


def test_a_bad_value_in_the_environment_is_a_usage_error(run, monkeypatch):
    monkeypatch.setenv("TIMELINE_PORT", "eighty")
    result = run("serve")
    assert result.exit_code == 2 and "TIMELINE_PORT='eighty' is not a int" in result.stderr


def test_two_hundred_topics_from_the_command_line(run, tmp_path):
    names = [f"topic {n:03d}" for n in range(200)]
    topics = "name,colour,description\n" + "".join(f"{n},#123456,\n" for n in names)
    rows = "".join(f"e{n},2024,Event {n},{names[n % 200]},,,Q.,S,\n" for n in range(400))
    path = write_events(tmp_path, rows, topics=topics)
    out = tmp_path / "out.csv"
    result = run("export", path, "--format", "csv", "--topics", "topic 150,topic 199", "-o", out)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert sorted(r["id"] for r in rows) == ["e150", "e199", "e350", "e399"]


@pytest.mark.parametrize(
    "args",
    [
        ["date", "2024"],
        ["validate", "{events}"],
        ["export", "{events}", "--format", "json", "-o", "{out}"],
        ["history", "{events}"],
    ],
)
def test_commands_that_draw_nothing_import_no_plotly_or_dash(small_events, tmp_path, args):
    script = (
        "import sys\n"
        "from timeline.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('plotly', 'dash', 'kaleido') if m in sys.modules))\n"
    )
    filled = [a.format(events=small_events, out=tmp_path / "out.json") for a in args]
    result = subprocess.run(
        [sys.executable, "-c", script, *filled], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
