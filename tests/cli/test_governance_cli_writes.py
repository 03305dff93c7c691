"""The conference writes through the real `openitu governance ...` command (subprocesses
against a migrated SQLite file of its own): the secretariat acting as `cli:<user>`,
delegates acting with their API token (--token-stdin or OPENITU_API_TOKEN); a small WRC
from creation to Final Acts, and bad input answered with exit 2 and one stderr line."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from governance_helpers import ADMIN, PASSWORD
from openitu.accounts import Role
from openitu.store import audit
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts as account_usecases


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        assert self.returncode == 0, self.stderr
        return json.loads(self.stdout)


@dataclass
class Cli:
    url: str
    tokens: dict[str, str]

    def __call__(
        self,
        *args: str,
        token: str | None = None,
        env_token: str | None = None,
        columns: str | None = None,
    ) -> Done:
        env = {**os.environ, "OPENITU_DATABASE_URL": self.url}
        if columns is not None:
            env["COLUMNS"] = columns
        env.pop("OPENITU_API_TOKEN", None)
        if env_token is not None:
            env["OPENITU_API_TOKEN"] = self.tokens[env_token]
        extra = ("--token-stdin",) if token else ()
        done = subprocess.run(
            [sys.executable, "-m", "openitu.cli", "governance", *args, *extra],
            input=f"{self.tokens[token]}\n" if token else "",
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )
        return Done(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli(loaded_sqlite_url: str, tmp_path: Path) -> Cli:
    """A copy of the loaded database (SQLite's backup API), with delegates' tokens."""
    source = make_url(loaded_sqlite_url).database
    assert source is not None
    copy = tmp_path / "governance-cli.sqlite3"
    with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
        original.backup(target)
    url = f"sqlite:///{copy}"
    engine = make_engine(url)
    tokens = {}
    with unit_of_work(session_factory(engine)) as session:
        for state, proxy in (("FR", None), ("DE", "BR"), ("BR", None), ("KE", None)):
            name = f"cli-{state.lower()}"
            account_usecases.create_user(
                session, principal=ADMIN, username=name, password=PASSWORD,
                role=Role.DELEGATE, administration=state, proxy_for=proxy,
            )  # fmt: skip
            tokens[state], _ = account_usecases.create_token(
                session, principal=ADMIN, username=name
            )
    engine.dispose()
    return Cli(url, tokens)


def test_a_wrc_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    created = cli("conferences", "create", "WRC-C", "--kind", "WRC", "--title", "CLI WRC",
                  "--place", "Geneva", "--starts", "2026-10-05", "--ends", "2026-10-30",
                  "--json").json()  # fmt: skip
    assert (created["code"], created["kind"]) == ("WRC-C", "WRC")
    assert cli("conferences", "agenda", "WRC-C", "1.2", "--title", "3 300-3 400 MHz",
               "--json").json() == {"number": "1.2", "title": "3 300-3 400 MHz"}  # fmt: skip
    for state in ("FR", "DE", "BR", "KE"):
        # Kenya's credentials arrive later; Brazil is absent and gives its proxy to Germany.
        flags = [] if state == "KE" else ["--credentials"]
        flags += [] if state == "BR" else ["--present"]
        registered = cli("delegations", "register", "WRC-C", state, *flags, "--json").json()
        assert registered["credentials_accepted"] is (state != "KE")
        assert registered["present"] is (state != "BR")
    updated = cli("delegations", "update", "WRC-C", "KE", "--credentials", "--json")
    assert (updated.json()["credentials_accepted"], updated.json()["present"]) == (True, True)
    assert cli("delegations", "update", "WRC-C", "DE", "--proxy-for", "BR",
               "--json").json()["proxy_for"] == "BR"  # fmt: skip

    amendments = tmp_path / "amendments.json"
    amendments.write_text(json.dumps([{"op": "add_allocation", "region": 1, "low": "3300 MHz",
                                       "high": "3400 MHz", "service": "mobile",
                                       "category": "primary"}]))  # fmt: skip
    proposal = cli("proposals", "submit", "WRC-C", "--item", "1.2", "--state", "FR", "--title",
                   "Primary mobile", "--amendments", str(amendments), "--json",
                   token="FR").json()  # fmt: skip
    assert (proposal["submitted_by"], proposal["matter"]) == ("FR", "radio-regulations")
    assert proposal["amendments"][0]["op"] == "add_allocation"
    listed = cli("proposals", "list", "WRC-C", "--json").json()
    assert [p["id"] for p in listed] == [proposal["id"]]

    text = tmp_path / "WRC27-12.txt"
    text.write_text("Proposals of France on agenda item 1.2\n", encoding="utf-8")
    document = cli("documents", "submit", "WRC-C", "--number", "WRC27/12", "--title",
                   "French proposals", "--kind", "contribution", "--source", "FR",
                   "--language", "fr", "--item", "1.2", "--file", str(text), "--json",
                   env_token="FR").json()  # fmt: skip
    assert (document["filename"], document["agenda_items"]) == ("WRC27-12.txt", ["1.2"])
    shown = cli("documents", "show", str(document["id"]), "--json").json()
    assert shown["text"] == text.read_text(encoding="utf-8")
    assert [d["number"] for d in cli("documents", "list", "WRC-C", "--json").json()] == ["WRC27/12"]

    vote = cli("votes", "open", "WRC-C", "--question", "Adopt?", "--proposal",
               str(proposal["id"]), "--json").json()  # fmt: skip
    assert (vote["majority"], vote["basis"]) == ("simple", "present-and-voting")
    for by, state, choice in (("FR", "FR", "for"), ("DE", "DE", "for"), ("DE", "BR", "for"),
                              ("KE", "KE", "against")):  # fmt: skip
        cast = cli("votes", "cast", str(vote["id"]), "--state", state, "--choice", choice,
                   "--json", token=by).json()  # fmt: skip
        assert (cast["state"], cast["cast_by"]) == (state, by)
    # The same state again: refused (409 in the API; exit 2 here), nothing recorded twice.
    again = cli("votes", "cast", str(vote["id"]), "--state", "BR", "--choice", "against",
                "--json", token="DE")  # fmt: skip
    assert again.returncode == 2 and "voted already" in again.stderr
    # A delegate cannot vote for another state.
    other = cli("votes", "cast", str(vote["id"]), "--state", "FR", "--choice", "against",
                "--json", token="KE")  # fmt: skip
    assert other.returncode == 2 and "may not act for FR" in other.stderr
    closed = cli("votes", "close", str(vote["id"]), "--json").json()
    assert (closed["result"]["outcome"], closed["result"]["for"], closed["result"]["against"]) == (
        "adopted", 3, 1,
    )  # fmt: skip
    # The readable conference names its delegations, its votes, and each amendment as the
    # Table would read after it; dates are never cut, however narrow the terminal.
    shown = cli("conferences", "show", "WRC-C", columns="200")
    assert shown.returncode == 0, shown.stderr
    words = " ".join(shown.stdout.split())
    for expected in ("delegations", "Kenya", "accepted", "votes",
                     "adopted: 3 for, 1 against, 0 abstaining",
                     "Region 1, 3300-3400 MHz: adds MOBILE (primary)",
                     "after: 3300-3400 MHz:"):  # fmt: skip
        assert expected in words, (expected, shown.stdout)
    readable = cli("proposals", "list", "WRC-C", columns="200")
    assert "adds MOBILE (primary)" in readable.stdout
    listed = cli("conferences", "list", columns="44")
    assert "2026-10-05" in listed.stdout and "2026-10-30" in listed.stdout, listed.stdout
    acts = cli("final-acts", "WRC-C", "--edition", "RR-WRC-C", "--title", "RR (WRC-C)",
               "--in-force", "2027-01-01", "--json").json()  # fmt: skip
    assert (acts["edition"], acts["proposals"]) == ("RR-WRC-C", [proposal["id"]])

    # The Table's queries answer the new edition from its entry into force, not before,
    # and by its id.
    def services(*selector: str) -> set[tuple[str, str]]:
        done = subprocess.run(
            [sys.executable, "-m", "openitu.cli", "allocations", "at", "3350MHz", "--region",
             "1", *selector, "--json"],
            capture_output=True, text=True, check=False, timeout=120,
            env={**os.environ, "OPENITU_DATABASE_URL": cli.url},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return {(a["service"], a["category"]) for a in json.loads(done.stdout)["allocations"]}

    before = services("--date", "2026-12-31")
    assert ("mobile", "primary") not in before
    assert services("--date", "2027-01-01") == before | {("mobile", "primary")}
    assert services("--edition", "RR-WRC-C") == before | {("mobile", "primary")}
    assert services("--edition", "RR-2012") == before

    engine = make_engine(cli.url)
    with session_factory(engine)() as session:
        actors = {e.actor for e in audit.entries(session, entity="governance_vote")}
        assert audit.verify(session) is None
    engine.dispose()
    assert {"cli-fr", "cli-de", "cli-ke"} <= actors
    assert any(actor.startswith("cli:") for actor in actors)


def test_bad_input_exits_2_with_one_line(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("[{]")
    cli("conferences", "create", "WRC-BAD", "--kind", "WRC", "--title", "B", "--place", "P",
        "--starts", "2026-10-05", "--ends", "2026-10-30", "--json").json()  # fmt: skip
    for args, token, field in (
        (("conferences", "create", "X-1", "--kind", "WRX", "--title", "T", "--place", "P",
          "--starts", "2026-01-01", "--ends", "2026-01-02"), None, "kind"),
        (("conferences", "create", "X-2", "--kind", "WRC", "--title", "T", "--place", "P",
          "--starts", "2026-01-05", "--ends", "2026-01-02"), None, "ends"),
        (("delegations", "update", "WRC-BAD", "FR"), None, "delegation"),
        (("proposals", "submit", "WRC-BAD", "--item", "1.2", "--state", "FR", "--title", "T",
          "--amendments", str(broken)), "FR", "amendments"),
        (("votes", "cast", "1", "--state", "FR", "--choice", "for"), None, "token"),
        (("votes", "cast", "1", "--state", "FR", "--choice", "perhaps"), "FR", "choice"),
        (("votes", "open", "WRC-BAD", "--question", "Q?", "--majority", "most"), None, "majority"),
        (("documents", "submit", "WRC-BAD", "--number", "WRC27/1", "--title", "T", "--kind",
          "temporary", "--language", "en", "--text", "x", "--file", str(broken)), None, "file"),
        (("documents", "submit", "WRC-BAD", "--number", "WRC27/1", "--title", "T", "--kind",
          "temporary", "--language", "de", "--text", "x"), None, "language"),
    ):  # fmt: skip
        done = cli(*args, "--json", token=token)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {field}:"), (args, lines)
