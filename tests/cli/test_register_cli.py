"""`openitu register ...` for real, in subprocesses against a SQLite file: notify from
JSON and CSV (dotted names), a partly bad batch (exit 1 with its document), examine,
record, return, agree, refuse, withdraw, show, search, publish and read the circular; bad
files exit 2 with one line."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from openitu.accounts import Role
from openitu.store.db import make_engine, session_factory
from register_fixtures import fixed_link, fm_station, issue_token, strasbourg_fm


@pytest.fixture
def officer_token(loaded_sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Act as a fresh notifying officer of ``iso2`` (OPENITU_API_TOKEN, as users do)."""
    engine = make_engine(loaded_sqlite_url)

    def use(iso2: str) -> None:
        with session_factory(engine)() as session, session.begin():
            assert isinstance(session, Session)
            secret = issue_token(
                session, f"cli-{iso2.lower()}-{uuid.uuid4().hex[:8]}", Role.NOTIFYING_OFFICER, iso2
            )
        monkeypatch.setenv("OPENITU_API_TOKEN", secret)

    yield use  # type: ignore[misc]
    engine.dispose()


def _json(result: Any, code: int = 0) -> Any:
    assert result.returncode == code, result.stderr
    return json.loads(result.stdout)


def test_notify_examine_record_and_the_circular(
    run_cli: Callable[..., Any],
    officer_token: Callable[[str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tag = uuid.uuid4().hex[:6]
    batch = tmp_path / "notices.json"
    batch.write_text(json.dumps([
        fixed_link("FR", f"CLI-{tag}-1"),
        fixed_link("FR", f"CLI-{tag}-2", frequency_hz="six GHz"),
        fm_station("FR", f"CLI-{tag}-3"),
    ]))  # fmt: skip
    officer_token("FR")
    document = _json(run_cli("register", "notify", str(batch), "--json"), code=1)
    assert document["rejected"] == [
        {"row": 2, "field": "frequency_hz", "reason": "must be a number in Hz, not 'six GHz'"}
    ]
    assert [a["row"] for a in document["accepted"]] == [1, 3]
    link_id = document["accepted"][0]["notice_id"]

    # CSV with the same names, nested ones dotted.
    rows = tmp_path / "notices.csv"
    rows.write_text(
        "administration,reference,service,station_class,frequency_hz,emission,tx.lat_deg,"
        "tx.lon_deg,tx.antenna_height_m,tx.eirp_dbw,tx.polarization,date_of_bringing_into_use\n"
        f"FR,CLI-{tag}-4,broadcasting,BC,99.1e6,180KF8E,48.1,7.3,120,47,H,2027-05-01\n"
    )
    from_csv = _json(run_cli("register", "notify", str(rows), "--json"))
    assert from_csv["rejected"] == [] and from_csv["accepted"][0]["row"] == 1

    monkeypatch.delenv("OPENITU_API_TOKEN")  # the secretariat from here on
    finding = _json(run_cli("register", "examine", str(link_id), "--json"))
    assert finding["finding"] == "favourable"
    assert (finding["technical"]["examined"], finding["technical"]["affected"]) == (True, [])
    recorded = _json(run_cli("register", "record", str(link_id), "--json"))
    assert recorded["status"] == "recorded"
    shown = _json(run_cli("register", "show", str(link_id), "--json"))
    assert [h["event"] for h in shown["history"]] == ["notified", "examined", "recorded"]
    found = _json(run_cli("register", "search", "--administration", "FR", "--status", "recorded",
                          "--near", "47.08,2.40", "--radius-km", "5", "--json"))  # fmt: skip
    assert link_id in [r["notice_id"] for r in found]
    published = _json(run_cli("register", "publish", "--json"))
    latest = _json(run_cli("register", "circular", "--json"))
    assert latest["number"] == published["number"]
    assert link_id in [e["notice_id"] for e in latest["parts"]["II"]]


def test_bad_files_exit_2_with_one_line(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[{"administration": "FR",')
    for args in (
        ("register", "notify", str(broken), "--json"),
        ("register", "notify", str(tmp_path / "absent.json"), "--json"),
        ("register", "search", "--near", "north", "--radius-km", "3", "--json"),
    ):
        result = run_cli(*args)
        assert result.returncode == 2, result.stderr
        assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1


FCC = Path(__file__).resolve().parents[1] / "reference" / "fcc-uls"


def test_the_fcc_files_import_completely_and_border_links_ask_their_neighbour(
    run_cli: Callable[..., Any],
    officer_token: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = sorted(FCC.glob("*.zip"))  # tests/reference/fcc-uls/SOURCES.md
    officer_token("US")
    document = _json(run_cli("register", "import", "fcc-uls", *map(str, files), "--json"), 1)
    # Every FR row accounted for: 5 + 109 + 80 rows; the two of l_mw_sun.zip without an
    # e.i.r.p. are refused, with their row and the field.
    assert document["fr_rows"] == 194
    assert len(document["accepted"]) + len(document["rejected"]) == 194
    assert [(r["source"], r["row"], r["field"]) for r in document["rejected"]] == [
        ("l_mw_sun.zip", 1, "tx.eirp_dbw"), ("l_mw_sun.zip", 2, "tx.eirp_dbw"),
    ]  # fmt: skip
    by_reference = {a["reference"]: a["notice_id"] for a in document["accepted"]}
    monkeypatch.delenv("OPENITU_API_TOKEN")
    # El Centro, California, 5 km from Mexico; Detroit, across the river from Windsor.
    for reference, neighbour in (("WQHI631/L1/A3/6345.490000MHz/S1", "MX"),
                                 ("WQRV536/L1/A10/11505.000000MHz/S1", "CA")):  # fmt: skip
        finding = _json(run_cli("register", "examine", str(by_reference[reference]), "--json"))
        assert finding["coordination"]["required_with"] == [neighbour]
        assert finding["regulatory"]["conforms"] is True  # fixed, Region 2


def test_the_circular_as_csv_json_and_text(
    run_cli: Callable[..., Any],
    officer_token: Callable[[str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tag = uuid.uuid4().hex[:6]
    notice = tmp_path / "notice.json"
    notice.write_text(json.dumps(fixed_link("FR", f"CLI-CIRC-{tag}", frequency_hz=6_195e6)))
    officer_token("FR")
    notice_id = _json(run_cli("register", "notify", str(notice), "--json"))["accepted"][0][
        "notice_id"
    ]
    monkeypatch.delenv("OPENITU_API_TOKEN")
    number = _json(run_cli("register", "publish", "--json"))["number"]
    table = run_cli("register", "circular", str(number), "--format", "csv")
    assert table.returncode == 0, table.stderr
    rows = list(csv.reader(io.StringIO(table.stdout)))
    assert rows[0][:5] == ["part", "notice_id", "administration", "reference", "frequency"]
    mine = [row for row in rows if f"CLI-CIRC-{tag}" in row]
    assert [row[:-1] for row in mine] == [
        ["I", str(notice_id), "FR", f"CLI-CIRC-{tag}", "6.195 GHz", "FX",
         "47°04'48\"N 2°24'00\"E", "not yet examined"]
    ]  # fmt: skip
    assert len(mine[0][-1]) == len("2026-12-07")
    document = _json(run_cli("register", "circular", str(number), "--format", "json"))
    assert document["number"] == number
    assert notice_id in [e["notice_id"] for e in document["parts"]["I"]]
    text = run_cli("register", "circular", str(number), "--format", "text")
    assert text.returncode == 0 and f"Circular {number}" in text.stdout
    bad = run_cli("register", "circular", str(number), "--format", "xml")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_the_administration_asked_refuses_from_the_command_line(
    run_cli: Callable[..., Any],
    officer_token: Callable[[str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tag = uuid.uuid4().hex[:6]
    notice = tmp_path / "notice.json"
    notice.write_text(json.dumps(strasbourg_fm(f"CLI-REFUSE-{tag}")))
    officer_token("FR")
    notified = _json(run_cli("register", "notify", str(notice), "--json"))
    notice_id = notified["accepted"][0]["notice_id"]
    monkeypatch.delenv("OPENITU_API_TOKEN")  # the secretariat examines: Germany is asked
    assert (
        "DE"
        in _json(run_cli("register", "examine", str(notice_id), "--json"))["coordination"][
            "required_with"
        ]
    )
    officer_token("FR")
    # France may not refuse on Germany's behalf.
    forbidden = run_cli("register", "refuse", str(notice_id), "DE", "--reason", "no", "--json")
    assert forbidden.returncode == 2 and len(forbidden.stderr.strip().splitlines()) == 1

    officer_token("DE")
    for args in (("--reason", "   "), ()):  # a blank reason, then none at all
        result = run_cli("register", "refuse", str(notice_id), "DE", *args, "--json")
        assert result.returncode == 2, result.stderr
        assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    shown = _json(run_cli("register", "refuse", str(notice_id), "DE", "--reason",
                          "harms DE-FM-7", "--json"))  # fmt: skip
    assert shown["history"][-1] == {
        **shown["history"][-1],
        "event": "refusal",
        "detail": {"administration": "DE", "reason": "harms DE-FM-7"},
    }


def test_agree_return_and_withdraw_from_the_command_line(
    run_cli: Callable[..., Any],
    officer_token: Callable[[str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """France records Germany's agreement and withdraws its reason with the notice; a
    second notice the secretariat returns; a missing administration exits 2."""
    tag = uuid.uuid4().hex[:6]
    notices = tmp_path / "notices.json"
    notices.write_text(json.dumps([strasbourg_fm(f"CLI-STEPS-{tag}-{n}") for n in (1, 2)]))
    officer_token("FR")
    accepted = _json(run_cli("register", "notify", str(notices), "--json"))["accepted"]
    kept, returned = (str(a["notice_id"]) for a in accepted)
    monkeypatch.delenv("OPENITU_API_TOKEN")
    for notice_id in (kept, returned):
        _json(run_cli("register", "examine", notice_id, "--json"))
    back = _json(run_cli("register", "return", returned, "--json"))
    assert back["status"] == "returned"

    officer_token("FR")
    missing = run_cli("register", "agree", kept, "--json")
    assert missing.returncode == 2 and missing.stdout == ""
    agreed = _json(run_cli("register", "agree", kept, "DE", "--json"))
    assert agreed["history"][-1]["event"] == "agreement"
    assert agreed["history"][-1]["detail"] == {"administration": "DE"}
    gone = _json(run_cli("register", "withdraw", kept, "--reason", "never built", "--json"))
    assert gone["status"] == "withdrawn"
    assert gone["history"][-1]["detail"] == {"reason": "never built"}


def test_the_coordination_a_notice_awaits_from_the_command_line(
    run_cli: Callable[..., Any],
    officer_token: Callable[[str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before examination the command says so; after it, Germany is pending until its
    agreement is recorded, in JSON and in the table a person reads."""
    notices = tmp_path / "notice.json"
    notices.write_text(json.dumps([strasbourg_fm(f"CLI-COORD-{uuid.uuid4().hex[:6]}")]))
    officer_token("FR")
    notice_id = str(
        _json(run_cli("register", "notify", str(notices), "--json"))["accepted"][0]["notice_id"]
    )
    unexamined = run_cli("register", "coordination", notice_id)
    assert unexamined.returncode == 0 and unexamined.stdout.startswith("not examined")
    monkeypatch.delenv("OPENITU_API_TOKEN")
    finding = _json(run_cli("register", "examine", notice_id, "--json"))
    asked = finding["coordination"]["required_with"]
    assert "DE" in asked

    state = _json(run_cli("register", "coordination", notice_id, "--json"))
    assert state["pending"] == asked
    table = run_cli("register", "coordination", notice_id)
    assert table.returncode == 0
    germany = next(line for line in table.stdout.splitlines() if " DE " in line)
    assert "pending" in germany

    officer_token("FR")
    _json(run_cli("register", "agree", notice_id, "DE", "--json"))
    after = _json(run_cli("register", "coordination", notice_id, "--json"))
    assert "DE" not in after["pending"] and "DE" in after["agreed_with"]
    missing = run_cli("register", "coordination", "987654321")
    assert missing.returncode != 0 and len(missing.stderr.strip().splitlines()) == 1


def test_impact_of_an_amendment_on_the_recorded_assignments(
    run_cli: Callable[..., Any],
    officer_token: Callable[[str], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reference = f"CLI-IMPACT-{uuid.uuid4().hex[:6]}"
    notice = tmp_path / "notice.json"
    # Near Limoges on a channel of its own: the other tests' links share this database.
    notice.write_text(json.dumps(fixed_link(
        "FR", reference, frequency_hz=6_050e6, tx__lat_deg=45.83, tx__lon_deg=1.26,
        rx__lat_deg=45.83, rx__lon_deg=1.46,
    )))  # fmt: skip
    officer_token("FR")
    link_id = _json(run_cli("register", "notify", str(notice), "--json"))["accepted"][0][
        "notice_id"
    ]
    monkeypatch.delenv("OPENITU_API_TOKEN")
    _json(run_cli("register", "examine", str(link_id), "--json"))
    _json(run_cli("register", "record", str(link_id), "--json"))
    amendments = tmp_path / "amendments.json"
    remove = {"op": "remove_allocation", "region": 1, "low": "6000 MHz", "high": "6200 MHz",
              "service": "fixed"}  # fmt: skip
    amendments.write_text(json.dumps([remove]))
    document = _json(run_cli("register", "impact", str(amendments), "--json"))
    (change,) = [c for c in document["changes"] if c["reference"] == reference]
    assert (change["notice_id"], change["before"], change["after"]) == (
        link_id, {"conforms": True, "category": "primary"}, {"conforms": False, "category": None},
    )  # fmt: skip
    assert document["totals"]["newly_non_conforming"] == len(document["changes"])
    table = run_cli("register", "impact", str(amendments))
    assert table.returncode == 0, table.stderr
    looked_at, stop = document["looked_at"], document["totals"]["newly_non_conforming"]
    assert f"{looked_at} recorded assignments looked at; {stop} would stop" in table.stdout
    amendments.write_text(json.dumps([remove, dict(remove, service="broadcasting")]))
    bad = run_cli("register", "impact", str(amendments), "--json")
    assert bad.returncode == 2 and bad.stdout == ""
    assert "amendments[1].service" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
