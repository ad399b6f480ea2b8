"""Named chronologies: one events file, or every events file of a folder.

Each is read through the engine (``timeline.engine``), whatever its size. A folder is looked
at again on every call, so a file added later is served without a restart; its name is the
file name without ``.csv``. Only the folder's own files are served: a symbolic link (to
/etc/passwd, say) or a file whose real path is elsewhere is skipped.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from timeline.engine import EventSource, Table
from timeline.errors import TimelineError
from timeline.events import Event
from timeline.query import Filters

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
NOT_EVENTS = ("topics.csv",)


class UnknownChronology(TimelineError, LookupError):
    """A chronology name that the catalogue does not serve."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"no chronology named {name!r}; known: {', '.join(known) or 'none'}")
        self.name = name


@dataclass
class Source:
    """One chronology as the server reads it: its events file through the engine, read
    again whenever the file changes."""

    name: str
    path: Path
    topics_path: Path | None = None
    events: EventSource = field(init=False)

    def __post_init__(self) -> None:
        self.events = EventSource(self.path, self.topics_path)

    def table(self) -> Table:
        return self.events.table()

    def matching(self, filters: Filters, offset: int = 0, limit: int | None = None):
        """(how many events pass the filters, those from ``offset`` on, at most ``limit``),
        in date order."""
        table = self.events.table()
        assert table is not None
        rows = table.matching(filters)
        return rows.height, table.events(rows.slice(offset, limit))

    def event(self, event_id: str) -> Event | None:
        table = self.events.table()
        assert table is not None
        return table.find(event_id)


class Catalogue:
    """The chronologies a server offers, by name."""

    def __init__(
        self,
        files: dict[str, Path] | None = None,
        folder: Path | None = None,
        topics_path: Path | None = None,
    ) -> None:
        self._files = dict(files or {})
        self.folder = folder
        self.topics_path = topics_path
        self._sources: dict[Path, Source] = {}
        self._lock = threading.Lock()

    @classmethod
    def of_file(cls, path: str | Path, topics_path: str | Path | None = None) -> Catalogue:
        path = Path(path)
        return cls({path.stem: path}, topics_path=Path(topics_path) if topics_path else None)

    @classmethod
    def of_source(cls, source: Source) -> Catalogue:
        """A catalogue of one chronology that is already being read (shared, not read twice)."""
        catalogue = cls({source.name: source.path}, topics_path=source.topics_path)
        catalogue._sources[source.path] = source
        return catalogue

    @classmethod
    def of_folder(cls, folder: str | Path) -> Catalogue:
        folder = Path(folder)
        if not folder.is_dir():
            raise TimelineError(f"{folder}: not a folder")
        return cls(folder=folder)

    def files(self) -> dict[str, Path]:
        """Every chronology's name and file, in name order."""
        if self.folder is None:
            return self._files
        found = {p.stem: p for p in self.folder.glob("*.csv") if is_events_file(p)}
        return dict(sorted(found.items()))

    def skipped(self) -> list[str]:
        """The folder's other .csv files, each with why it is not served."""
        if self.folder is None:
            return []
        reasons = ((p, not_served_because(p)) for p in sorted(self._candidates()))
        return [f"{path}: not served; {reason}" for path, reason in reasons if reason]

    def _candidates(self) -> list[Path]:
        """The folder's .csv files, but for its topics and hidden files."""
        assert self.folder is not None
        return [
            p
            for p in self.folder.glob("*.csv")
            if p.name not in NOT_EVENTS and not p.name.startswith(".")
        ]

    def names(self) -> list[str]:
        return list(self.files())

    @property
    def default(self) -> str:
        names = self.names()
        if not names:
            raise TimelineError(f"{self.folder}: no events files (*.csv) to serve")
        return names[0]

    def source(self, name: str | None = None) -> Source:
        """The chronology called ``name`` (default: the first)."""
        name = name or self.default
        path = self.files().get(name)
        if path is None:
            raise UnknownChronology(name, self.names())
        with self._lock:
            if path not in self._sources:
                self._sources[path] = Source(name, path, self.topics_path)
            return self._sources[path]


def is_events_file(path: Path) -> bool:
    """A folder's .csv that is served: not a topics vocabulary, not hidden, its own file, a
    usable name."""
    hidden = path.name in NOT_EVENTS or path.name.startswith(".")
    return not hidden and not_served_because(path) is None


def not_served_because(path: Path) -> str | None:
    """Why a .csv file of a folder is not served, or None if it is."""
    if path.is_symlink():
        try:
            target = os.readlink(path)
        except OSError as error:
            target = f"unreadable: {error.strerror}"
        return f"a symbolic link (to {target}); only the folder's own files are served"
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as error:
        return f"cannot be read: {getattr(error, 'strerror', None) or error}"
    if real.parent != path.parent.resolve():
        return f"its real path {real} is outside the folder"
    if not real.is_file():
        return "not a regular file"
    if real.stat().st_nlink > 1:
        return "it has other names elsewhere (hard links); only the folder's own files are served"
    if NAME.fullmatch(path.stem) is None:
        return "a chronology's file name may hold only letters, digits, '.', '_' and '-'"
    return None
