"""`openitu governance ...`: members, conferences, documents, proposals, votes,
contributions.

Reads answer anyone. Writes act as one principal, audited like the service's:

- with an API token (``--token-stdin``: the first line of standard input, or else the
  environment variable ``OPENITU_API_TOKEN``), as that token's account, with exactly its
  rights: this is how a delegate submits proposals and documents and casts ballots;
- without one, as the union's secretariat, named after the operator's login
  (``cli:<user>``): whoever can run the CLI against the database is trusted, as for
  ``openitu users`` (docs/security.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from openitu.cli.acting import writing
from openitu.cli.common import context, emit_json, parse_day, print_rows, read_cases
from openitu.cli.options import JsonFlag, TokenStdin
from openitu.errors import InvalidInput
from openitu.governance.conferences import parse_conference_kind
from openitu.governance.documents import MAX_DOCUMENT_BYTES, parse_document_kind
from openitu.governance.finance import parse_money
from openitu.governance.members import MemberKind, parse_kind, parse_sector, rights_document
from openitu.governance.votes import parse_choice, parse_majority, parse_matter, parse_method
from openitu.usecases import governance as service

NAME = "governance"
app = typer.Typer(
    help="Members, conferences, proposals, votes and contributions.", no_args_is_help=True
)
conferences_app = typer.Typer(help="Conferences and their agendas.", no_args_is_help=True)
votes_app = typer.Typer(help="Votes and their published results.", no_args_is_help=True)
contributions_app = typer.Typer(help="Classes of contribution, budgets, payments.",
                                no_args_is_help=True)  # fmt: skip
delegations_app = typer.Typer(help="Delegations: credentials, presence, proxies.",
                              no_args_is_help=True)  # fmt: skip
proposals_app = typer.Typer(help="Proposals to conferences.", no_args_is_help=True)
documents_app = typer.Typer(help="Conference documents.", no_args_is_help=True)
app.add_typer(conferences_app, name="conferences")
app.add_typer(delegations_app, name="delegations")
app.add_typer(proposals_app, name="proposals")
app.add_typer(documents_app, name="documents")
app.add_typer(votes_app, name="votes")
app.add_typer(contributions_app, name="contributions")

Shown = TypeVar("Shown")


def _emit(document: Shown, as_json: bool, show: str | Callable[[Shown], None]) -> None:
    """With ``--json`` the document alone; else ``show`` it for a person: a line (Rich
    markup), or what prints the document."""
    if as_json:
        emit_json(document)
    elif isinstance(show, str):
        Console().print(show)
    else:
        show(document)


@app.command("members")
def members(
    kind: str = typer.Option(
        "member-state", "--kind", help="member-state, sector-member, associate or academia"
    ),
    on: str | None = typer.Option(None, "--date", help="Members on YYYY-MM-DD (default today)."),
    sector: str | None = typer.Option(None, "--sector", help="ITU-R, ITU-T or ITU-D."),
    as_json: JsonFlag = False,
) -> None:
    """The members of a kind, who may vote and why not."""
    chosen = parse_kind(kind)
    day = None if on is None else parse_day(on, "date")
    picked = parse_sector(sector) if sector else None
    with context().sessions() as session:
        rows = service.list_members(session, kind=chosen, on=day, sector=picked)
    _emit(rows, as_json, lambda rows: _print_members(chosen, rows))


def _print_members(kind: MemberKind, rows: list[dict[str, Any]]) -> None:
    columns = (
        ["name", "iso2", "itu_region", "member_since", "since_basis", "can_vote", "reason"]
        if kind.value == "member-state"
        else ["id", "name", "sector", "country", "status", "reason"]
    )
    print_rows(f"{len(rows)} {kind.value}s", columns, rows)
    for note in sorted({row["standing_note"] for row in rows if row.get("standing_note")}):
        Console().print(note, markup=False, highlight=False)


@app.command("rights")
def rights(as_json: JsonFlag = False) -> None:
    """What each kind of member may do, and the provision it rests on."""
    _emit(rights_document(), as_json, _print_rights)


def _print_rights(rows: list[dict[str, Any]]) -> None:
    shown = [{**row, "kinds": ", ".join(row["kinds"])} for row in rows]
    print_rows("rights", ["action", "kinds", "basis"], shown)


@conferences_app.command("list")
def conferences_list(as_json: JsonFlag = False) -> None:
    """Every conference recorded."""
    with context().sessions() as session:
        rows = service.list_conferences(session)
    _emit(rows, as_json, lambda rows: print_rows(
        "conferences", ["code", "kind", "title", "place", "starts", "ends"], rows))  # fmt: skip


@conferences_app.command("show")
def conferences_show(code: str = typer.Argument(...), as_json: JsonFlag = False) -> None:
    """A conference: agenda, delegations, proposals and votes."""
    with context().sessions() as session:
        document = service.conference_document(session, code=code)
    _emit(document, as_json, _print_conference)


def _print_conference(document: dict[str, Any]) -> None:
    place = f"{document['place']}, {document['starts']} to {document['ends']}"
    Console().print(f"[bold]{escape(document['code'])}[/bold] {escape(document['title'])}, "
                    f"{escape(place)}")  # fmt: skip
    print_rows("agenda", ["number", "title"], document["agenda"])
    delegations = [
        {**d, "credentials": "accepted" if d["credentials_accepted"] else "pending",
         "present": "yes" if d["present"] else "no"}
        for d in document["delegations"]
    ]  # fmt: skip
    print_rows("delegations", ["member", "name", "credentials", "present", "proxy_for"],
               delegations)  # fmt: skip
    _print_proposals(document["proposals"])
    votes = [{**v, "result": _vote_result(v)} for v in document["votes"]]
    print_rows("votes", ["id", "question", "method", "majority", "result"], votes)


def _vote_result(vote: dict[str, Any]) -> str:
    result = vote.get("result")
    if not result:
        return f"open ({len(vote['voted'])} voted)"
    return (
        f"{result['outcome']}: {result['for']} for, {result['against']} against, "
        f"{result['abstentions']} abstaining"
    )


def _print_proposals(rows: list[dict[str, Any]], title: str = "proposals") -> None:
    """The proposals, then each one's amendments as the Table would read after them."""
    print_rows(title, ["id", "agenda_item", "submitted_by", "title", "status"], rows)
    console = Console()
    for row in rows:
        if not row["readable"]:
            continue
        console.print(f"proposal {row['id']} ({escape(row['submitted_by'])}):", markup=True)
        for amendment in row["readable"]:
            console.print(f"  {amendment['change']}", markup=False, highlight=False)
            for line in amendment["after"]:
                console.print(f"    after: {line}", markup=False, highlight=False)


@proposals_app.command("list")
def proposals(conference: str = typer.Argument(...), as_json: JsonFlag = False) -> None:
    """A conference's proposals with the amendments they carry."""
    with context().sessions() as session:
        rows = service.conference_document(session, code=conference)["proposals"]
    _emit(rows, as_json, lambda rows: _print_proposals(rows, f"proposals to {conference}"))


@votes_app.command("show")
def votes_show(vote_id: int = typer.Argument(...), as_json: JsonFlag = False) -> None:
    """A vote as published (a secret ballot shows who voted, never how)."""
    with context().sessions() as session:
        document = service.vote_document(session, vote_id=vote_id)
    outcome = (document.get("result") or {}).get("outcome", document["status"])
    line = f"vote {document['id']} ({document['method']}, {document['majority']}): "
    _emit(document, as_json, f"{line}{document['question']} -> {outcome}")


@votes_app.command("close")
def votes_close(
    vote_id: int = typer.Argument(...), as_json: JsonFlag = False, token_stdin: TokenStdin = False
) -> None:
    """Close a vote: count, decide and publish (secretariat)."""
    with writing(token_stdin) as (session, principal):
        document = service.close_vote(session, principal=principal, vote_id=vote_id)
    _emit(document, as_json, f"vote {vote_id}: {document['result']['reason']}")


@app.command("final-acts")
def final_acts(
    conference: str = typer.Argument(...),
    edition_id: str = typer.Option(..., "--edition", help="Id of the new edition."),
    title: str = typer.Option(..., "--title"),
    entry_into_force: str = typer.Option(..., "--in-force", help="YYYY-MM-DD"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Sign a WRC's Final Acts: its adopted amendments become a new edition of the Table."""
    day = parse_day(entry_into_force, "in_force")
    with writing(token_stdin) as (session, principal):
        document = service.sign_final_acts(
            session,
            principal=principal,
            conference=conference,
            edition_id=edition_id,
            title=title,
            entry_into_force=day,
        )
    _emit(document, as_json, f"{document['edition']} in force from {document['entry_into_force']}")


@contributions_app.command("budget")
def contributions_budget(year: int = typer.Argument(...), as_json: JsonFlag = False) -> None:
    """A year's budget: unit value and each member's share (and the GNI what-if)."""
    with context().sessions() as session:
        document = service.budget_document(session, year=year)
    _emit(document, as_json, _print_budget)


def _print_budget(document: dict[str, Any]) -> None:
    Console().print(
        f"{document['year']}: CHF {document['budget']} over {document['total_units']} units, "
        f"unit value CHF {document['unit_value']}"
    )
    print_rows("shares", ["member", "name", "unit_class", "amount", "gni_amount"],
                document["shares"])  # fmt: skip


@contributions_app.command("adopt")
def contributions_adopt(
    year: int = typer.Argument(...),
    amount: str = typer.Option(..., "--amount", help="Swiss francs, to the centime."),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Adopt a year's budget and record each member's contribution due."""
    with writing(token_stdin) as (session, principal):
        document = service.adopt_budget(
            session, principal=principal, year=year, amount=parse_money(amount)
        )
    _emit(document, as_json, f"{year}: unit value CHF {document['unit_value']}")


@contributions_app.command("class")
def contributions_class(
    member: str = typer.Argument(..., help="ISO2 of a Member State, or a member's id"),
    unit_class: str = typer.Argument(..., help='e.g. 40, "2 1/2", 1/16'),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Record the class of contribution a member has chosen."""
    with writing(token_stdin) as (session, principal):
        document = service.set_unit_class(
            session, principal=principal, member=member, unit_class=unit_class
        )
    _emit(document, as_json, f"{document['name']}: {document['unit_class']} units")


@contributions_app.command("pay")
def contributions_pay(
    member: str = typer.Argument(...),
    amount: str = typer.Option(..., "--amount"),
    paid_on: str = typer.Option(..., "--date", help="YYYY-MM-DD"),
    reference: str = typer.Option("", "--reference"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Record a payment received from a member."""
    day = parse_day(paid_on, "date")
    with writing(token_stdin) as (session, principal):
        document = service.record_payment(
            session,
            principal=principal,
            member=member,
            amount=parse_money(amount),
            paid_on=day,
            reference=reference,
        )
    _emit(document, as_json, f"{document['name']}: arrears CHF {document['arrears']}")


@contributions_app.command("notice")
def contributions_notice(
    member: str = typer.Argument(..., help="A suspended member's id"),
    received: str = typer.Option(..., "--received", help="YYYY-MM-DD"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Record the day a suspended member received its notice (exclusion 90 days later)."""
    day = parse_day(received, "received")
    with writing(token_stdin) as (session, principal):
        document = service.record_suspension_notice(
            session, principal=principal, member=member, received=day
        )
    _emit(document, as_json, f"{document['name']}: {document['status']}")


@contributions_app.command("due")
def contributions_due(
    member: str = typer.Argument(...),
    year: int = typer.Option(..., "--year"),
    amount: str = typer.Option(..., "--amount"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Record a contribution due for a year assessed outside this system."""
    with writing(token_stdin) as (session, principal):
        service.record_due(
            session, principal=principal, member=member, year=year, amount=parse_money(amount)
        )
        document = service.member_document(session, member=member)
    _emit(document, as_json, f"{document['name']}: arrears CHF {document['arrears']}")


# --- the writes the service offers, for the secretariat and (with a token) delegates -------


@conferences_app.command("create")
def conferences_create(
    code: str = typer.Argument(..., help="e.g. WRC-27"),
    kind: str = typer.Option(..., "--kind", help="PP, WRC, RA, WTSA, WTDC, WCIT or Council"),
    title: str = typer.Option(..., "--title"),
    place: str = typer.Option(..., "--place"),
    starts: str = typer.Option(..., "--starts", help="YYYY-MM-DD"),
    ends: str = typer.Option(..., "--ends", help="YYYY-MM-DD"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Record a conference (secretariat)."""
    chosen = parse_conference_kind(kind)
    first, last = parse_day(starts, "starts"), parse_day(ends, "ends")
    with writing(token_stdin) as (session, principal):
        document = service.create_conference(
            session, principal=principal, code=code, kind=chosen, title=title, place=place,
            starts=first, ends=last,
        )  # fmt: skip
    _emit(document, as_json, f"{document['code']} recorded")


@conferences_app.command("agenda")
def conferences_agenda(
    code: str = typer.Argument(...),
    number: str = typer.Argument(..., help="e.g. 1.2"),
    title: str = typer.Option(..., "--title"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Add an item to a conference's agenda (secretariat)."""
    with writing(token_stdin) as (session, principal):
        document = service.add_agenda_item(
            session, principal=principal, conference=code, number=number, title=title
        )
    _emit(document, as_json, f"{code} agenda item {document['number']} added")


@delegations_app.command("register")
def delegations_register(
    conference: str = typer.Argument(...),
    member: str = typer.Argument(..., help="ISO2 of a Member State, or a member's id"),
    representative: str | None = typer.Option(
        None, "--representative", help="The account representing a non-state member"
    ),
    credentials: bool = typer.Option(
        False, "--credentials/--credentials-pending", help="Credentials accepted (default pending)"
    ),
    present: bool = typer.Option(False, "--present/--absent", help="Present (default absent)"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Register a member's delegation (secretariat)."""
    with writing(token_stdin) as (session, principal):
        document = service.register_delegation(
            session, principal=principal, conference=conference, member=member,
            representative=representative, credentials_accepted=credentials,
            present=present,
        )  # fmt: skip
    _emit(document, as_json, f"{document['name']} registered at {conference}")


@delegations_app.command("update")
def delegations_update(
    conference: str = typer.Argument(...),
    state: str = typer.Argument(..., help="ISO2 of the delegation's Member State"),
    credentials: bool | None = typer.Option(
        None, "--credentials/--credentials-pending", help="Credentials accepted, or pending"
    ),
    present: bool | None = typer.Option(None, "--present/--absent", help="Present or absent"),
    proxy_for: str | None = typer.Option(None, "--proxy-for", help="ISO2 of the proxy held"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Accept credentials, mark presence, record the one proxy held (secretariat)."""
    accepted, here = credentials, present
    if accepted is None and here is None and proxy_for is None:
        raise InvalidInput("delegation", "give --credentials, --present or --proxy-for")
    with writing(token_stdin) as (session, principal):
        document = service.update_delegation(
            session, principal=principal, conference=conference, state=state,
            credentials_accepted=accepted, present=here, proxy_for=proxy_for,
        )  # fmt: skip
    _emit(document, as_json, f"{document['name']} at {conference} updated")


@proposals_app.command("submit")
def proposals_submit(
    conference: str = typer.Argument(...),
    agenda_item: str = typer.Option(..., "--item", help="The agenda item, e.g. 1.2"),
    state: str = typer.Option(..., "--state", help="ISO2 of the proposing Member State"),
    title: str = typer.Option(..., "--title"),
    amendments: Path | None = typer.Option(
        None, "--amendments", help="JSON file: one amendment to the Table or a list of them"
    ),
    matter: str | None = typer.Option(
        None, "--matter", help="general, radio-regulations, constitution or convention"
    ),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Submit a Member State's proposal (a delegate, with their API token)."""
    documents = read_cases(amendments, field="amendments")[0] if amendments else []
    chosen = parse_matter(matter) if matter else None
    needs_token = "a proposal is submitted by a delegate's account"
    with writing(token_stdin, needs_token=needs_token) as (session, principal):
        document = service.submit_proposal(
            session, principal=principal, conference=conference, agenda_item=agenda_item,
            state=state, title=title, amendments=documents, matter=chosen,
        )  # fmt: skip
    _emit(document, as_json, f"proposal {document['id']} submitted")


@votes_app.command("open")
def votes_open(
    conference: str = typer.Argument(...),
    question: str = typer.Option(..., "--question"),
    proposal_id: int | None = typer.Option(None, "--proposal", help="The proposal voted on"),
    majority: str | None = typer.Option(
        None, "--majority", help="Default: the rules' for the matter; two-thirds if stricter"
    ),
    method: str = typer.Option("roll-call", "--method", help="show-of-hands, roll-call, secret"),
    matter: str | None = typer.Option(None, "--matter", help="For a question without proposal"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Open a vote (secretariat); the majority follows from what is decided."""
    chosen_majority = parse_majority(majority) if majority else None
    chosen_method = parse_method(method)
    chosen_matter = parse_matter(matter) if matter else None
    with writing(token_stdin) as (session, principal):
        document = service.open_vote(
            session, principal=principal, conference=conference, question=question,
            proposal_id=proposal_id, majority=chosen_majority, method=chosen_method,
            matter=chosen_matter,
        )  # fmt: skip
    _emit(document, as_json, f"vote {document['id']} open ({document['majority']} majority)")


@votes_app.command("cast")
def votes_cast(
    vote_id: int = typer.Argument(...),
    state: str = typer.Option(..., "--state", help="One's own state, or the proxy held"),
    choice: str = typer.Option(..., "--choice", help="for, against or abstain"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Cast a state's ballot, as the delegate whose API token is given."""
    chosen = parse_choice(choice)
    needs_token = "a ballot is cast by a delegate's account"
    with writing(token_stdin, needs_token=needs_token) as (session, principal):
        document = service.cast_ballot(
            session, principal=principal, vote_id=vote_id, state=state, choice=chosen
        )
    _emit(document, as_json, f"the vote of {document['state']} is recorded")


@documents_app.command("list")
def documents_list(
    conference: str = typer.Argument(...),
    kind: str | None = typer.Option(None, "--kind"),
    agenda_item: str | None = typer.Option(None, "--item"),
    as_json: JsonFlag = False,
) -> None:
    """A conference's documents (without their text)."""
    chosen = parse_document_kind(kind) if kind else None
    with context().sessions() as session:
        rows = service.list_documents(
            session, conference=conference, kind=chosen, agenda_item=agenda_item
        )
    _emit(rows, as_json, lambda rows: print_rows(f"documents of {conference}", [
        "id", "number", "title", "kind", "source", "received", "language"], rows))  # fmt: skip


@documents_app.command("show")
def documents_show(document_id: int = typer.Argument(...), as_json: JsonFlag = False) -> None:
    """A document with its text."""
    with context().sessions() as session:
        document = service.get_document(session, document_id=document_id)
    _emit(document, as_json, _print_document)


def _print_document(document: dict[str, Any]) -> None:
    Console().print(f"[bold]{document['number']}[/bold] {document['title']}")
    Console().print(document["text"], markup=False, highlight=False)


@documents_app.command("submit")
def documents_submit(
    conference: str = typer.Argument(...),
    number: str = typer.Option(..., "--number", help="e.g. WRC27/12"),
    title: str = typer.Option(..., "--title"),
    kind: str = typer.Option(
        ..., "--kind", help="contribution, information, temporary, final-acts"
    ),
    source: str = typer.Option("secretariat", "--source", help="ISO2, a member's id"),
    language: str = typer.Option(..., "--language", help="ar, zh, en, fr, ru or es"),
    agenda_items: list[str] = typer.Option([], "--item", help="An agenda item (repeatable)"),
    file: Path | None = typer.Option(None, "--file", help="UTF-8 text file (.txt, .md)"),
    text: str | None = typer.Option(None, "--text", help="The text, instead of --file"),
    received: str | None = typer.Option(None, "--received", help="YYYY-MM-DD (secretariat)"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Submit a conference document (its text read as data, never run)."""
    chosen = parse_document_kind(kind)
    day = None if received is None else parse_day(received, "received")
    if (file is None) == (text is None):
        raise InvalidInput("file", "give exactly one of --file and --text")
    if file is not None:
        try:
            if file.stat().st_size > MAX_DOCUMENT_BYTES:
                raise InvalidInput("file", f"more than {MAX_DOCUMENT_BYTES} bytes")
            content = file.read_bytes()
        except OSError as exc:
            raise InvalidInput("file", f"cannot read {file}: {exc.strerror}") from None
    else:
        assert text is not None
        content = text.encode("utf-8", errors="surrogatepass")
    with writing(token_stdin) as (session, principal):
        document = service.submit_document(
            session, principal=principal, conference=conference, number=number, title=title,
            kind=chosen, source=source, language=language, agenda_items=agenda_items,
            content=content, filename=file.name if file is not None else None, received=day,
        )  # fmt: skip
    _emit(document, as_json, f"{document['number']} recorded ({document['size_bytes']} bytes)")
