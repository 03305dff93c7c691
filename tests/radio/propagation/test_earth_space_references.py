"""The copies in tests/reference/earth_space are the ones SHA256SUMS records, and each is
the same as the source in ../shared/reference (where that folder is present)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "earth_space"
SHARED = (
    Path(__file__).resolve().parents[4] / "shared" / "reference" / "itu-r-earth-space-validation"
)


def _sums() -> dict[str, str]:
    lines = (REFERENCE / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split(maxsplit=1) for line in lines if line)}


def test_every_copy_is_listed_with_its_checksum() -> None:
    sums = _sums()
    assert sorted(sums) == sorted(p.name for p in REFERENCE.glob("*.csv"))
    for name, digest in sums.items():
        assert hashlib.sha256((REFERENCE / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/reference is not on this machine")
def test_copies_are_unchanged() -> None:
    for name in _sums():
        assert (REFERENCE / name).read_bytes() == (SHARED / name).read_bytes(), name
