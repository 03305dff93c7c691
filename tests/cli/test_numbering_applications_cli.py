"""`openitu numbering applications ...`: the CLI has the application commands the pages have
(apply, list, show with the dated history, step, publish, each with --json), run for real
in a subprocess against a loaded SQLite database."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any


def _json(result: Any) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_apply_once_decide_publish_and_show_the_history(run_cli: Callable[..., Any]) -> None:
    free = _json(run_cli("numbering", "free", "639", "--json"))["free"]
    code = f"639-{free[-1]}"
    apply = (
        "numbering", "applications", "apply", "--administration", "KE", "--kind", "mnc",
        "--code", code, "--holder", "Kenya CLI Net", "--purpose", "coverage of Lake Victoria",
        "--form-key", "cli-walkthrough-key-0001", "--json",
    )  # fmt: skip
    created = _json(run_cli(*apply))
    assert (created["status"], created["applicant"], created["code"]) == ("received", "KE", code)
    again = _json(run_cli(*apply))
    assert again["id"] == created["id"]  # the same key makes no second application
    number = str(created["id"])

    listed = _json(run_cli("numbering", "applications", "list", "--status", "received", "--json"))
    assert [a["id"] for a in listed].count(created["id"]) == 1

    for step, status in (("check", "checked"), ("reserve", "reserved"), ("assign", "assigned")):
        stepped = _json(run_cli("numbering", "applications", "step", number, step, "--json"))
        assert stepped["status"] == status
    notice = _json(run_cli("numbering", "applications", "publish", "--json"))
    assert [e["code"] for e in notice["entries"] if e["action"] == "ADD"].count(code) == 1

    shown = _json(run_cli("numbering", "applications", "show", number, "--json"))
    assert shown["status"] == "published"
    assert [e["action"] for e in shown["history"]] == [
        "receive", "check", "reserve", "assign", "publish",
    ]  # fmt: skip
    text = run_cli("numbering", "applications", "show", number)
    assert text.returncode == 0, text.stderr
    assert "purpose: coverage of Lake Victoria" in text.stdout
    # Dates as people read them ("7 December 2026, 14:05 UTC"), never a raw timestamp.
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC  check", text.stdout)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text.stdout)

    refused = run_cli("numbering", "applications", "step", number, "publish")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "action" in refused.stderr
