"""The WSGI application for any WSGI server: `waitress-serve timeline.dashboard.wsgi:application`.

The events file comes from ``TIMELINE_EVENTS`` (default ``events.csv``), the title from
``TIMELINE_TITLE``.
"""

from __future__ import annotations

import os

from timeline.dashboard import create_app

application = create_app(
    os.environ.get("TIMELINE_EVENTS", "events.csv"),
    os.environ.get("TIMELINE_TOPICS") or None,
    os.environ.get("TIMELINE_TITLE") or None,
).server
