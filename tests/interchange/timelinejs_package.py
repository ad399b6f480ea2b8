"""TimelineJS3 itself, from the npm registry, for the test that loads our exports in it.

The package's tarball is fetched once into ``.cache/`` (not committed), checked against the
registry's published SHA-512, and its built files (``dist/``) are served over HTTP.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request
from pathlib import Path

VERSION = "3.9.11"
URL = f"https://registry.npmjs.org/@knight-lab/timelinejs/-/timelinejs-{VERSION}.tgz"
INTEGRITY = (
    "+jUuY1OJ+9zSO5O3AfYSLd1yB0vQkm22zyIElz8BWT5DQ9mL0rsxlQkBKAqLbWpJjFuAAJeqzLY35xFIg6GW4g=="
)
CACHE = Path(__file__).resolve().parents[2] / ".cache" / f"timelinejs-{VERSION}"
NEEDED = ("dist/js/timeline.js", "dist/css/timeline.css", "dist/css/icons/")


def timelinejs_dist() -> Path:
    """The package's ``dist`` folder, fetched and checked on first use."""
    dist = CACHE / "package" / "dist"
    if (dist / "js" / "timeline.js").exists():
        return dist
    with urllib.request.urlopen(URL, timeout=60) as response:  # noqa: S310 (fixed https URL)
        data = response.read()
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        raise RuntimeError(f"{URL}: SHA-512 {digest} is not the registry's {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        wanted = [
            m
            for m in archive.getmembers()
            if m.name.startswith(tuple(f"package/{n}" for n in NEEDED))
        ]
        archive.extractall(CACHE, members=wanted, filter="data")
    return dist
