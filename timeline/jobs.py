"""Extraction off the request threads: worker processes, a bounded queue, a time limit.

A request thread hands the text to an idle worker process and waits for the answer without
holding the GIL, so the server goes on answering other requests however slow extraction
is. At most ``extraction_queue`` (a setting) extractions run or wait at once; another is refused at
once with ``JobsBusy``. One that runs over the time limit is stopped by killing its worker
(``JobTimedOut``); a new worker takes its place when next needed. The workers are started on
first use, never on import.
"""

from __future__ import annotations

import os
import queue
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from timeline.errors import JobError, JobOutOfMemory, JobsBusy, JobTimedOut
from timeline.limits import RETRY_AFTER_S
from timeline.settings import current

PARENT_CHECK_S = 1.0  # how often a worker looks whether the server is still there


@dataclass(frozen=True)
class Extraction:
    """Proposed events of a text and, when asked for, every temporal expression in it."""

    proposals: list
    timexes: list


def extraction(
    text: str, published: date | None, source: str, with_timexes: bool = False
) -> Extraction:
    """The proposed events of ``text`` (and its temporal expressions), from a worker."""
    return shared_runner().run(_extract, text, published, source, with_timexes)


def check_free() -> None:
    """Raise ``JobsBusy`` if an extraction would be refused now."""
    shared_runner().check_free()


def _extract(text: str, published: date | None, source: str, with_timexes: bool) -> Extraction:
    from timeline.extract import extract
    from timeline.temporal import tag

    proposals = extract(text, published, source)
    return Extraction(proposals, tag(text, published) if with_timexes else [])


class Runner:
    """``workers`` processes; at most ``accepted`` jobs running or waiting for one."""

    def __init__(
        self,
        workers: int | None = None,
        accepted: int | None = None,
        time_limit: float | None = None,
        memory_limit: int | None = -1,
    ) -> None:
        """The limits default to the settings (extraction_workers, extraction_queue,
        extraction_seconds, extraction_memory_bytes); ``memory_limit=None`` means none."""
        settings = current()
        workers = settings.extraction_workers if workers is None else workers
        accepted = settings.extraction_queue if accepted is None else accepted
        time_limit = settings.extraction_seconds if time_limit is None else time_limit
        if memory_limit == -1:
            memory_limit = settings.extraction_memory_bytes
        self.accepted = max(accepted, workers)
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        self._taken = 0  # jobs running or waiting for a worker
        self._lock = threading.Lock()
        self._idle: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(workers):
            self._idle.put(None)  # a worker is started when first needed

    def check_free(self) -> None:
        """Raise ``JobsBusy`` if a job would be refused now (before a request's body is read)."""
        with self._lock:
            self._refuse_when_full()

    def _refuse_when_full(self) -> None:
        if self._taken >= self.accepted:
            raise JobsBusy(
                f"the server is already extracting or queueing {self.accepted} texts; "
                f"try again in {RETRY_AFTER_S} s",
                retry_after=RETRY_AFTER_S,
            )

    def run(self, function: Callable, *args):
        """``function(*args)`` in a worker; ``JobsBusy``, ``JobTimedOut`` or
        ``JobOutOfMemory`` when it is not done."""
        with self._lock:
            self._refuse_when_full()
            self._taken += 1
        try:
            try:
                worker = self._idle.get(timeout=self.time_limit)
            except queue.Empty:
                raise JobsBusy(
                    f"no extraction worker came free within {self.time_limit:g} s; "
                    f"try again in {RETRY_AFTER_S} s",
                    retry_after=RETRY_AFTER_S,
                ) from None
            try:
                worker = worker or _Worker(self.memory_limit)
                return worker.call(function, args, self.time_limit)
            except JobError:
                if worker is not None:
                    worker.stop()  # killed at the time limit, or broken: a new one next time
                worker = None
                raise
            finally:
                self._idle.put(worker)
        finally:
            with self._lock:
                self._taken -= 1

    def close(self) -> None:
        """Stop the idle workers (those at work stop when their job ends)."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            if worker is not None:
                worker.stop()


_shared: Runner | None = None
_shared_lock = threading.Lock()


def shared_runner() -> Runner:
    """The process's one runner, made on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Runner()
        return _shared


class _Worker:
    """One process that runs jobs one at a time, sent and answered over a pipe."""

    def __init__(self, memory_limit: int | None) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # forking a threaded server is unsafe
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve,
            args=(theirs, os.getpid(), memory_limit),
            name="timeline-extraction",
            daemon=True,
        )
        try:
            self._process.start()
        except OSError as error:
            raise JobError(f"could not start an extraction worker: {error}") from None
        finally:
            theirs.close()

    def call(self, function: Callable, args: tuple, time_limit: float):
        try:
            self._pipe.send((function, args))
            if not self._pipe.poll(time_limit):
                raise JobTimedOut(
                    f"the extraction took longer than {time_limit:g} s and was stopped; "
                    "send a shorter text"
                )
            outcome, value = self._pipe.recv()
        except (OSError, EOFError):  # the worker died: killed from outside, or crashed
            raise JobError(
                f"the extraction worker stopped (exit code {self._process.exitcode})"
            ) from None
        if outcome == "memory":
            raise JobOutOfMemory(
                f"the extraction needed more than {value:,} bytes of memory and was stopped; "
                "send a shorter text"
            )
        if outcome == "error":
            raise JobError(f"the extraction failed: {value}")
        return value

    def stop(self) -> None:
        self._process.kill()
        self._process.join()
        self._pipe.close()


def _serve(pipe, parent: int, memory_limit: int | None) -> None:
    """A worker's life: run each job sent, answer ("ok", result), ("memory", limit) or
    ("error", what happened); end when the server goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    _limit_memory(memory_limit)
    threading.Thread(target=_end_with_parent, args=(parent,), daemon=True).start()
    while True:
        try:
            function, args = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            answer = ("ok", function(*args))
        except MemoryError:
            answer = ("memory", memory_limit)
        except Exception as error:  # sent back whole, as the request's answer
            answer = ("error", f"{type(error).__name__}: {error}")
        try:
            pipe.send(answer)
        except MemoryError:
            pipe.send(("memory", memory_limit))
        del answer


def _limit_memory(limit: int | None) -> None:
    try:
        import resource
    except ImportError:  # Windows: no limit
        return
    if limit is not None:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _end_with_parent(parent: int) -> None:
    """Exit when the server has gone, even in the middle of a job."""
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)
