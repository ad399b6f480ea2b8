"""The README and docs/: short README, every page linked, every link and anchor found, and
the pages written from the code current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
DOCUMENTS = [README, ROOT / "benchmarks" / "README.md", *PAGES]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(path: Path) -> set[str]:
    """GitHub's anchors for the headings of a markdown file."""
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip().lower()
            found.add(re.sub(r"[^\w\- ]", "", heading).replace(" ", "-"))
    return found


def local_links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [link for link in LINK.findall(text) if not re.match(r"[a-z]+:", link)]


def test_the_readme_is_short_and_starts_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 6 * 1024
    commands = [line for line in text.splitlines() if line.startswith("apt-get update")]
    assert commands[0].endswith("python dashboard.py")
    assert commands[1].endswith("pytest")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_docs_page_is_linked_from_the_readme(page):
    assert f"](docs/{page.name})" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_local_link_and_anchor_exists(document):
    for link in local_links(document):
        target, _, anchor = link.partition("#")
        path = (document.parent / target).resolve() if target else document
        assert path.exists(), f"{document.name}: {link} leads nowhere"
        if anchor and path.suffix == ".md":
            assert anchor in anchors(path), f"{document.name}: no heading #{anchor} in {path.name}"


def test_the_cli_reference_is_the_commands_own_help():
    from timeline.cli_reference import render

    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert docs == render(), "run: python -m timeline.cli_reference > docs/cli.md"


def test_the_cli_reference_has_every_command_and_option():
    from timeline.cli import main

    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"## timeline {name}\n" in docs
        for option in (o for p in command.params for o in p.opts if o.startswith("--")):
            assert option in docs, f"{name} {option}"
