"""The WSGI application for any WSGI server: `waitress-serve timeline.dashboard.wsgi:application`.

Its settings come from the environment, as ``timeline serve``'s do without flags (see
``timeline settings``): the events file from ``TIMELINE_EVENTS`` (default ``events.csv``),
or every events file of the folder ``TIMELINE_EVENTS_DIR``; the title from
``TIMELINE_TITLE``, the write token from ``TIMELINE_TOKEN`` (without one, the pages are
read-only: this module cannot know where the server listens).
"""

from __future__ import annotations

import logging

from timeline.access import WritePolicy
from timeline.dashboard import create_app
from timeline.settings import from_environment, use

_settings = from_environment()
use(_settings)
_policy = WritePolicy.for_wsgi(_settings.token)
if _policy.disabled:
    logging.getLogger(__name__).warning("timeline: %s", _policy.disabled)

application = create_app(
    None if _settings.events_dir else _settings.events,
    None if _settings.events_dir else _settings.topics,
    _settings.title,
    policy=_policy,
    folder=_settings.events_dir,
).server
