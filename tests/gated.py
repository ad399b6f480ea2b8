"""A job for the tests of ``timeline.jobs``, run in its worker processes: it waits until the
file named by ``TIMELINE_TEST_GATE`` exists, so that a test decides when jobs end."""

from __future__ import annotations

import os
import time
from pathlib import Path

from timeline import jobs

GATE = "TIMELINE_TEST_GATE"


def extract_when_open(*args):
    """``timeline.jobs._extract(*args)``, once the gate is open."""
    gate = Path(os.environ[GATE])
    while not gate.exists():
        time.sleep(0.02)
    return jobs._extract(*args)
