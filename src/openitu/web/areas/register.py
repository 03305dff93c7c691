"""/register: search the register, notify a notice (with inline errors), import the FCC's
ULS microwave licences, a notice's status, finding, history and map, and the circulars
(thin: the work is in usecases.register)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openitu.accounts import Principal, Role, authorize
from openitu.errors import InvalidInput, NotFound, OpenITUError
from openitu.register import fcc_uls
from openitu.register.circular import print_csv
from openitu.register.contour import borders_within
from openitu.register.examination import REQUIRED_ITEMS
from openitu.register.notice import POLARIZATIONS, STATION_CLASSES, notices_in_text
from openitu.register.status import OPEN, Status
from openitu.service.auth import CurrentPrincipalDep, csrf_protected, public
from openitu.service.deps import ContextDep, SessionDep
from openitu.service.routes.register import terrain_of
from openitu.units import parse_frequency_hz
from openitu.usecases import register as usecases
from openitu.web.pages import render, render_error, render_form, uploaded_text

router = APIRouter(prefix="/register", include_in_schema=False, dependencies=[public])

SEARCH_FIELDS = ("administration", "low", "high", "near", "radius_km", "service", "status",
                 "received_from", "received_to")  # fmt: skip
NOTICE_FIELDS = (
    "reference", "service", "station_class", "frequency", "emission", "tx.lat_deg",
    "tx.lon_deg", "tx.antenna_height_m", "tx.eirp_dbw", "tx.gain_dbi", "tx.azimuth_deg",
    "tx.polarization", "rx.lat_deg", "rx.lon_deg", "rx.antenna_height_m", "rx.gain_dbi",
    "date_of_bringing_into_use", "agreements", "request_4_4",
)  # fmt: skip


def _error_id(field: str) -> str:
    return field.replace(".", "-").replace("[", "-").replace("]", "")


def _day(form: dict[str, str], name: str) -> date | None:
    text = form[name].strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(name, f"expected a day such as 2026-12-07, got {text!r}") from None


@router.get("", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep) -> Response:
    """The register: search by administration, band, area, service and status."""
    form = {name: request.query_params.get(name, "") for name in SEARCH_FIELDS}
    errors: dict[str, str] = {}
    results: list[dict[str, Any]] | None = None
    if any(form.values()):
        try:
            radius = form["radius_km"].strip()
            try:
                radius_km = float(radius) if radius else None
            except ValueError:
                raise InvalidInput("radius_km", f"{radius!r} is not a number of km") from None
            query = usecases.search_query(
                administration=form["administration"] or None, low=form["low"] or None,
                high=form["high"] or None, near=form["near"] or None, radius_km=radius_km,
                service=form["service"] or None, status=form["status"] or None,
                received_from=_day(form, "received_from"), received_to=_day(form, "received_to"),
            )  # fmt: skip
            results = usecases.search(session, query)
        except InvalidInput as exc:
            errors[exc.field if exc.field in form else "form"] = exc.reason
    return render(
        request, "register/index.html", status_code=422 if errors else 200, form=form,
        errors=errors, results=results, statuses=[s.value for s in Status],
    )  # fmt: skip


def _notify_page(
    request: Request,
    principal: Principal,
    *,
    form: dict[str, str],
    errors: dict[str, str],
    accepted: dict[str, Any] | None = None,
    batch: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    return render_form(
        request, "register/notify.html", status_code=status_code, principal=principal,
        form=form, errors={_error_id(k): v for k, v in errors.items()}, accepted=accepted,
        batch=batch, classes=STATION_CLASSES, polarizations=sorted(POLARIZATIONS),
        required=REQUIRED_ITEMS, may_import=_may_import(principal),
    )  # fmt: skip


@router.get("/notify", response_class=HTMLResponse)
def notify_form(request: Request, principal: CurrentPrincipalDep) -> Response:
    """The notice form (notifying officers, for their own administration)."""
    form = dict.fromkeys(NOTICE_FIELDS, "")
    return _notify_page(request, principal, form=form, errors={})


def _notice_from(form: dict[str, str], administration: str) -> dict[str, Any]:
    """The form as a notice document; the frequency may carry its unit ("6175 MHz")."""
    notice: dict[str, Any] = {"administration": administration, "tx": {}, "rx": {}}
    for name, value in form.items():
        if not value.strip() or name in ("frequency", "agreements", "request_4_4"):
            continue
        group, _, leaf = name.partition(".")
        if leaf:
            notice[group][leaf] = value
        else:
            notice[name] = value
    if form["frequency"].strip():
        notice["frequency_hz"] = parse_frequency_hz(form["frequency"], field="frequency")
    if not notice["rx"]:
        del notice["rx"]
    notice["agreements"] = form["agreements"].replace(",", " ").split()
    notice["request_4_4"] = form["request_4_4"] == "on"
    return notice


@router.post("/notify", response_class=HTMLResponse, dependencies=[csrf_protected])
async def notify(request: Request, principal: CurrentPrincipalDep, session: SessionDep) -> Response:
    """Notify one notice; a bad field comes back inline, next to what was typed."""
    submitted = await request.form()
    form = {name: str(submitted.get(name, ""))[:200] for name in NOTICE_FIELDS}
    if not principal.signed_in or principal.administration is None:
        errors = {"form": "sign in as a notifying officer of an administration to notify"}
        return _notify_page(request, principal, form=form, errors=errors, status_code=403)
    try:
        notice = _notice_from(form, principal.administration)
        accepted = usecases.notify_one(session, principal=principal, notice=notice)
    except InvalidInput as exc:
        # The form's names: a frequency with its unit, one box for every agreement.
        field = "frequency" if exc.field == "frequency_hz" else exc.field.split("[")[0]
        known = field in form
        errors = {field if known else "form": exc.reason if known else exc.detail}
        return _notify_page(request, principal, form=form, errors=errors, status_code=422)
    except OpenITUError as exc:
        errors = {"form": exc.detail}
        return _notify_page(request, principal, form=form, errors=errors, status_code=exc.status)
    return _notify_page(request, principal, form=form, errors={},
                        accepted=accepted.as_dict(), status_code=201)  # fmt: skip


@router.post("/notify/file", response_class=HTMLResponse, dependencies=[csrf_protected])
async def notify_file(
    request: Request,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    """Notify a file of notices (JSON, or CSV with dotted column names such as
    ``tx.lat_deg``): each row accepted with its date of receipt, or named with its field and
    reason; the good rows are kept either way."""
    form = dict.fromkeys(NOTICE_FIELDS, "")
    if not principal.signed_in or principal.administration is None:
        errors = {"file": "sign in as a notifying officer of an administration to notify"}
        return _notify_page(request, principal, form=form, errors=errors, status_code=403)
    try:
        text = await uploaded_text(file, missing="choose a file of notices (JSON or CSV)")
        name = file.filename or ""
        notices = [
            # A row without an administration is the officer's own, as on the form.
            {"administration": principal.administration, **n} if isinstance(n, dict) else n
            for n in notices_in_text(text, csv_file=name.lower().endswith(".csv"))
        ]
        outcome = usecases.notify(session, principal=principal, notices=notices)
    except InvalidInput as exc:
        errors = {"file": exc.reason if exc.field == "file" else exc.detail}
        return _notify_page(request, principal, form=form, errors=errors, status_code=422)
    except OpenITUError as exc:
        return _notify_page(request, principal, form=form, errors={"file": exc.detail},
                            status_code=exc.status)  # fmt: skip
    batch = outcome.as_dict() | {"filename": file.filename}
    return _notify_page(request, principal, form=form, errors={}, batch=batch,
                        status_code=201 if outcome.accepted else 422)  # fmt: skip


def _may_import(principal: Principal) -> bool:
    """Whether the pages offer the ULS import: every notice it makes is the United
    States', so only their officers (the use case decides, this only hides a form that
    would be refused)."""
    return principal.can("notices.submit", administration=fcc_uls.ADMINISTRATION)


def _import_page(
    request: Request,
    principal: Principal,
    *,
    errors: dict[str, str],
    outcome: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    return render_form(
        request, "register/import_fcc.html", status_code=status_code, principal=principal,
        errors=errors, outcome=outcome, may_import=_may_import(principal),
    )  # fmt: skip


@router.get("/imports/fcc", response_class=HTMLResponse)
def import_fcc_form(request: Request, principal: CurrentPrincipalDep) -> Response:
    """The FCC ULS import's form (the United States' notifying officers)."""
    return _import_page(request, principal, errors={})


@router.post("/imports/fcc", response_class=HTMLResponse, dependencies=[csrf_protected])
def import_fcc(
    request: Request,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    files: Annotated[list[UploadFile] | None, File()] = None,
) -> Response:
    """Notify the FCC ULS files sent (daily zip files or the .dat tables of one) as the
    United States' notices: the FR rows read, each accepted (linked) or rejected with its
    file, row, field and reason; a file that cannot be read at all is named next to the
    file box."""
    try:
        # Before any file is read: whoever may not import is refused whatever was sent.
        authorize(principal, "notices.submit", administration=fcc_uls.ADMINISTRATION)
        # FastAPI drops the empty part a browser sends when no file was chosen.
        if not files:
            raise InvalidInput("files", "choose one or more ULS files (l_mw_*.zip or .dat)")
        imports = fcc_uls.read_files((upload.filename or "", upload.file) for upload in files)
        outcome = usecases.import_uls(session, principal=principal, imports=imports)
    except InvalidInput as exc:
        errors = {"files": exc.reason if exc.field == "files" else exc.detail}
        return _import_page(request, principal, errors=errors, status_code=422)
    except OpenITUError as exc:
        return _import_page(request, principal, errors={"form": exc.detail},
                            status_code=exc.status)  # fmt: skip
    return _import_page(request, principal, errors={}, outcome=outcome,
                        status_code=201 if outcome["accepted"] else 422)  # fmt: skip


def _actions(principal: Principal, notice: dict[str, Any]) -> list[str]:
    status = notice["status"]
    if principal.role is Role.SECRETARIAT:
        return {"received": ["examine"], "examined": ["examine", "record", "return"]}.get(
            status, []
        )
    if principal.administration == notice["administration"] and status in (
        "received", "examined", "returned", "recorded",
    ):  # fmt: skip
        return ["withdraw"]
    return []


def _map(
    notice: dict[str, Any], others: list[dict[str, Any]], contour: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A small SVG map of the stations: the transmitter, the receiver of a fixed link, the
    recorded assignments the examination found affected (their transmitters), and the
    coordination contour with the countries' borders around it."""
    tx = notice["notice"]["tx"]
    rx = notice["notice"]["rx"]
    points = [("tx", tx["lat_deg"], tx["lon_deg"])]
    if rx:
        points.append(("rx", rx["lat_deg"], rx["lon_deg"]))
    ring = [(p["lat_deg"], p["lon_deg"]) for p in contour["points"]] if contour else []
    lats = [p[1] for p in points] + [o["lat_deg"] for o in others] + [p[0] for p in ring]
    lons = [p[2] for p in points] + [o["lon_deg"] for o in others] + [p[1] for p in ring]
    pad = max(0.05, (max(lats) - min(lats)) * 0.25, (max(lons) - min(lons)) * 0.25)
    south, north = min(lats) - pad, max(lats) + pad
    west, east = min(lons) - pad, max(lons) + pad
    width, height = 320.0, 240.0
    if ring:  # the same scale both ways, so that a circular contour looks circular
        coslat = max(math.cos(math.radians((south + north) / 2)), 0.05)
        across, down = (east - west) * coslat, north - south
        if across / down < width / height:
            grow = (down * width / height / coslat - (east - west)) / 2
            west, east = west - grow, east + grow
        else:
            grow = (across * height / width - down) / 2
            south, north = south - grow, north + grow

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (
            round((lon - west) / (east - west) * width, 1),
            round((north - lat) / (north - south) * height, 1),
        )

    return {
        "width": width, "height": height,
        "points": [{"name": n, "lat": la, "lon": lo, "xy": xy(la, lo)} for n, la, lo in points],
        "others": [{"id": o["notice_id"], "administration": o["administration"],
                    "xy": xy(o["lat_deg"], o["lon_deg"])} for o in others],
        "box": {"south": round(south, 3), "north": round(north, 3), "west": round(west, 3),
                "east": round(east, 3)},
        "contour": " ".join(f"{x},{y}" for x, y in (xy(la, lo) for la, lo in ring)),
        "borders": [] if not ring else [
            {"administration": code,
             "points": " ".join(f"{x},{y}" for x, y in (xy(la, lo) for lo, la in line))}
            for code, line in borders_within(south, north, west, east)
        ],
    }  # fmt: skip


def _may_agree(principal: Principal, notice: dict[str, Any]) -> bool:
    """Whether the page offers to record an agreement: the notifying administration's
    own officer, while the notice is open (the use case decides, this only hides a form
    that would be refused)."""
    return Status(notice["status"]) in OPEN and principal.can(
        "notices.modify", administration=notice["administration"]
    )


def _may_refuse(principal: Principal, notice: dict[str, Any], coordination: dict[str, Any]) -> bool:
    """Whether the page offers the principal's own administration a refusal: an officer
    of an administration the examination asked to coordinate, while the notice is open
    (the use case decides, this only hides a form that would be refused)."""
    own = principal.administration
    asked = {row["administration"] for row in coordination["administrations"]}
    return (
        own is not None
        and own in asked
        and Status(notice["status"]) in OPEN
        and principal.can("notices.modify", administration=own)
    )


def _notice_page(
    request: Request,
    principal: Principal,
    session: Any,
    notice_id: int,
    refused: OpenITUError | None = None,
    agreement: str = "",
    refusal_reason: str | None = None,
) -> Response:
    """A notice's page, and the refusal of the step just asked for, if it was refused (a
    bad agreement's administration next to its box; ``refusal_reason`` set when the step
    was a coordination refusal, whose errors go next to its reason box)."""
    try:
        notice = usecases.show(session, notice_id=notice_id)
    except NotFound as exc:
        return render_error(request, status=404, title="Not found", detail=exc.detail)
    others = usecases.affected_by(session, notice_id=notice_id)
    contour = usecases.contour(session, notice_id=notice_id)
    coordination = usecases.coordination_state(session, notice_id=notice_id)
    invalid = refused if isinstance(refused, InvalidInput) else None
    is_refusal = refusal_reason is not None
    field_error = (
        invalid.reason
        if invalid is not None and invalid.field == "administration" and not is_refusal
        else None
    )
    reason_error = invalid.reason if invalid is not None and is_refusal else None
    return render_form(
        request, "register/notice.html", status_code=refused.status if refused else 200,
        notice=notice, actions=_actions(principal, notice), contour=contour,
        map=_map(notice, others, contour if contour["drawn"] else None),
        coordination=coordination,
        circulars=usecases.circulars_naming(session, notice_id=notice_id),
        may_agree=_may_agree(principal, notice), agreement=agreement,
        agreement_error=field_error,
        may_refuse=_may_refuse(principal, notice, coordination),
        refusal_reason=refusal_reason or "",
        refusal_error=reason_error,
        error=refused.detail if refused and field_error is None and reason_error is None
        else None,
    )  # fmt: skip


@router.get("/notices/{notice_id}", response_class=HTMLResponse)
def notice_page(
    request: Request, notice_id: int, principal: CurrentPrincipalDep, session: SessionDep
) -> Response:
    """A notice: its status, finding, history and map."""
    return _notice_page(request, principal, session, notice_id)


@router.post(
    "/notices/{notice_id}/{step}", response_class=HTMLResponse, dependencies=[csrf_protected]
)
def notice_step(
    request: Request,
    notice_id: int,
    step: str,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    context: ContextDep,
    administration: Annotated[str, Form(max_length=100)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """A step on a notice, then back to its page: the secretariat's examine/record/return,
    the administration's withdraw, the agreements the notifying administration records
    and the refusals of an administration asked to coordinate (with its reason)."""
    steps: dict[str, Callable[[], object]] = {
        "examine": lambda: usecases.examine(
            session, principal=principal, notice_id=notice_id,
            table_on=lambda day: context.allocation_table(on=day), terrain=terrain_of(context),
        ),
        "record": lambda: usecases.record(session, principal=principal, notice_id=notice_id),
        "return": lambda: usecases.return_notice(
            session, principal=principal, notice_id=notice_id
        ),
        "withdraw": lambda: usecases.withdraw(
            session, principal=principal, notice_id=notice_id, reason=reason
        ),
        "agreements": lambda: usecases.record_agreement(
            session, principal=principal, notice_id=notice_id, administration=administration
        ),
        "refusals": lambda: usecases.record_refusal(
            session, principal=principal, notice_id=notice_id,
            administration=principal.administration or "", reason=reason,
        ),
    }  # fmt: skip
    if step not in steps:
        return render_error(request, status=404, title="Not found", detail="no such step")
    try:
        steps[step]()
    except OpenITUError as exc:
        # A coordination step's error goes next to its own box, with what was typed.
        return _notice_page(
            request, principal, session, notice_id, exc,
            agreement=administration if step == "agreements" else "",
            refusal_reason=reason if step == "refusals" else None,
        )  # fmt: skip
    anchor = "#coordination" if step in ("agreements", "refusals") else ""
    return RedirectResponse(f"/register/notices/{notice_id}{anchor}", status_code=303)


def _circulars_page(
    request: Request, principal: Principal, session: Any, refused: OpenITUError | None = None
) -> Response:
    """The circulars, and the refusal to publish the next one, if it was refused."""
    return render_form(
        request, "register/circulars.html", status_code=refused.status if refused else 200,
        circulars=usecases.list_circulars(session), error=refused.detail if refused else None,
        may_publish=principal.can("findings.record"),
    )  # fmt: skip


@router.get("/circulars", response_class=HTMLResponse)
def circulars_page(
    request: Request, principal: CurrentPrincipalDep, session: SessionDep
) -> Response:
    """The published circulars (and, for the secretariat, the button that publishes)."""
    return _circulars_page(request, principal, session)


@router.post("/circulars", response_class=HTMLResponse, dependencies=[csrf_protected])
def publish(
    request: Request, principal: CurrentPrincipalDep, session: SessionDep, context: ContextDep
) -> Response:
    """Publish the next circular (the secretariat)."""
    try:
        document = usecases.publish_circular(
            session, principal=principal, period_days=context.settings.register_circular_days
        )
    except OpenITUError as exc:
        return _circulars_page(request, principal, session, exc)
    return RedirectResponse(f"/register/circulars/{document['number']}", status_code=303)


@router.get("/circulars/{number}", response_class=HTMLResponse)
def circular_page(
    request: Request,
    number: int,
    session: SessionDep,
    context: ContextDep,
    format: Annotated[str, Query(pattern="^(html|csv)$")] = "html",
) -> Response:
    """A circular laid out for print (each Part a table with the BR IFIC's columns), or
    ``?format=csv``: Part I received, Part II recorded, Part III returned."""
    try:
        document = usecases.circular_for_print(
            session, number=number, period_days=context.settings.register_circular_days
        )
    except NotFound as exc:
        return render_error(request, status=404, title="Not found", detail=exc.detail)
    if format == "csv":
        return Response(
            print_csv(document["rows"]),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="circular-{number}.csv"'},
        )
    return render(request, "register/circular.html", circular=document)
