"""The WSGI application for any WSGI server: `waitress-serve timeline.dashboard.wsgi:application`.

The events file comes from ``TIMELINE_EVENTS`` (default ``events.csv``), or every events file
of the folder ``TIMELINE_EVENTS_DIR``; the title from ``TIMELINE_TITLE``, the write token
from ``TIMELINE_TOKEN`` (without one, the pages are read-only).
"""

from __future__ import annotations

import logging
import os

from timeline.access import WritePolicy
from timeline.catalogue import Catalogue
from timeline.dashboard import create_app
from timeline.dashboard.site import Site

_folder = os.environ.get("TIMELINE_EVENTS_DIR")
_title = os.environ.get("TIMELINE_TITLE") or None
# this module cannot know where the server listens: without a token, nobody may write
_policy = WritePolicy.for_wsgi(os.environ.get("TIMELINE_TOKEN"))
if _policy.disabled:
    logging.getLogger(__name__).warning("timeline: %s", _policy.disabled)

application = (
    Site(Catalogue.of_folder(_folder), _title, policy=_policy)
    if _folder
    else create_app(
        os.environ.get("TIMELINE_EVENTS", "events.csv"),
        os.environ.get("TIMELINE_TOPICS") or None,
        _title,
        policy=_policy,
    ).server
)
