"""Helpers shared by the security tests (imported as a module: no fixtures here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OPENITU = [sys.executable, "-m", "openitu.cli"]


def run_openitu(
    database_url: str, *args: str, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real command-line tool against ``database_url``."""
    env = {**os.environ, "OPENITU_DATABASE_URL": database_url}
    return subprocess.run(
        [*OPENITU, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
        check=False,
    )
