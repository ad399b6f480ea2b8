"""Every setting in one table: its name, default, command-line flag, environment variable
and what it does. The command line makes its options from this table, ``docs/settings.md``
is written from it (``python -m timeline.settings``, checked by a test), and the code reads
each value at the moment it needs it, from ``current()``: the defaults, then the
environment, then what the command line was given.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

MiB = 1024 * 1024


@dataclass(frozen=True)
class Setting:
    """One setting: its name in code, default, kind, flag (None: environment only),
    environment variable, the group it belongs to, and what it does."""

    name: str
    default: object
    kind: type
    flag: str | None
    help: str
    group: str
    default_text: str | None = None

    @property
    def env(self) -> str:
        return f"TIMELINE_{self.name.upper()}"

    @property
    def shown_default(self) -> str:
        """The default as the docs and `--help` say it: a rule where it depends on the machine."""
        if self.default_text is not None:
            return self.default_text
        return "none" if self.default is None else str(self.default)


def _s(name, default, kind, flag, group, help_, default_text=None):
    return Setting(name, default, kind, flag, help_, group, default_text)


SERVING, LIMITS, DRAWING, READING = "serving", "limits", "drawing", "reading"
SETTINGS: tuple[Setting, ...] = (
    _s("events", "events.csv", Path, "--events", SERVING, "Events file to serve."),
    _s("topics", None, Path, "--topics", SERVING,
       "Topic vocabulary (default: topics.csv beside the events file)."),
    _s("events_dir", None, Path, "--events-dir", SERVING,
       "Serve every events file (*.csv) of this folder, each at /c/NAME/ (instead of --events)."),
    _s("host", "127.0.0.1", str, "--host", SERVING,
       "Address to listen on; anything but 127.0.0.1 needs a token to allow writing."),
    _s("port", 8050, int, "--port", SERVING, "Port to listen on."),
    _s("title", None, str, "--title", SERVING,
       "Page and image title (default: Chronology · the events file's name)."),
    _s("token", None, str, "--token", SERVING,
       "Write token: saving from the page needs it (without one, only a server on "
       "127.0.0.1 accepts writes, and only from this machine)."),
    _s("threads", 8, int, "--threads", SERVING, "Threads that answer requests."),
    _s("max_request_bytes", 16 * MiB, int, "--max-request-bytes", LIMITS,
       "The largest request body any route takes (larger: 413)."),
    _s("max_text_chars", 2_000_000, int, "--max-text-chars", LIMITS,
       "The longest article extraction takes, pasted, uploaded or sent to the API."),
    _s("connection_limit", 1000, int, "--connection-limit", LIMITS,
       "Connections open at once; idle ones cost a socket, not a thread."),
    _s("idle_timeout", 30, int, "--idle-timeout", LIMITS,
       "Seconds after which a connection that sends and reads nothing is closed."),
    _s("extraction_workers", max(1, min((os.cpu_count() or 2) - 1, 4)), int,
       "--extraction-workers", LIMITS,
       "Worker processes for extraction (never the threads that answer requests).",
       "cores - 1 (1 to 4)"),
    _s("extraction_queue", 3, int, "--extraction-queue", LIMITS,
       "Extractions running or waiting at once; beyond: 503 at once, with Retry-After."),
    _s("extraction_seconds", 60, int, "--extraction-seconds", LIMITS,
       "Time limit of one extraction (beyond: 504, and the worker is replaced)."),
    _s("extraction_memory_bytes", 2 * 1024 * MiB, int, "--extraction-memory-bytes", LIMITS,
       "Memory one extraction worker may use (beyond: 413)."),
    _s("max_file_bytes", 200 * MiB, int, None, READING,
       "The largest events file read (larger: refused with a message)."),
    _s("cache_min_bytes", MiB, int, None, READING,
       "Events files this large or larger keep a cache of their table beside them."),
    _s("max_drawn", 500, int, "--max-drawn", DRAWING,
       "Most events drawn one by one in a view; with more, counts per period are drawn."),
    _s("density_buckets", 200, int, None, DRAWING, "Periods the counts of a view are drawn in."),
    _s("detail_limit", 20_000, int, None, DRAWING,
       "Most events `timeline export --detail events` draws one by one."),
    _s("list_limit", 50, int, None, DRAWING, "Events listed under the page's figure."),
    _s("download_limit", 100_000, int, "--download-limit", LIMITS,
       "Most events in one data download from the page (timeline export has no limit)."),
    _s("api_page_limit", 1000, int, None, LIMITS, "Most events in one page of the JSON API."),
)  # fmt: skip
BY_NAME: Mapping[str, Setting] = MappingProxyType({s.name: s for s in SETTINGS})


class Settings:
    """The value of every setting, read-only: ``settings.max_drawn``."""

    __slots__ = ("_values", "_sources")

    def __init__(self, values: Mapping[str, object], sources: Mapping[str, str]) -> None:
        object.__setattr__(self, "_values", dict(values))
        object.__setattr__(self, "_sources", dict(sources))

    def __getattr__(self, name: str):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no setting named {name!r}") from None

    def __setattr__(self, name, value):
        raise AttributeError("settings are read-only; make new ones with with_values()")

    def source(self, name: str) -> str:
        """Where a value came from: "default", the environment variable, or the flag."""
        return self._sources[name]

    def with_values(self, given: Mapping[str, object], source: str = "flag") -> Settings:
        """These settings with ``given`` values (None: keep the current one)."""
        values, sources = dict(self._values), dict(self._sources)
        for name, value in given.items():
            if name not in BY_NAME:
                raise KeyError(f"no setting named {name!r}")
            if value is not None:
                values[name] = value
                sources[name] = source
        return Settings(values, sources)


def from_environment(environ: Mapping[str, str] | None = None) -> Settings:
    """The defaults, each replaced by its environment variable when that is set."""
    environ = os.environ if environ is None else environ
    values, sources = {}, {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is None or raw == "":
            values[setting.name], sources[setting.name] = setting.default, "default"
            continue
        try:
            values[setting.name] = setting.kind(raw)
        except ValueError:
            raise ValueError(
                f"{setting.env}={raw!r} is not a {setting.kind.__name__} ({setting.help})"
            ) from None
        sources[setting.name] = setting.env
    return Settings(values, sources)


_current: Settings | None = None


def current() -> Settings:
    """The settings in force: those given to ``use``, else the defaults and environment."""
    global _current
    if _current is None:
        _current = from_environment()
    return _current


def use(settings: Settings | None) -> None:
    """Make ``settings`` the ones in force in this process (None: read them again)."""
    global _current
    _current = settings


def markdown() -> str:
    """The table of settings as docs/settings.md shows it."""
    lines = [
        "# Settings",
        "",
        "Every setting has a default, an environment variable, and for most a flag of",
        "`timeline serve` (and `python dashboard.py`). A flag wins over the environment,",
        "which wins over the default. Written from `timeline/settings.py` by",
        "`python -m timeline.settings > docs/settings.md`; a test checks that it is current.",
    ]
    for group in (SERVING, LIMITS, READING, DRAWING):
        lines += ["", f"## {group.capitalize()}", ""]
        lines += ["| setting | flag | environment | default | what it does |"]
        lines += ["| --- | --- | --- | --- | --- |"]
        for setting in (s for s in SETTINGS if s.group == group):
            flag = f"`{setting.flag}`" if setting.flag else "–"
            default = setting.shown_default
            if setting.default is not None and setting.default_text is None:
                default = f"`{default}`"
            lines.append(
                f"| {setting.name} | {flag} | `{setting.env}` | {default} | {setting.help} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
