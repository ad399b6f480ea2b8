"""The Dash page: a filterable timeline of one events file."""

from __future__ import annotations

from timeline.dashboard.app import create_app

__all__ = ["create_app"]
