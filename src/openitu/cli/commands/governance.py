"""`openitu governance ...`: members, conferences, proposals, votes, contributions.

Reads answer anyone; writes act as the union's secretariat, named after the operator's
login (``cli:<user>``), and are audited like the service's. Delegates vote through the
service (API or pages), where their own accounts identify them.
"""

from __future__ import annotations

import getpass
from datetime import date
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from openitu.accounts import Principal, Role
from openitu.cli.common import context, emit_json
from openitu.errors import InvalidInput
from openitu.governance.finance import parse_money
from openitu.governance.members import parse_kind, parse_sector
from openitu.store import governance as service
from openitu.store.db import unit_of_work

NAME = "governance"
app = typer.Typer(
    help="Members, conferences, proposals, votes and contributions.", no_args_is_help=True
)
conferences_app = typer.Typer(help="Conferences and their agendas.", no_args_is_help=True)
votes_app = typer.Typer(help="Votes and their published results.", no_args_is_help=True)
contributions_app = typer.Typer(help="Classes of contribution, budgets, payments.",
                                no_args_is_help=True)  # fmt: skip
app.add_typer(conferences_app, name="conferences")
app.add_typer(votes_app, name="votes")
app.add_typer(contributions_app, name="contributions")

JsonOption = typer.Option(False, "--json", help="Print one JSON document.")


def _secretariat() -> Principal:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return Principal(role=Role.SECRETARIAT, username=f"cli:{who}"[:128], via="cli")


def _day(text: str | None, field: str = "date") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, f"expected YYYY-MM-DD, got {text!r}") from None


def _print_rows(title: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console().print(table)


@app.command("members")
def members(
    kind: str = typer.Option(
        "member-state", "--kind", help="member-state, sector-member, associate or academia"
    ),
    on: str | None = typer.Option(None, "--date", help="Members on YYYY-MM-DD (default today)."),
    sector: str | None = typer.Option(None, "--sector", help="ITU-R, ITU-T or ITU-D."),
    as_json: bool = JsonOption,
) -> None:
    """The members of a kind, who may vote and why not."""
    chosen = parse_kind(kind)
    day = _day(on)
    picked = parse_sector(sector) if sector else None
    with context().sessions() as session:
        rows = service.list_members(session, kind=chosen, on=day, sector=picked)
    if as_json:
        emit_json(rows)
        return
    columns = (
        ["name", "iso2", "itu_region", "can_vote", "reason"]
        if chosen.value == "member-state"
        else ["id", "name", "sector", "country", "status", "reason"]
    )
    _print_rows(f"{len(rows)} {chosen.value}s", columns, rows)


@conferences_app.command("list")
def conferences_list(as_json: bool = JsonOption) -> None:
    """Every conference recorded."""
    with context().sessions() as session:
        rows = service.list_conferences(session)
    if as_json:
        emit_json(rows)
        return
    _print_rows("conferences", ["code", "kind", "title", "place", "starts", "ends"], rows)


@conferences_app.command("show")
def conferences_show(code: str = typer.Argument(...), as_json: bool = JsonOption) -> None:
    """A conference: agenda, delegations, proposals and votes."""
    with context().sessions() as session:
        document = service.conference_document(session, code)
    if as_json:
        emit_json(document)
        return
    Console().print(f"[bold]{document['code']}[/bold] {document['title']}, {document['place']}")
    _print_rows("agenda", ["number", "title"], document["agenda"])
    _print_rows("proposals", ["id", "agenda_item", "submitted_by", "title", "status"],
                document["proposals"])  # fmt: skip


@app.command("proposals")
def proposals(conference: str = typer.Argument(...), as_json: bool = JsonOption) -> None:
    """A conference's proposals with the amendments they carry."""
    with context().sessions() as session:
        rows = service.conference_document(session, conference)["proposals"]
    if as_json:
        emit_json(rows)
        return
    _print_rows(f"proposals to {conference}", ["id", "agenda_item", "submitted_by", "title",
                                                "status"], rows)  # fmt: skip


@votes_app.command("show")
def votes_show(vote_id: int = typer.Argument(...), as_json: bool = JsonOption) -> None:
    """A vote as published (a secret ballot shows who voted, never how)."""
    with context().sessions() as session:
        document = service.vote_document(session, vote_id)
    if as_json:
        emit_json(document)
        return
    result = document.get("result") or {}
    Console().print(
        f"vote {document['id']} ({document['method']}, {document['majority']}): "
        f"{document['question']} -> {result.get('outcome', document['status'])}"
    )


@votes_app.command("close")
def votes_close(vote_id: int = typer.Argument(...), as_json: bool = JsonOption) -> None:
    """Close a vote: count, decide and publish (secretariat)."""
    with unit_of_work(context().sessions) as session:
        document = service.close_vote(session, actor=_secretariat(), vote_id=vote_id)
    if as_json:
        emit_json(document)
        return
    Console().print(f"vote {vote_id}: {document['result']['reason']}")


@app.command("final-acts")
def final_acts(
    conference: str = typer.Argument(...),
    edition_id: str = typer.Option(..., "--edition", help="Id of the new edition."),
    title: str = typer.Option(..., "--title"),
    entry_into_force: str = typer.Option(..., "--in-force", help="YYYY-MM-DD"),
    as_json: bool = JsonOption,
) -> None:
    """Sign a WRC's Final Acts: its adopted amendments become a new edition of the Table."""
    day = _day(entry_into_force, "in_force")
    assert day is not None
    with unit_of_work(context().sessions) as session:
        document = service.sign_final_acts(
            session,
            actor=_secretariat(),
            conference=conference,
            edition_id=edition_id,
            title=title,
            entry_into_force=day,
        )
    context().forget("spectrum:")
    if as_json:
        emit_json(document)
        return
    Console().print(f"{document['edition']} in force from {document['entry_into_force']}")


@contributions_app.command("budget")
def contributions_budget(year: int = typer.Argument(...), as_json: bool = JsonOption) -> None:
    """A year's budget: unit value and each member's share (and the GNI what-if)."""
    with context().sessions() as session:
        document = service.budget_document(session, year)
    if as_json:
        emit_json(document)
        return
    Console().print(
        f"{year}: CHF {document['budget']} over {document['total_units']} units, "
        f"unit value CHF {document['unit_value']}"
    )
    _print_rows("shares", ["member", "name", "unit_class", "amount", "gni_amount"],
                document["shares"])  # fmt: skip


@contributions_app.command("adopt")
def contributions_adopt(
    year: int = typer.Argument(...),
    amount: str = typer.Option(..., "--amount", help="Swiss francs, to the centime."),
    as_json: bool = JsonOption,
) -> None:
    """Adopt a year's budget and record each member's contribution due."""
    with unit_of_work(context().sessions) as session:
        document = service.adopt_budget(
            session, actor=_secretariat(), year=year, amount=parse_money(amount)
        )
    if as_json:
        emit_json(document)
        return
    Console().print(f"{year}: unit value CHF {document['unit_value']}")


@contributions_app.command("class")
def contributions_class(
    member: str = typer.Argument(..., help="ISO2 of a Member State, or a member's id"),
    unit_class: str = typer.Argument(..., help='e.g. 40, "2 1/2", 1/16'),
    as_json: bool = JsonOption,
) -> None:
    """Record the class of contribution a member has chosen."""
    with unit_of_work(context().sessions) as session:
        document = service.set_unit_class(
            session, actor=_secretariat(), member=member, unit_class=unit_class
        )
    if as_json:
        emit_json(document)
        return
    Console().print(f"{document['name']}: {document['unit_class']} units")


@contributions_app.command("pay")
def contributions_pay(
    member: str = typer.Argument(...),
    amount: str = typer.Option(..., "--amount"),
    paid_on: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
    reference: str = typer.Option("", "--reference"),
    as_json: bool = JsonOption,
) -> None:
    """Record a payment received from a member."""
    day = _day(paid_on)
    assert day is not None
    with unit_of_work(context().sessions) as session:
        document = service.record_payment(
            session,
            actor=_secretariat(),
            member=member,
            amount=parse_money(amount),
            paid_on=day,
            reference=reference,
        )
    if as_json:
        emit_json(document)
        return
    Console().print(f"{document['name']}: arrears CHF {document['arrears']}")


@contributions_app.command("due")
def contributions_due(
    member: str = typer.Argument(...),
    year: int = typer.Option(..., "--year"),
    amount: str = typer.Option(..., "--amount"),
    as_json: bool = JsonOption,
) -> None:
    """Record a contribution due for a year assessed outside this system."""
    with unit_of_work(context().sessions) as session:
        service.record_due(
            session, actor=_secretariat(), member=member, year=year, amount=parse_money(amount)
        )
        row = service.get_member_row(session, member)
        document = service.member_document(session, row, date.today())
    if as_json:
        emit_json(document)
        return
    Console().print(f"{document['name']}: arrears CHF {document['arrears']}")
