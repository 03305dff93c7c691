"""/numbering: search a number or a code, a country's resources, apply, change notices."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openitu.accounts import Principal
from openitu.errors import Forbidden, InvalidInput, NotFound, OpenITUError
from openitu.numbering import lookups
from openitu.numbering.countries import name_of
from openitu.numbering.workflow import (
    HOLDING,
    PENDING,
    Application,
    Kind,
    actions_for,
    sees_every_application,
)
from openitu.service.auth import CurrentPrincipalDep, csrf_protected, public
from openitu.service.deps import ContextDep, SessionDep
from openitu.service.params import RowId
from openitu.service.routes.numbering import country_resources
from openitu.store import numbering as store
from openitu.usecases import numbering as usecases
from openitu.web.pages import FormPage, render, render_form

router = APIRouter(prefix="/numbering", include_in_schema=False, dependencies=[public])

KINDS = [
    (Kind.MNC.value, "MNC under your MCC (E.212)", "e.g. 208-99"),
    (Kind.SHARED_MNC.value, "MNC under shared MCC 901 (E.212 Annex A)", "e.g. 901-99"),
    (Kind.NETWORK_IC.value, "International network code under +882/+883 (E.164)", "e.g. 882-99"),
    (Kind.ISPC.value, "International signalling point code (Q.708)", "e.g. 4-024-7"),
]


@router.get("", response_class=HTMLResponse)
def search(request: Request, session: SessionDep, context: ContextDep, q: str = "") -> Response:
    """Search a number, an IMSI, an MCC, an MCC and MNC, or a country by code or name."""
    found: dict[str, Any] | None = None
    error = None
    if q.strip():
        try:
            found = lookups.search(context.e212_register(session), q)
        except InvalidInput as exc:
            error = exc.reason
    if found is not None and found["kind"] == "country":
        return country(request, found["result"]["country"], session, context)
    return render(
        request,
        "numbering/index.html",
        status_code=422 if error else 200,
        q=q,
        kind=found["kind"] if found else None,
        result=found["result"] if found else None,
        error=error,
    )


@router.get("/countries/{iso2}", response_class=HTMLResponse)
def country(request: Request, iso2: str, session: SessionDep, context: ContextDep) -> Response:
    """Every numbering resource a country holds."""
    report = country_resources(session, context, iso2)
    return render(request, "numbering/country.html", report=report, name=name_of(report["country"]))


@router.get("/notices", response_class=HTMLResponse)
def notices(request: Request, session: SessionDep) -> Response:
    """The change notices, newest first, like the Operational Bulletin's amendments."""
    published = list(reversed(store.list_notices(session)))
    return render(request, "numbering/notices.html", notices=published)


def _form_page(
    request: Request,
    principal: Principal,
    session: SessionDep,
    context: ContextDep,
    *,
    form: dict[str, str],
    errors: dict[str, str],
    created: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    """The form, with the free MNCs under the administration's MCCs to choose from."""
    free: dict[str, Any] = {}
    if principal.administration is not None:
        free = lookups.free_under_own_mccs(context.e212_register(session), principal.administration)
    page = FormPage("numbering/apply.html", {"kinds": KINDS, "free": free})
    return page(
        request, principal, form=form, errors=errors, created=created, status_code=status_code
    )


@router.get("/apply", response_class=HTMLResponse)
def apply_form(
    request: Request, principal: CurrentPrincipalDep, session: SessionDep, context: ContextDep
) -> Response:
    """The application form (notifying officers apply for their own administration).

    Each form carries a one-time key: sent twice (a double click, a reload), it makes one
    application, and the second answer shows the first's.
    """
    form = {
        "kind": Kind.MNC.value,
        "code": request.query_params.get("code", "")[:32],
        "holder": "",
        "purpose": "",
        "form_key": secrets.token_urlsafe(24),
    }
    return _form_page(request, principal, session, context, form=form, errors={})


@router.post("/apply", response_class=HTMLResponse, dependencies=[csrf_protected])
def apply(
    request: Request,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    kind: Annotated[str, Form(max_length=16)],
    code: Annotated[str, Form(max_length=32)],
    context: ContextDep,
    holder: Annotated[str, Form(max_length=200)] = "",
    purpose: Annotated[str, Form(max_length=2000)] = "",
    form_key: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    """Submit an application; malformed or hopeless ones come back with inline errors."""
    form = {
        "kind": kind,
        "code": code,
        "holder": holder,
        "purpose": purpose,
        "form_key": form_key or secrets.token_urlsafe(24),
    }
    errors: dict[str, str] = {}

    def answer(status_code: int, created: dict[str, Any] | None = None) -> Response:
        if created is not None:
            # What the page shows next is a new form: a key of its own, nothing filled in.
            form.update(code="", holder="", purpose="", form_key=secrets.token_urlsafe(24))
        return _form_page(
            request,
            principal,
            session,
            context,
            form=form,
            errors=errors,
            created=created,
            status_code=status_code,
        )

    if not principal.signed_in or principal.administration is None:
        errors["form"] = "sign in as a notifying officer of an administration to apply"
        return answer(403)
    try:
        # The checks the TSB will run, shown now so that a hopeless application is fixed
        # before it is sent (the TSB runs them again on the register as it then is).
        draft: dict[str, Any] = {
            "administration": principal.administration,
            "kind": kind,
            "code": code,
            "holder": holder,
        }
        reasons = usecases.precheck(session, principal=principal, **draft)
        earlier = usecases.application_sent_with(
            session, principal=principal, form_key=form["form_key"]
        )
        if earlier is not None:
            # The same form again (a reload, a second click): one application, shown again.
            shown = usecases.submit_application(
                session, principal=principal, purpose=purpose, form_key=form["form_key"], **draft
            )
            return answer(200, {**shown.as_dict(), "again": True})
        for reason in reasons:
            field, _, text = reason.partition(": ")
            errors.setdefault(field if field in (*form, "applicant") else "code", text)
        if errors:
            return answer(422)
        created = usecases.submit_application(
            session, principal=principal, purpose=purpose, form_key=form["form_key"], **draft
        )
    except InvalidInput as exc:
        errors[exc.field if exc.field in form else "form"] = exc.reason
        return answer(422)
    except OpenITUError as exc:
        errors["form"] = exc.detail
        return answer(exc.status)
    return answer(201, created.as_dict())


# ------------------------------------------------------------------ applications


def _applications_page(
    request: Request, principal: Principal, session: SessionDep, refused: OpenITUError | None = None
) -> Response:
    """The applications, and the refusal of the step just asked for, if it was refused."""
    listed: list[Application] = []
    if principal.signed_in:  # the page itself asks the public to sign in
        try:
            listed = usecases.applications(session, principal=principal)
        except Forbidden as exc:
            refused = refused or exc
    checks = store.last_checks(session, [a.id for a in listed if a.id is not None])
    return render_form(
        request,
        "numbering/applications.html",
        status_code=refused.status if refused else 200,
        principal=principal,
        applications=[
            {**a.as_dict(), "actions": actions_for(principal, a), "checked": checks.get(a.id or 0)}
            for a in reversed(listed)
        ],
        pending=sum(1 for a in listed if a.status in PENDING),
        held=sum(1 for a in listed if a.status in HOLDING),
        is_tsb=sees_every_application(principal),
        error=refused.detail if refused else None,
    )


@router.get("/applications", response_class=HTMLResponse)
def applications(request: Request, principal: CurrentPrincipalDep, session: SessionDep) -> Response:
    """Applications: the secretariat sees and decides all, an officer follows their own."""
    return _applications_page(request, principal, session)


@router.get("/applications/{application_id}", response_class=HTMLResponse)
def application_page(
    request: Request, application_id: RowId, principal: CurrentPrincipalDep, session: SessionDep
) -> Response:
    """One application: what was asked, where it stands, and every step with who took it."""
    return _application_page(request, principal, session, application_id)


def _application_page(
    request: Request,
    principal: Principal,
    session: SessionDep,
    application_id: int,
    refused: OpenITUError | None = None,
) -> Response:
    """One application's page, with the refusal of the step just asked for, if refused."""
    found, history = usecases.application(
        session, principal=principal, application_id=application_id
    )
    return render_form(
        request,
        "numbering/application.html",
        status_code=refused.status if refused else 200,
        application=found.as_dict(),
        history=[event.as_dict() for event in history],
        actions=actions_for(principal, found),
        country=name_of(found.applicant),
        error=refused.detail if refused else None,
    )


@router.post(
    "/applications/{application_id}/{action}",
    response_class=HTMLResponse,
    dependencies=[csrf_protected],
)
def application_step(
    request: Request,
    application_id: int,
    action: str,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    from_page: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """One step of the workflow from a button; the answer, or the refusal, comes back on
    the page the button was on (the list, or the application's own page)."""
    on_its_page = from_page == "application"

    def refused(exc: OpenITUError) -> Response:
        if on_its_page:
            return _application_page(request, principal, session, application_id, exc)
        return _applications_page(request, principal, session, exc)

    step = usecases.APPLICATION_STEPS.get(action)
    if step is None:
        return refused(NotFound(f"unknown action {action!r}"))
    try:
        with session.begin_nested():  # a refused step leaves nothing behind
            step(session, principal=principal, application_id=application_id)
    except OpenITUError as exc:
        return refused(exc)
    back = f"/numbering/applications/{application_id}" if on_its_page else "/numbering/applications"
    return RedirectResponse(back, status_code=303)


@router.post("/notices", response_class=HTMLResponse, dependencies=[csrf_protected])
def publish(request: Request, principal: CurrentPrincipalDep, session: SessionDep) -> Response:
    """The secretariat publishes the next change notice."""
    try:
        with session.begin_nested():
            usecases.publish_notice(session, principal=principal)
    except OpenITUError as exc:
        return _applications_page(request, principal, session, exc)
    return RedirectResponse("/numbering/notices", status_code=303)
