"""The WSGI application for any WSGI server: `waitress-serve timeline.dashboard.wsgi:application`.

The events file comes from ``TIMELINE_EVENTS`` (default ``events.csv``), or every events file
of the folder ``TIMELINE_EVENTS_DIR``; the title from ``TIMELINE_TITLE``, the write token
from ``TIMELINE_TOKEN``.
"""

from __future__ import annotations

import os

from timeline.catalogue import Catalogue
from timeline.dashboard import create_app
from timeline.dashboard.site import Site

_folder = os.environ.get("TIMELINE_EVENTS_DIR")
_title = os.environ.get("TIMELINE_TITLE") or None
_token = os.environ.get("TIMELINE_TOKEN") or None

application = (
    Site(Catalogue.of_folder(_folder), _title, _token)
    if _folder
    else create_app(
        os.environ.get("TIMELINE_EVENTS", "events.csv"),
        os.environ.get("TIMELINE_TOPICS") or None,
        _title,
        write_token=_token,
    ).server
)
