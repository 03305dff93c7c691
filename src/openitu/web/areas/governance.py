"""/governance: the members directory, conferences, the voting page, the budget."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from openitu.accounts import Principal
from openitu.errors import InvalidInput, OpenITUError
from openitu.governance.chart import shares_chart_svg
from openitu.governance.documents import LANGUAGES
from openitu.governance.members import MemberKind, parse_kind
from openitu.governance.votes import parse_choice
from openitu.service.auth import CurrentPrincipalDep, csrf_protected, public
from openitu.service.deps import SessionDep
from openitu.usecases import governance as service
from openitu.web.pages import render, render_form

router = APIRouter(prefix="/governance", include_in_schema=False, dependencies=[public])

SINCE_BASES = {
    "founder": "founder (Paris, 1865)",
    "itu": "ITU",
    "un-admission": "UN admission",
    "estimate": "estimate",
}
"""How the members directory names what a date of membership rests on (``since_basis``)."""


@router.get("", response_class=HTMLResponse)
def members(
    request: Request, session: SessionDep, kind: str = "member-state", on: str = ""
) -> Response:
    """The members directory: who is a member on a date, who may vote, and why not."""
    error = None
    chosen = MemberKind.MEMBER_STATE
    day = date.today()
    try:
        chosen = parse_kind(kind)
        if on.strip():
            try:
                day = date.fromisoformat(on.strip())
            except ValueError:
                raise InvalidInput("on", f"expected YYYY-MM-DD, got {on!r}") from None
    except InvalidInput as exc:
        error = exc.reason
    rows = service.list_members(session, kind=chosen, on=day)
    budgets = service.budget_years(session)
    return render(
        request,
        "governance/index.html",
        status_code=422 if error else 200,
        rows=rows,
        kind=chosen.value,
        kinds=[k.value for k in MemberKind],
        day=day.isoformat(),
        error=error,
        voting=sum(1 for row in rows if row.get("can_vote")),
        notes=sorted({row["standing_note"] for row in rows if row.get("standing_note")}),
        conferences=service.list_conferences(session),
        budgets=budgets,
        bases=SINCE_BASES,
    )


@router.get("/conferences/{code}", response_class=HTMLResponse)
def conference(request: Request, code: str, session: SessionDep) -> Response:
    """A conference: agenda items, delegations, proposals and votes."""
    return render(
        request,
        "governance/conference.html",
        conference=service.conference_document(session, code=code),
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document(request: Request, document_id: int, session: SessionDep) -> Response:
    """A conference document and its text (shown escaped: never rendered as markup)."""
    found = service.get_document(session, document_id=document_id)
    return render(
        request,
        "governance/document.html",
        document=found,
        language=LANGUAGES.get(found["language"], found["language"]),
    )


def _vote_page(
    request: Request,
    session: Any,
    principal: Principal,
    vote_id: int,
    *,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    vote = service.vote_document(session, vote_id=vote_id)
    conference = service.conference_document(session, code=vote["conference"])
    proposal = next((p for p in conference["proposals"] if p["id"] == vote["proposal_id"]), None)
    states = service.ballot_states(session, principal=principal, vote_id=vote_id)
    return render_form(
        request,
        "governance/vote.html",
        status_code=status_code,
        vote=vote,
        proposal=proposal,
        principal=principal,
        states=states,
        message=message,
        error=error,
    )


@router.get("/votes/{vote_id}", response_class=HTMLResponse)
def vote_page(
    request: Request, vote_id: int, session: SessionDep, principal: CurrentPrincipalDep
) -> Response:
    """The voting page: a delegate votes for their state, and for the one whose proxy
    they hold; everyone sees the result once published."""
    return _vote_page(request, session, principal, vote_id)


@router.post("/votes/{vote_id}", response_class=HTMLResponse, dependencies=[csrf_protected])
def cast(
    request: Request,
    vote_id: int,
    session: SessionDep,
    principal: CurrentPrincipalDep,
    state: Annotated[str, Form(max_length=2)],
    choice: Annotated[str, Form(max_length=8)],
) -> Response:
    try:
        # A savepoint: a refused ballot leaves the request's transaction usable for the page.
        with session.begin_nested():
            recorded = service.cast_ballot(
                session,
                principal=principal,
                vote_id=vote_id,
                state=state,
                choice=parse_choice(choice),
            )
    except OpenITUError as exc:
        reason = exc.reason if isinstance(exc, InvalidInput) else exc.detail
        return _vote_page(
            request, session, principal, vote_id, error=reason, status_code=exc.status
        )
    message = f"The vote of {recorded['state']} is recorded."
    return _vote_page(request, session, principal, vote_id, message=message, status_code=201)


@router.get("/budget/{year}", response_class=HTMLResponse)
def budget(request: Request, year: int, session: SessionDep) -> Response:
    """A year's budget: the unit value and each member's share, beside the GNI what-if."""
    document = service.budget_document(session, year=year)
    chart = shares_chart_svg(service.budget_assessment(session, year=year))
    return render(
        request,
        "governance/budget.html",
        budget=document,
        chart=Markup(chart),  # built by chart.py, which escapes every text it writes
    )
