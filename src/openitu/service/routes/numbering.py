"""`/api/numbering`: lookups (public), applications and change notices (guarded).

Routes are thin: the lookups are openitu.numbering's, the workflow's steps are
openitu.usecases.numbering's (which authorize the principal and write the audit log).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from openitu.errors import InvalidInput
from openitu.numbering import e164, lookups
from openitu.numbering.crosscheck import crosscheck
from openitu.numbering.e212 import validate_mcc
from openitu.numbering.workflow import Application
from openitu.service.auth import CurrentPrincipalDep, public, require, signed_in
from openitu.service.bodies import arguments
from openitu.service.context import AppContext
from openitu.service.deps import ContextDep, SessionDep
from openitu.service.params import RowId
from openitu.store import numbering as store
from openitu.usecases import numbering as usecases

router = APIRouter(prefix="/api/numbering", tags=["numbering"], dependencies=[public])


class ApplicationIn(BaseModel):
    administration: str = Field(
        max_length=8, description="ISO 3166-1 alpha-2 of the applying administration"
    )
    kind: str = Field(max_length=16, description="mnc, shared-mnc, network-ic or ispc")
    code: str = Field(max_length=32, description="e.g. 310-999, 901-99, 882-99, 4-024-0")
    holder: str = Field(max_length=200, description="the operator or network the code is for")
    purpose: str = Field(default="", max_length=2000)
    form_key: str | None = Field(
        default=None,
        max_length=64,
        description="a one-time key (16-64 of A-Z a-z 0-9 - _): the same key sent again by "
        "the same account answers with the application it made, and makes no second one",
    )


class ResolveIn(BaseModel):
    kind: str = Field(max_length=16)
    code: str = Field(max_length=32)


class ReclaimIn(BaseModel):
    kind: str = Field(max_length=16)
    code: str = Field(max_length=32)
    reason: str = Field(max_length=2000)


class NumbersIn(BaseModel):
    numbers: list[str] = Field(max_length=100_000)


def country_resources(session: Session, context: AppContext, iso2: str) -> dict[str, Any]:
    """Every numbering resource a country holds: the register's report, with the codes
    assigned to it here."""
    report = lookups.country_report(context.e212_register(session), iso2)
    report["assignments"] = store.assignments_of(session, country=report["country"])
    return report


@router.get("/search")
def search(
    session: SessionDep,
    context: ContextDep,
    q: Annotated[str, Query(max_length=64, description="+254 722 000000, Kenya, KE, 639, 63902")],
) -> dict[str, Any]:
    """What the search box finds: a number, an IMSI, an MCC, an MCC and MNC, or a country
    by ISO2 code or name (``kind`` says which; ``result`` is its report)."""
    found = lookups.search(context.e212_register(session), q)
    if found["kind"] == "country":
        found["result"] = country_resources(session, context, found["result"]["country"])
    return found


@router.get("/parse")
def parse_number(number: Annotated[str, Query(description="+41 22 730 51 11")]) -> dict[str, Any]:
    """Parse and validate an international number (E.164)."""
    return e164.parse_number(number).as_dict()


@router.post("/validate")
def validate_numbers(body: NumbersIn) -> dict[str, Any]:
    """Country code, region, validity and type of many E.164 numbers (bulk fast path)."""
    result = e164.classify_e164(body.numbers)
    return {
        "country_code": result.country_code.tolist(),
        "region": result.regions(),
        "valid": result.valid.tolist(),
        "number_type": result.type_names(),
    }


@router.get("/imsi/{imsi}")
def decode_imsi(imsi: str, session: SessionDep, context: ContextDep) -> dict[str, Any]:
    """MCC, MNC (2 or 3 digits as the register says), MSIN, operator and country."""
    return lookups.imsi_report(context.e212_register(session), imsi)


@router.get("/mcc/{mcc}")
def mcc(
    mcc: str, session: SessionDep, context: ContextDep, withdrawn: bool = False
) -> dict[str, Any]:
    """The countries an MCC serves and its networks."""
    register = context.e212_register(session)
    return lookups.mcc_report(register, mcc, include_withdrawn=withdrawn)


@router.get("/countries/{iso2}")
def country(iso2: str, session: SessionDep, context: ContextDep) -> dict[str, Any]:
    """Every numbering resource a country holds."""
    return country_resources(session, context, iso2)


@router.get("/country-codes")
def country_codes() -> list[dict[str, Any]]:
    """The E.164 country codes and what they serve."""
    return [
        {"country_code": c.code, "kind": c.kind, "regions": list(c.regions), "service": c.service}
        for c in e164.country_codes().values()
    ]


@router.get("/free")
def free_codes(
    session: SessionDep,
    context: ContextDep,
    plan: Annotated[str, Query(description="an MCC, or 'cc' for E.164 country codes")],
    length: int | None = None,
) -> dict[str, Any]:
    """Codes still free: MNCs under an MCC, or E.164 country codes."""
    if plan == "cc":
        return {"plan": "E.164 country codes", "free": e164.free_country_codes()}
    code = validate_mcc(plan, field="plan")
    if length not in (None, 2, 3):
        raise InvalidInput("length", "an MNC has 2 or 3 digits")
    register = context.e212_register(session)
    return {"plan": f"MCC {code}", "free": register.free_mncs(code, length=length)}


@router.get("/crosscheck")
def crosscheck_report(session: SessionDep, context: ContextDep) -> dict[str, Any]:
    """Where the Bulletin's MCC/MNC register and the MIT mcc-mnc list disagree."""
    return crosscheck(context.e212_register(session))


@router.get("/notices")
def notices(session: SessionDep) -> list[dict[str, Any]]:
    """The published change notices, oldest first."""
    return [n.as_dict() for n in store.list_notices(session)]


@router.get("/notices/{number}")
def notice(number: RowId, session: SessionDep) -> dict[str, Any]:
    return store.get_notice(session, number).as_dict()


@router.post("/notices", status_code=201, dependencies=[require("numbering.administer")])
def publish_notice(principal: CurrentPrincipalDep, session: SessionDep) -> dict[str, Any]:
    """Publish every assignment and withdrawal since the last notice (the TSB)."""
    return usecases.publish_notice(session, principal=principal).as_dict()


# ------------------------------------------------------------------------ applications


@router.get("/applications", dependencies=[signed_in])
def applications(
    principal: CurrentPrincipalDep, session: SessionDep, status: str | None = None
) -> list[dict[str, Any]]:
    """The secretariat sees every application; an officer their administration's."""
    return [a.as_dict() for a in usecases.applications(session, principal=principal, status=status)]


@router.post("/applications", status_code=201, dependencies=[require("numbering.apply")])
def apply(
    body: ApplicationIn, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """An administration applies for a resource."""
    return usecases.submit_application(session, principal=principal, **arguments(body)).as_dict()


@router.get("/applications/{application_id}", dependencies=[signed_in])
def application(
    application_id: RowId, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """An application and its dated history."""
    found, history = usecases.application(
        session, principal=principal, application_id=application_id
    )
    return {**found.as_dict(), "history": [e.as_dict() for e in history]}


_TSB = [require("numbering.administer")]
Step = Callable[..., Application]


def _step_route(action: str, step: Step, right: str, doc: str | None = None) -> None:
    """``POST /applications/{id}/<action>``: one step of the workflow, by its use case."""

    def route(
        application_id: RowId, principal: CurrentPrincipalDep, session: SessionDep
    ) -> dict[str, Any]:
        return step(session, principal=principal, application_id=application_id).as_dict()

    route.__name__ = route.__qualname__ = action
    route.__doc__ = doc
    router.post(f"/applications/{{application_id}}/{action}", dependencies=[require(right)])(route)


for _action, _step in (
    ("check", usecases.check_application),
    ("reserve", usecases.reserve),
    ("assign", usecases.assign),
    ("reclaim", usecases.reclaim),
):
    _step_route(_action, _step, "numbering.administer")


@router.post("/resolve", dependencies=_TSB)
def resolve(
    body: ResolveIn, principal: CurrentPrincipalDep, session: SessionDep
) -> list[dict[str, Any]]:
    """Decide every pending application for one code by date of receipt, atomically."""
    return [
        a.as_dict()
        for a in usecases.resolve(session, principal=principal, kind=body.kind, code=body.code)
    ]


_step_route(
    "return",
    usecases.return_code,
    "numbering.withdraw",
    "The holder's administration gives its code back.",
)
_step_route(
    "withdraw",
    usecases.withdraw_application,
    "numbering.withdraw",
    "The applicant withdraws an application still pending.",
)
