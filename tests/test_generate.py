"""Synthetic events files: valid, varied, repeatable."""

from __future__ import annotations

from click.testing import CliRunner

from timeline.cli import main
from timeline.engine import load_chronology


def test_generated_file_is_valid_and_varied(tmp_path):
    path = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["generate", "--n", "3000", "-o", str(path), "--seed", "7"])
    assert result.exit_code == 0 and "3000 events (seed 7)" in result.stdout
    chronology = load_chronology(path)
    assert chronology.problems == () and len(chronology.events) == 3000
    dates = [e.date for e in chronology.events]
    precisions = {d.precision for d in dates}
    assert {"day", "month", "season", "quarter", "half", "year", "decade"} <= precisions
    assert any(d.approximate for d in dates) and any(d.uncertain for d in dates)
    assert any(d.end is None for d in dates) and any(d.start is None for d in dates)
    assert any(len(e.topics) == 2 for e in chronology.events)


def test_same_seed_same_file_and_existing_topics_are_used(tmp_path):
    (tmp_path / "topics.csv").write_text("name,colour,description\nalpha,#000000,\nbeta,#ffffff,\n")
    one, two = tmp_path / "events.csv", tmp_path / "again.csv"
    runner = CliRunner()
    runner.invoke(main, ["generate", "--n", "200", "-o", str(one), "--seed", "3"])
    runner.invoke(main, ["generate", "--n", "200", "-o", str(two), "--seed", "3"])
    assert one.read_bytes() == two.read_bytes()
    topics = {t for e in load_chronology(one).events for t in e.topics}
    assert topics == {"alpha", "beta"}
