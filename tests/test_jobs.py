"""Jobs in worker processes: bounded, stopped at their time and memory limits, replaced."""

from __future__ import annotations

import os
import threading
import time
from datetime import date

import pytest
from gated import extract_when_open

from timeline import jobs


@pytest.fixture
def runner():
    """A runner of one worker, two jobs accepted, closed after the test."""
    made: list[jobs.Runner] = []

    def make(**settings) -> jobs.Runner:
        made.append(jobs.Runner(**{"workers": 1, "accepted": 2, **settings}))
        return made[-1]

    yield make
    for one in made:
        one.close()


def wait_until(condition, timeout=60.0):
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def is_full(runner: jobs.Runner) -> bool:
    try:
        runner.check_free()
    except jobs.JobsBusy:
        return True
    return False


def test_a_job_runs_in_another_process(runner):
    assert runner().run(os.getpid) != os.getpid()


def test_extraction_gives_proposals_and_every_expression():
    found = jobs.extraction(
        "Trade fell in 2019 and rose in May 2024.", date(2025, 1, 1), "src", with_timexes=True
    )
    assert [p.event.date.edtf for p in found.proposals] == ["2019", "2024-05"]
    assert [(t.text, t.value) for t in found.timexes] == [("2019", "2019"), ("May 2024", "2024-05")]


def test_jobs_beyond_those_accepted_are_refused_at_once(gate, runner):
    runner = runner()
    answers: list = []
    args = ("Sold in 2019.", None, "src", False)
    threads = [
        threading.Thread(target=lambda: answers.append(runner.run(extract_when_open, *args)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    wait_until(lambda: is_full(runner))  # one running, one waiting for the worker
    with pytest.raises(jobs.JobsBusy, match="already extracting or queueing 2 texts") as refused:
        runner.run(len, "refused")
    assert (refused.value.status, refused.value.retry_after) == (503, jobs.RETRY_AFTER_S)
    gate.touch()
    for thread in threads:
        thread.join()
    assert [[p.event.date.edtf for p in a.proposals] for a in answers] == [["2019"], ["2019"]]
    assert runner.run(len, "free again") == 10


def test_a_job_over_the_time_limit_is_stopped_and_its_worker_replaced(runner):
    runner = runner(time_limit=0.5)
    first = runner.run(os.getpid)
    with pytest.raises(jobs.JobTimedOut, match="longer than 0.5 s") as stopped:
        runner.run(time.sleep, 600)
    assert stopped.value.status == 504
    assert runner.run(os.getpid) not in (first, os.getpid())


def test_a_job_over_the_memory_limit_is_stopped(runner):
    runner = runner(memory_limit=1024**3)
    with pytest.raises(jobs.JobOutOfMemory, match="more than 1,073,741,824 bytes") as stopped:
        runner.run(bytearray, 2 * 1024**3)
    assert stopped.value.status == 413
    assert runner.run(len, "abc") == 3


def test_an_error_in_a_job_is_reported_with_its_value(runner):
    with pytest.raises(jobs.JobError, match="ValueError: invalid literal .* 'x'"):
        runner().run(int, "x")
