"""Values derived from the database or the package, kept in files between processes.

A command-line process lives for one command: building the allocation table from its
rows, or asking Alembic for the newest revisions, would cost more than the answer in
every one. Each value is stored under a key naming everything it was derived from (the
database, the area's version read before building it, the code that built it), so a key
finds the right value or none; a value that cannot be read back is a miss, never an error.
The folder is ``openitu.paths.cache_dir()`` (``OPENITU_CACHE_DIR``, empty: keep nothing).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openitu.paths import cache_dir


def fingerprint(*parts: object) -> str:
    """A short digest naming ``parts`` (their ``repr``), usable as a file name."""
    digest = hashlib.sha256("\x1f".join(repr(part) for part in parts).encode("utf-8"))
    return digest.hexdigest()[:32]


def files_fingerprint(paths: Iterable[Path]) -> str:
    """Changes whenever one of ``paths`` is added, removed, rewritten or touched."""
    seen = []
    for path in sorted(paths):
        status = path.stat()
        seen.append((path.name, status.st_size, status.st_mtime_ns))
    return fingerprint(*seen)


def _folder(namespace: str) -> Path | None:
    root = cache_dir()
    return None if root is None else root / namespace


KEPT_NAMESPACES = 16
"""Namespaces of one family (``spectrum-<database>``) kept: every database a test suite
makes has its own, and only the ones written last are likely to be asked again."""


def _forget_old_namespaces(folder: Path) -> None:
    family, separator, _ = folder.name.partition("-")
    if not separator:
        return
    siblings = sorted(
        (sibling for sibling in folder.parent.glob(f"{family}-*") if sibling != folder),
        key=lambda sibling: sibling.stat().st_mtime_ns,
        reverse=True,
    )
    for old in siblings[KEPT_NAMESPACES - 1 :]:
        for entry in old.iterdir():
            entry.unlink(missing_ok=True)
        old.rmdir()


def load(namespace: str, key: str) -> Any | None:
    """The value stored under ``key``, or None."""
    folder = _folder(namespace)
    if folder is None:
        return None
    try:
        with (folder / f"{key}.pickle").open("rb") as stream:
            return pickle.load(stream)
    except Exception:
        # Missing, truncated, or written by other code: a miss, and the value is rebuilt.
        return None


def store(namespace: str, key: str, value: object, *, stale_unless: str = "") -> None:
    """Keep ``value`` under ``key`` (written whole or not at all); files of the namespace
    whose names do not start with ``stale_unless`` are removed (the older versions')."""
    folder = _folder(namespace)
    if folder is None:
        return
    import tempfile  # only when writing: a command that finds its value never needs it

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, partial = tempfile.mkstemp(dir=folder, prefix=".partial-")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, folder / f"{key}.pickle")
        except BaseException:
            os.unlink(partial)
            raise
        if stale_unless:
            for old in folder.glob("*.pickle"):
                if not old.name.startswith(stale_unless):
                    old.unlink(missing_ok=True)
        _forget_old_namespaces(folder)
    except OSError:
        return  # a read-only or full disk: the value is built again next time
