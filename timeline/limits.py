"""The server's limits in one place: request sizes, connections, and extraction work.

`timeline serve` gives them to waitress (``waitress_settings``). Every Flask server the
project makes refuses larger bodies too (``limit_flask``), so that
``timeline.dashboard.wsgi:application`` run by another WSGI server is protected as well; the
README says what to set in such a server.
"""

from __future__ import annotations

import json

from timeline.settings import current

# The sizes and counts themselves are settings (timeline/settings.py): the longest article
# (2,000,000 characters) as JSON with every character escaped (``\u0000``, 6 bytes: 12 MB),
# or uploaded as 4-byte UTF-8 in base64 (10.7 MB), fits in the default body limit (16 MiB);
# a connection waiting for its headers costs a socket, not a thread (waitress's default of
# 100 let 100 idle ones lock every other client out).
MAX_HEADER_BYTES = 64 * 1024  # request line and headers; waitress keeps them in memory
CLEANUP_INTERVAL_S = 5  # how often waitress looks for idle connections
FILES_KEPT_FREE = 64  # open files left for events files, spooled bodies and worker pipes
RETRY_AFTER_S = 10  # what a refused extraction request is told


def raise_open_files_limit() -> int:
    """Raise this process's soft limit of open files to what the connections need (at most
    to the hard limit), and return it (on Windows, which has none, what they need)."""
    try:
        import resource
    except ImportError:
        return current().connection_limit + FILES_KEPT_FREE
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = current().connection_limit + FILES_KEPT_FREE
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
    settings = current()
    connections = min(settings.connection_limit, raise_open_files_limit() - FILES_KEPT_FREE)
    return {
        "threads": settings.threads,
        "connection_limit": max(1, connections),
        "channel_timeout": settings.idle_timeout,
        "cleanup_interval": CLEANUP_INTERVAL_S,
        # waitress refuses a body of its size
        "max_request_body_size": settings.max_request_bytes + 1,
        "max_request_header_size": MAX_HEADER_BYTES,
        "asyncore_use_poll": True,  # select() cannot watch more than 1024 sockets
    }


def limit_flask(server) -> None:
    """Make a Flask server refuse bodies over the body limit with 413, under any WSGI server:
    one that declares its length before anything is read, others as they are read."""
    server.config["MAX_CONTENT_LENGTH"] = current().max_request_bytes
    server.wsgi_app = refuse_large_bodies(server.wsgi_app)


def refuse_large_bodies(app):
    """A WSGI application that answers 413 to a request declaring a body over
    the body limit without reading it, and passes every other to ``app``."""

    def guarded(environ, start_response):
        declared = environ.get("CONTENT_LENGTH") or "0"
        length = int(declared) if declared.isascii() and declared.isdigit() else 0
        limit = current().max_request_bytes
        if length <= limit:
            return app(environ, start_response)
        message = f"the body has {length:,} bytes; the limit is {limit:,}"
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
