"""Temporal expressions: find them in text, resolve them to TIMEX3 values, score a tagger."""

from __future__ import annotations

from timeline.temporal.tagger import Tagger, Timex, tag

__all__ = ["Tagger", "Timex", "tag"]
