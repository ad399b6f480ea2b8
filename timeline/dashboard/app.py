"""Build the Dash app for one events file."""

from __future__ import annotations

from pathlib import Path

import dash

from timeline.dashboard.callbacks import register_callbacks
from timeline.dashboard.large import is_large, large_layout
from timeline.dashboard.layout import page_layout
from timeline.store import ChronologyFile
from timeline.table import TableSource

ASSETS = Path(__file__).parent / "assets"


def create_app(
    events_path: str | Path, topics_path: str | Path | None = None, title: str | None = None
) -> dash.Dash:
    """A Dash app that serves ``events_path``, read again whenever the file changes."""
    source = ChronologyFile(events_path, topics_path)
    large = TableSource(events_path) if is_large(Path(events_path)) else None
    title = title or f"Chronology · {Path(events_path).name}"
    app = dash.Dash(
        __name__,
        title=title,
        assets_folder=str(ASSETS),
        update_title=None,  # type: ignore[arg-type]  # None keeps the tab title still
    )
    app.layout = (
        (lambda: large_layout(large.current(), title))
        if large
        else (lambda: page_layout(source.current(), title))
    )
    register_callbacks(app, source, title, large)
    return app
