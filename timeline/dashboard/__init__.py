"""The Dash pages of the chronologies a server serves."""

from __future__ import annotations

from timeline.dashboard.app import create_app

__all__ = ["create_app"]
