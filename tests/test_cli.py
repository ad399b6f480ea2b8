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
