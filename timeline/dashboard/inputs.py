"""What callbacks receive, made into the shapes they expect: a browser sends what the page
holds, but any client can send any JSON, and no value may end in a server error."""

from __future__ import annotations


def text(value) -> str:
    """A string, or "" for anything else."""
    return value if isinstance(value, str) else ""


def optional_text(value) -> str | None:
    return value if isinstance(value, str) else None


def count(value) -> int:
    """A whole number of clicks or saves, or 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def bounded(value, default: int, low: int, high: int) -> int:
    """A whole number from a number field ("7", 7.9: 7) held within ``low`` and ``high``, or
    ``default`` for anything else (a word, infinity, NaN, true)."""
    if isinstance(value, bool):
        return default
    try:
        return max(low, min(int(value), high))
    except (TypeError, ValueError, OverflowError):
        return default


def texts(value) -> list[str]:
    """A list of strings, dropping anything else."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def years(value) -> list[int] | None:
    """Two whole years from the slider, or None."""
    if not isinstance(value, list) or len(value) != 2:
        return None
    if not all(isinstance(y, int) and not isinstance(y, bool) for y in value):
        return None
    return value


def mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def items(value) -> list:
    return value if isinstance(value, list) else []


def rows(value) -> list[dict]:
    """A list of dicts (proposals), dropping anything else."""
    return [item for item in items(value) if isinstance(item, dict)]
