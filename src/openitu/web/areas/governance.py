"""/governance: the members directory, conferences, the voting page, the budget."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from openitu.accounts import Principal, Role
from openitu.errors import Conflict, Forbidden, InvalidInput, NotAuthenticated, OpenITUError
from openitu.governance.chart import shares_chart_svg
from openitu.governance.conferences import MAX_AMENDMENTS
from openitu.governance.documents import (
    LANGUAGES,
    MAX_DOCUMENT_BYTES,
    DocumentKind,
    parse_document_kind,
)
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
def conference(
    request: Request, code: str, session: SessionDep, principal: CurrentPrincipalDep
) -> Response:
    """A conference: agenda items, delegations, proposals and votes."""
    return render(
        request,
        "governance/conference.html",
        conference=service.conference_document(session, code=code),
        delegate=principal.role is Role.DELEGATE,
    )


# --- a delegation's page: its proposals, documents and open votes; the forms to add them ----

AMENDMENT_OPS = {
    "add_allocation": "add an allocation",
    "remove_allocation": "remove an allocation",
    "change_category": "change a service's category",
    "cite_footnote": "cite a footnote in the band",
    "set_footnote": "set a footnote's text",
    "remove_footnote": "suppress a footnote",
}
"""The kinds of amendment a proposal's form offers (`openitu.spectrum.amendments`)."""

AMENDMENT_FIELDS = ("op", "region", "low", "high", "service", "category", "footnote", "text")
"""The inputs of one amendment's row on the form, in the order the row shows them."""

_LONGEST = {"text": 20_000, "service": 200}
"""The longest value an amendment's input takes (others: 40 characters)."""

_CORE_KEYS = {
    "low_hz": "low",
    "high_hz": "high",
    "footnote_id": "footnote",
    "footnotes": "footnote",
}
"""The keys `amendment_from_dict` names in its errors that a row's input of another name holds."""

_AMENDMENT_ERROR = re.compile(r"^amendments\[(\d+)\]\.(\w+)$")

EMPTY_PROPOSAL: dict[str, Any] = {
    "agenda_item": "",
    "title": "",
    "rows": [dict.fromkeys(AMENDMENT_FIELDS, "")],
}
EMPTY_DOCUMENT: dict[str, Any] = {
    "number": "",
    "title": "",
    "kind": DocumentKind.CONTRIBUTION.value,
    "language": "en",
    "agenda_items": [],
    "text": "",
}


@dataclass
class _DelegationForms:
    """What the delegation page shows of its two forms: the values given, an error per
    field (``form``: the form's own), the preview and what was recorded."""

    proposal: dict[str, Any] = field(default_factory=lambda: dict(EMPTY_PROPOSAL))
    proposal_errors: dict[str, str] = field(default_factory=dict)
    preview: dict[str, Any] | None = None
    created_proposal: dict[str, Any] | None = None
    document: dict[str, Any] = field(default_factory=lambda: dict(EMPTY_DOCUMENT))
    document_errors: dict[str, str] = field(default_factory=dict)
    created_document: dict[str, Any] | None = None


def _delegation_page(
    request: Request,
    session: Any,
    principal: Principal,
    code: str,
    forms: _DelegationForms,
    *,
    status_code: int = 200,
) -> Response:
    try:
        view = service.delegation_view(session, principal=principal, conference=code)
        refusal = None
    except (NotAuthenticated, Forbidden) as exc:
        view, refusal = None, exc
    return render_form(
        request,
        "governance/delegation.html",
        status_code=refusal.status if refusal else status_code,
        code=code,
        view=view,
        error=None if refusal is None else refusal.detail,
        principal=principal,
        forms=forms,
        ops=AMENDMENT_OPS,
        kinds=[DocumentKind.CONTRIBUTION.value, DocumentKind.INFORMATION.value],
        languages=LANGUAGES,
    )


@router.get("/conferences/{code}/delegation", response_class=HTMLResponse)
def delegation(
    request: Request, code: str, session: SessionDep, principal: CurrentPrincipalDep
) -> Response:
    """A delegate's page at a conference: their state's proposals and documents, the votes
    open to them, and the forms to submit a proposal (previewed as the Table would read
    after it) and a document."""
    return _delegation_page(request, session, principal, code, _DelegationForms())


def _amendment_rows(columns: dict[str, list[str] | None]) -> list[dict[str, str]]:
    """The form's amendment rows: each input is repeated once a row, in row order."""
    lists = {name: list(values or []) for name, values in columns.items()}
    count = max((len(values) for values in lists.values()), default=0)
    return [
        {name: values[i] if i < len(values) else "" for name, values in lists.items()}
        for i in range(count)
    ]


def _amendments(
    rows: list[dict[str, str]], errors: dict[str, str]
) -> tuple[list[dict[str, Any]], list[int]]:
    """The amendments the filled rows make, and the row each came from; a row with values
    but no kind of amendment chosen is an error on its ``op``."""
    documents: list[dict[str, Any]] = []
    origin: list[int] = []
    for number, row in enumerate(rows):
        for name, value in row.items():
            if len(value) > _LONGEST.get(name, 40):
                errors[f"a{number}-{name}"] = f"at most {_LONGEST.get(name, 40)} characters"
        op = row["op"].strip()
        if not op:
            if any(value.strip() for value in row.values()):
                errors[f"a{number}-op"] = "choose what the amendment does"
            continue
        document: dict[str, Any] = {
            key: value.strip()
            for key, value in row.items()
            if key not in ("footnote", "text") and value.strip()
        }
        if row["text"].strip():
            document["text"] = row["text"].strip()
        cited = row["footnote"].split()
        if op == "add_allocation":
            document["footnotes"] = cited
        elif cited:
            document["footnote_id"] = " ".join(cited)
        documents.append(document)
        origin.append(number)
    return documents, origin


def _field_of(exc: InvalidInput, origin: list[int], form_fields: tuple[str, ...]) -> str:
    """The input an error names: a row's (``a2-low``), the form's own field, or the form."""
    found = _AMENDMENT_ERROR.match(exc.field)
    if found and int(found.group(1)) < len(origin):
        key = _CORE_KEYS.get(found.group(2), found.group(2))
        if key in AMENDMENT_FIELDS:
            return f"a{origin[int(found.group(1))]}-{key}"
    return exc.field if exc.field in form_fields else "form"


@dataclass
class _Refused:
    status: int | None = None
    """The refusal's HTTP status; None while nothing was refused."""


@contextmanager
def _refusal(
    session: Any, errors: dict[str, str], field_of: Callable[[InvalidInput], str]
) -> Iterator[_Refused]:
    """One of the delegation page's writes, in a savepoint: a refused write leaves the
    request's transaction usable for the page. A refusal is not raised: its reason goes
    into ``errors`` under the input ``field_of`` names (bad input) or the form's own
    (``form``), and its status into what the block is given."""
    refused = _Refused()
    try:
        with session.begin_nested():
            yield refused
    except InvalidInput as exc:
        errors[field_of(exc)] = exc.reason
        refused.status = 422
    except (Conflict, Forbidden, NotAuthenticated) as exc:
        errors["form"] = exc.detail
        refused.status = exc.status


@router.post(
    "/conferences/{code}/delegation/proposals",
    response_class=HTMLResponse,
    dependencies=[csrf_protected],
)
def propose(
    request: Request,
    code: str,
    session: SessionDep,
    principal: CurrentPrincipalDep,
    agenda_item: Annotated[str, Form(max_length=16)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    action: Annotated[str, Form(max_length=8)] = "preview",
    op: Annotated[list[str] | None, Form()] = None,
    region: Annotated[list[str] | None, Form()] = None,
    low: Annotated[list[str] | None, Form()] = None,
    high: Annotated[list[str] | None, Form()] = None,
    service_name: Annotated[list[str] | None, Form(alias="service")] = None,
    category: Annotated[list[str] | None, Form()] = None,
    footnote: Annotated[list[str] | None, Form()] = None,
    text: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Preview a proposal (the Table as it would read after it), add a row for another
    amendment, or submit it for the delegate's state."""
    rows = _amendment_rows(
        {
            "op": op,
            "region": region,
            "low": low,
            "high": high,
            "service": service_name,
            "category": category,
            "footnote": footnote,
            "text": text,
        }
    )[:MAX_AMENDMENTS]
    if action == "more" and len(rows) < MAX_AMENDMENTS:
        rows.append(dict.fromkeys(AMENDMENT_FIELDS, ""))
    forms = _DelegationForms(
        proposal={
            "agenda_item": agenda_item,
            "title": title,
            "rows": rows or list(EMPTY_PROPOSAL["rows"]),
        }
    )
    if action == "more":
        return _delegation_page(request, session, principal, code, forms)
    amendments, origin = _amendments(rows, forms.proposal_errors)
    if forms.proposal_errors:
        return _delegation_page(request, session, principal, code, forms, status_code=422)
    field_of = partial(_field_of, origin=origin, form_fields=("agenda_item", "title"))
    with _refusal(session, forms.proposal_errors, field_of) as refused:
        if action == "submit":
            forms.created_proposal = service.submit_proposal(
                session,
                principal=principal,
                conference=code,
                agenda_item=agenda_item,
                state=principal.administration or "",
                title=title,
                amendments=amendments,
            )
        else:
            forms.preview = service.preview_proposal(
                session, conference=code, amendments=amendments
            )
    if refused.status is not None:
        return _delegation_page(
            request, session, principal, code, forms, status_code=refused.status
        )
    if forms.created_proposal is not None:
        forms.proposal = dict(EMPTY_PROPOSAL)
        return _delegation_page(request, session, principal, code, forms, status_code=201)
    return _delegation_page(request, session, principal, code, forms)


@router.post(
    "/conferences/{code}/delegation/documents",
    response_class=HTMLResponse,
    dependencies=[csrf_protected],
)
def submit_document(
    request: Request,
    code: str,
    session: SessionDep,
    principal: CurrentPrincipalDep,
    number: Annotated[str, Form(max_length=48)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    kind: Annotated[str, Form(max_length=16)] = "",
    language: Annotated[str, Form(max_length=2)] = "",
    agenda_items: Annotated[list[str] | None, Form()] = None,
    text: Annotated[str, Form(max_length=MAX_DOCUMENT_BYTES)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Submit a document from the delegate's state, its text typed or a .txt/.md file
    (read as data, never run)."""
    given = {
        "number": number,
        "title": title,
        "kind": kind,
        "language": language,
        "agenda_items": agenda_items or [],
        "text": text,
    }
    forms = _DelegationForms(document=given)
    field_of = partial(_field_of, origin=[], form_fields=(*given, "file"))
    with _refusal(session, forms.document_errors, field_of) as refused:
        content, filename = text.encode("utf-8", errors="surrogatepass"), None
        if file is not None and file.filename:
            if text.strip():
                raise InvalidInput("file", "give the text or a file, not both")
            # One byte over the limit is enough to refuse it, naming the file box.
            content, filename = file.file.read(MAX_DOCUMENT_BYTES + 1), file.filename
        forms.created_document = service.submit_document(
            session,
            principal=principal,
            conference=code,
            number=number,
            title=title,
            kind=parse_document_kind(kind),
            source=principal.administration or "",
            language=language,
            agenda_items=agenda_items or [],
            content=content,
            filename=filename,
        )
    if refused.status is not None:
        return _delegation_page(
            request, session, principal, code, forms, status_code=refused.status
        )
    forms.document = dict(EMPTY_DOCUMENT)
    return _delegation_page(request, session, principal, code, forms, status_code=201)


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
