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


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """`openitu serve` as a real process group on a free loopback port."""

    def __init__(self, database_url: str, *, workers: int = 1, **settings: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "OPENITU_DATABASE_URL": database_url,
            **{f"OPENITU_{key.upper()}": value for key, value in settings.items()},
        }
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 60) -> None:
        import time

        import httpx

        self.process = subprocess.Popen(
            [*OPENITU, "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: SIGKILL reaches every worker
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"openitu serve exited with {self.process.returncode}")
            try:
                if httpx.get(f"{self.base_url}/api/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError("openitu serve did not answer in time")

    def kill(self) -> None:
        """SIGKILL the whole process group: no shutdown handler runs."""
        import signal

        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        import signal

        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
