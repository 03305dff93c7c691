"""The cache folder: values come back whole or not at all, and the folder stays bounded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from openitu.store import filecache


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OPENITU_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_value_comes_back_and_a_broken_file_is_a_miss(folder: Path) -> None:
    filecache.store("spectrum-a", "v1-table", {"bands": [1, 2, 3]})
    assert filecache.load("spectrum-a", "v1-table") == {"bands": [1, 2, 3]}
    assert filecache.load("spectrum-a", "v2-table") is None
    (folder / "spectrum-a" / "v1-table.pickle").write_bytes(b"\x80\x05truncated")
    assert filecache.load("spectrum-a", "v1-table") is None


def test_older_versions_go_when_a_newer_one_is_stored(folder: Path) -> None:
    filecache.store("spectrum-a", "v1-x", 1, stale_unless="v1-")
    filecache.store("spectrum-a", "v1-y", 2, stale_unless="v1-")
    filecache.store("spectrum-a", "v2-x", 3, stale_unless="v2-")
    assert sorted(p.name for p in (folder / "spectrum-a").iterdir()) == ["v2-x.pickle"]


def test_only_the_namespaces_written_last_are_kept(folder: Path) -> None:
    count = filecache.KEPT_NAMESPACES + 4
    for number in range(count):
        filecache.store(f"spectrum-{number:02d}", "v1-x", number)
        # Written one second apart, whatever the file system's clock resolution.
        os.utime(folder / f"spectrum-{number:02d}", (number, number))
    kept = sorted(p.name for p in folder.glob("spectrum-*"))
    assert len(kept) == filecache.KEPT_NAMESPACES
    assert kept[-1] == f"spectrum-{count - 1:02d}"
    assert "spectrum-00" not in kept


def test_an_empty_setting_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENITU_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    filecache.store("spectrum-a", "v1-x", 1)
    assert filecache.load("spectrum-a", "v1-x") is None
    assert list(tmp_path.iterdir()) == []
