"""`openitu governance ...` run for real in a subprocess against a loaded database."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

RunCli = Callable[..., Any]


def test_members_json_is_the_machine_interface(run_cli: RunCli) -> None:
    done = run_cli("governance", "members", "--kind", "member-state", "--json")
    assert done.returncode == 0, done.stderr
    members = json.loads(done.stdout)
    assert len(members) == 194
    assert all({"name", "iso2", "itu_region", "can_vote"} <= set(m) for m in members)
    holy_see = next(m for m in members if m["iso2"] == "VA")
    assert (holy_see["name"], holy_see["itu_region"]) == ("Holy See", 1)
    earlier = json.loads(
        run_cli("governance", "members", "--kind", "member-state", "--date", "2011-10-02",
                "--json").stdout
    )  # fmt: skip
    assert len(earlier) == 192
    assert "SS" not in {m["iso2"] for m in earlier}


def test_arrears_show_who_cannot_vote_and_why(run_cli: RunCli) -> None:
    year = date.today().year
    for past in (year - 2, year - 1):
        done = run_cli("governance", "contributions", "due", "SO", "--year", str(past),
                       "--amount", "39750.00", "--json")  # fmt: skip
        assert done.returncode == 0, done.stderr
    members = json.loads(run_cli("governance", "members", "--json").stdout)
    somalia = next(m for m in members if m["iso2"] == "SO")
    assert somalia["can_vote"] is False
    assert "CS No. 169" in somalia["reason"]
    assert somalia["arrears"] == "79500.00"
    paid = run_cli("governance", "contributions", "pay", "SO", "--amount", "39750.00",
                   "--date", date.today().isoformat(), "--json")  # fmt: skip
    assert paid.returncode == 0, paid.stderr
    assert json.loads(paid.stdout)["can_vote"] is True


def test_bad_input_exits_2_with_one_line(run_cli: RunCli) -> None:
    for args in (
        ("governance", "members", "--date", "2011-13-01", "--json"),
        ("governance", "members", "--kind", "observer", "--json"),
        ("governance", "contributions", "class", "FR", "7", "--json"),
    ):
        done = run_cli(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stdout == ""
        assert len(done.stderr.strip().splitlines()) == 1


def test_members_say_what_each_date_of_membership_rests_on(
    run_cli: RunCli, monkeypatch: Any
) -> None:
    members = json.loads(run_cli("governance", "members", "--json").stdout)
    basis = {m["iso2"]: (m["member_since"], m["since_basis"]) for m in members}
    # The ITU's own dates for its two newest members; the Holy See's is an estimate;
    # the parties to the 1865 Paris Convention; the UN admission dates stand in elsewhere.
    assert basis["SS"] == ("2011-10-03", "itu")
    assert basis["PW"] == ("2024-09-19", "itu")
    assert basis["VA"][1] == "estimate"
    assert basis["FR"] == ("1865-05-17", "founder")
    counts = {kind: sum(1 for _, b in basis.values() if b == kind) for kind in
              ("itu", "founder", "estimate", "un-admission")}  # fmt: skip
    assert counts == {"itu": 2, "founder": 15, "estimate": 1, "un-admission": 176}
    # The table shows it too.
    monkeypatch.setenv("COLUMNS", "300")
    table = run_cli("governance", "members", "--date", "2011-10-03")
    assert table.returncode == 0, table.stderr
    south_sudan = next(line for line in table.stdout.splitlines() if "South Sudan" in line)
    assert "2011-10-03" in south_sudan and "itu" in south_sudan
    assert "since_basis" in table.stdout


def test_the_rights_table(run_cli: RunCli) -> None:
    done = run_cli("governance", "rights", "--json")
    assert done.returncode == 0, done.stderr
    rights = {row["action"]: row["kinds"] for row in json.loads(done.stdout)}
    assert rights["vote"] == ["member-state"]
    assert "academia" in rights["submit-study-group-contributions"]
