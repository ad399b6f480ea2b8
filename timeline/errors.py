"""The one error hierarchy of the project: every message quotes the bad value and its place."""

from __future__ import annotations

from dataclasses import dataclass


class TimelineError(Exception):
    """Base of every error the project raises on purpose."""


class DateError(TimelineError, ValueError):
    """An EDTF value that cannot be read, with the reason and where it came from."""

    def __init__(self, value: str, reason: str, where: str = "") -> None:
        self.value = value
        self.reason = reason
        self.where = where
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}invalid date {value!r}: {reason}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, located by file, line and column."""

    path: str
    line: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        line = f", line {self.line}" if self.line else ""
        column = f", column {self.column}" if self.column else ""
        value = f" (value: {self.value!r})" if self.value else ""
        return f"{self.path}{line}{column}: {self.message}{value}"


class FileProblemsError(TimelineError):
    """An input file that cannot be used at all; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class FileUnreadable(TimelineError):
    """An events file that cannot be read just now: it vanished while it was read, or was
    changed in place since. Reading it again helps; ``retry_after`` says when."""

    status = 503
    retry_after = 1


class FilterError(TimelineError, ValueError):
    """A filter (years, topics) given on the command line or in a URL that makes no sense."""

    def __init__(self, name: str, value: str, reason: str) -> None:
        self.name = name
        self.value = value
        super().__init__(f"invalid {name} {value!r}: {reason}")


class ExportError(TimelineError):
    """An export that cannot be made (unknown format, no browser for images)."""


class WriteConflict(TimelineError):
    """A write refused because the file, or the row it changes, is not what was read."""


class DuplicateEvent(TimelineError):
    """An event identical to one already in the file (same date, title and source)."""


class WriteRefused(TimelineError):
    """A write this server does not allow from this request (no token, wrong host)."""

    status = 403


class JobError(TimelineError):
    """Work for a worker process (extraction) that was not done; ``status`` is the HTTP
    status that says why, ``retry_after`` the seconds to wait when trying again helps."""

    status = 500

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class JobsBusy(JobError):
    """Every worker at work and as many jobs waiting as are taken."""

    status = 503


class JobTimedOut(JobError):
    """A job stopped at its time limit."""

    status = 504


class JobOutOfMemory(JobError):
    """A job that needed more memory than a worker may have."""

    status = 413
