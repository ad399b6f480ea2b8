"""The server's limits in one place: request sizes, connections, and extraction work.

`timeline serve` gives them to waitress (``waitress_settings``). Every Flask server the
project makes refuses larger bodies too (``limit_flask``), so that
``timeline.dashboard.wsgi:application`` run by another WSGI server is protected as well; the
README says what to set in such a server.
"""

from __future__ import annotations

import json
import os

# an article to extract events from: pasted, uploaded, or sent to the API
MAX_TEXT_CHARS = 2_000_000
# the largest body any route takes: an article of MAX_TEXT_CHARS as JSON with every character
# escaped (``\u0000``, 6 bytes: 12 MB), or uploaded as 4-byte UTF-8 in base64 (10.7 MB)
MAX_REQUEST_BYTES = 16 * 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024  # request line and headers; waitress keeps them in memory
WSGI_THREADS = 8
# a connection waiting for its headers costs a socket, not a thread: waitress's default of 100
# let 100 idle ones lock every other client out
CONNECTION_LIMIT = 1000
CHANNEL_TIMEOUT_S = 30  # a connection that sends and reads nothing this long is closed
CLEANUP_INTERVAL_S = 5  # how often waitress looks for such connections
FILES_KEPT_FREE = 64  # open files left for events files, spooled bodies and worker pipes

# extraction runs in worker processes (``timeline.jobs``), never in a request thread; at most
# half the request threads ever wait for it, so that the other half keep answering
EXTRACTION_WORKERS = max(1, min((os.cpu_count() or 2) - 1, WSGI_THREADS // 2))
EXTRACTIONS_ACCEPTED = min(EXTRACTION_WORKERS + 2, WSGI_THREADS // 2)  # running or waiting
EXTRACTION_TIME_LIMIT_S = 60  # a 2,000,000-character article takes about 7 s here
EXTRACTION_MEMORY_BYTES = 2 * 1024**3  # address space of one worker
RETRY_AFTER_S = 10  # what a refused extraction request is told


def raise_open_files_limit() -> int:
    """Raise this process's soft limit of open files to what the connections need (at most
    to the hard limit), and return it (on Windows, which has none, what they need)."""
    try:
        import resource
    except ImportError:
        return CONNECTION_LIMIT + FILES_KEPT_FREE
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = CONNECTION_LIMIT + FILES_KEPT_FREE
    if soft != resource.RLIM_INFINITY and soft < wanted:
        raised = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
        except (ValueError, OSError):
            pass
    return wanted if soft == resource.RLIM_INFINITY else soft


def waitress_settings() -> dict[str, object]:
    """What ``waitress.serve`` and ``waitress.server.create_server`` are given."""
    connections = min(CONNECTION_LIMIT, raise_open_files_limit() - FILES_KEPT_FREE)
    return {
        "threads": WSGI_THREADS,
        "connection_limit": max(1, connections),
        "channel_timeout": CHANNEL_TIMEOUT_S,
        "cleanup_interval": CLEANUP_INTERVAL_S,
        "max_request_body_size": MAX_REQUEST_BYTES + 1,  # waitress refuses a body of its size
        "max_request_header_size": MAX_HEADER_BYTES,
        "asyncore_use_poll": True,  # select() cannot watch more than 1024 sockets
    }


def limit_flask(server) -> None:
    """Make a Flask server refuse bodies over ``MAX_REQUEST_BYTES`` with 413, under any WSGI
    server: one that declares its length before anything is read, others as they are read."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.wsgi_app = refuse_large_bodies(server.wsgi_app)


def refuse_large_bodies(app):
    """A WSGI application that answers 413 to a request declaring a body over
    ``MAX_REQUEST_BYTES`` without reading it, and passes every other to ``app``."""

    def guarded(environ, start_response):
        declared = environ.get("CONTENT_LENGTH") or "0"
        length = int(declared) if declared.isascii() and declared.isdigit() else 0
        if length <= MAX_REQUEST_BYTES:
            return app(environ, start_response)
        message = f"the body has {length:,} bytes; the limit is {MAX_REQUEST_BYTES:,}"
        body = json.dumps({"error": {"status": 413, "message": message}}).encode()
        start_response(
            "413 Request Entity Too Large",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Connection", "close"),  # the unread body must not be read as a request
            ],
        )
        return [body]

    return guarded
