"""Who may write through a server: one check that every write made over HTTP goes through.

A server with a write token accepts a write that carries it. A server without one accepts
writes only when it can prove they come from this machine to this machine: it listens on
loopback, the connection comes from loopback, and the Host and Origin the browser sent name
loopback too (a page elsewhere that rebinds its DNS name to 127.0.0.1 still sends its own
name). Any other server is read-only.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import urlsplit

from timeline.errors import WriteRefused

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LOOPBACK_ADDRESSES = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


@dataclass(frozen=True)
class WritePolicy:
    """The rule a server applies to writes: a token, loopback only, or none at all."""

    token: str | None = None
    loopback: bool = False  # without a token: writes from this machine to this machine

    @classmethod
    def for_server(cls, host: str, token: str | None) -> WritePolicy:
        """The policy of ``timeline serve --host HOST [--token T]``; an empty token (or one
        of spaces only) is none."""
        if token and token.strip():
            return cls(token=token)
        return cls(loopback=host in LOOPBACK_HOSTS)

    @classmethod
    def for_wsgi(cls, token: str | None) -> WritePolicy:
        """A WSGI entry point cannot know where it listens: without a token, read-only."""
        return cls(token=token if token and token.strip() else None)

    @property
    def disabled(self) -> str | None:
        """Why nobody can write here, or None."""
        if self.token or self.loopback:
            return None
        return (
            "saving is disabled on this server: it has no write token and does not listen "
            "on 127.0.0.1 only (start it with --token or TIMELINE_TOKEN)"
        )

    @property
    def needs_token(self) -> bool:
        return self.token is not None

    def check(self, given: str | None, request) -> None:
        """Raise ``WriteRefused`` unless ``request`` (a Flask request) may write."""
        reason = self.disabled
        if reason:
            raise WriteRefused(reason)
        if self.token is not None:
            if not hmac.compare_digest(str(given or "").encode(), self.token.encode()):
                raise WriteRefused("the write token is missing or wrong; nothing saved")
            return
        if request is None:
            raise WriteRefused("a write must come as a request to this server")
        where = _not_local(request)
        if where:
            raise WriteRefused(f"saving without a token is only allowed from this machine: {where}")


def _not_local(request) -> str | None:
    """What shows that a request did not come from this machine to this machine."""
    if request.remote_addr not in LOOPBACK_ADDRESSES:
        return f"the request came from {request.remote_addr}"
    host = _hostname(f"//{request.host}")
    if host not in LOOPBACK_HOSTS:
        return f"the request was addressed to {request.host!r}"
    origin = request.headers.get("Origin")
    if origin is not None and _hostname(origin) not in LOOPBACK_HOSTS:
        return f"the request was sent by a page of {origin!r}"
    return None


def _hostname(address: str) -> str | None:
    try:
        return urlsplit(address).hostname
    except ValueError:
        return None
