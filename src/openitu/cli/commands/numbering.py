"""`openitu numbering ...`: numbers, IMSIs, codes and the resources a country holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from openitu.cli.common import emit, emit_json
from openitu.cli.options import JsonFlag, TokenStdin, token_help
from openitu.numbering import e164

if TYPE_CHECKING:
    from openitu.numbering.e212 import E212Register

NAME = "numbering"
app = typer.Typer(
    help="Numbering: E.164 numbers, E.212 IMSIs and codes, signalling codes.", no_args_is_help=True
)


def _register() -> E212Register:
    """The database's register if loaded, else the Bulletin as shipped (no database yet)."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from openitu.cli.common import context
    from openitu.numbering.e212 import bulletin_register
    from openitu.store.numbering import MOBILE_KINDS, e212_register
    from openitu.store.tables.numbering import NumberingResource

    try:
        with context().sessions() as session:
            count = session.scalar(
                select(func.count())
                .select_from(NumberingResource)
                .where(NumberingResource.kind.in_(MOBILE_KINDS))
            )
            if count:
                return e212_register(session)
    except (OperationalError, ProgrammingError):
        pass  # no database yet, or not migrated
    return bulletin_register()


def _assignments(country: str) -> list[dict[str, Any]]:
    """The codes assigned to a country through applications; none without a database."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from openitu.cli.common import context
    from openitu.store.numbering import assignments_of

    try:
        with context().sessions() as session:
            return assignments_of(session, country=country)
    except (OperationalError, ProgrammingError):
        return []


@app.command()
def parse(
    value: str = typer.Argument(..., help="An international number (+41 22 730 51 11) or an IMSI."),
    imsi: bool = typer.Option(False, "--imsi", help="Read VALUE as an IMSI (E.212)."),
    as_json: JsonFlag = False,
) -> None:
    """Parse and validate an international number, or decode an IMSI."""
    if imsi:
        from openitu.numbering import lookups

        document = lookups.imsi_report(_register(), value)
        if as_json:
            emit_json(document)
            return
        typer.echo(
            f"MCC {document['mcc']}  MNC {document['mnc']}  MSIN {document['msin']}  "
            f"{document['operator'] or '(no network in the register)'}  {document['country'] or ''}"
        )
        return
    parsed = e164.parse_number(value)
    if as_json:
        emit_json(parsed.as_dict())
        return
    verdict = "valid" if parsed.valid else "NOT valid"
    typer.echo(
        f"{parsed.international}  {verdict}  +{parsed.country_code} "
        f"{'/'.join(parsed.regions) or parsed.code_kind}  {parsed.number_type}"
    )


@app.command()
def search(
    query: str = typer.Argument(
        ...,
        help="A number (+254 722 000000), an IMSI, an MCC, an MCC and MNC (63902), "
        "or a country by ISO2 code or name (Kenya).",
    ),
    as_json: JsonFlag = False,
) -> None:
    """Find what QUERY names, as the numbering page's search box does."""
    from openitu.numbering import lookups

    found = lookups.search(_register(), query, field="query")
    result = found["result"]
    if found["kind"] == "country":
        result["assignments"] = _assignments(result["country"])
    if as_json:
        emit_json(found)
        return
    typer.echo(f"{found['kind']}: {_summary(found['kind'], result)}")


def _summary(kind: str, result: dict[str, Any]) -> str:
    """One line for what a search found."""
    from openitu.numbering.countries import name_of

    if kind == "number":
        verdict = "valid" if result["valid"] else "NOT valid"
        where = "/".join(result["regions"]) or result["code_kind"]
        return f"{result['formats']['international']}  {verdict}  {where}  {result['number_type']}"
    if kind == "country":
        codes = ", ".join(f"+{c['country_code']}" for c in result["e164"])
        mccs = ", ".join(result["mccs"]) or "-"
        return f"{name_of(result['country'])} ({result['country']}): E.164 {codes}; MCC {mccs}"
    if kind == "mcc":
        return f"MCC {result['mcc']}: {', '.join(result['countries'])}"
    if kind == "network":
        return (
            f"MCC {result['mcc']} MNC {result['mnc']}: {result['operator']} "
            f"({result['country_name']}, {result['status']})"
        )
    return f"MCC {result['mcc']}  MNC {result['mnc']}  {result['operator'] or '-'}"


@app.command()
def mcc(
    code: str = typer.Argument(..., help="A mobile country code, e.g. 310."),
    withdrawn: bool = typer.Option(False, "--withdrawn", help="Also list withdrawn MNCs."),
    as_json: JsonFlag = False,
) -> None:
    """The countries an MCC serves and the networks under it."""
    from openitu.numbering import lookups

    document = lookups.mcc_report(_register(), code, include_withdrawn=withdrawn)
    emit(
        document,
        as_json,
        f"MCC {document['mcc']}: {', '.join(document['countries'])}",
        *(f"  {n['mnc']:>3}  {n['status']:<9}  {n['operator']}" for n in document["networks"]),
    )


@app.command()
def country(
    iso2: str = typer.Argument(..., help="ISO 3166-1 alpha-2 code (IN) or name (India)."),
    as_json: JsonFlag = False,
) -> None:
    """Every numbering resource a country holds: country codes, MCCs, MNCs, SANCs, ISPCs."""
    from openitu.numbering import lookups

    document = lookups.country_report(_register(), lookups.country_named(iso2, field="country"))
    document["assignments"] = _assignments(document["country"])
    if as_json:
        emit_json(document)
        return
    typer.echo(
        f"{document['country']}: E.164 "
        + ", ".join(f"+{c['country_code']}" for c in document["e164"])
    )
    typer.echo(f"  MCC {', '.join(document['mccs']) or '-'}; {len(document['networks'])} MNCs")
    typer.echo(f"  SANC {', '.join(document['sancs']) or '-'}; {len(document['ispcs'])} ISPCs")


@app.command("free")
def free(
    plan: str = typer.Argument(..., help="An MCC (free MNCs) or 'cc' (free E.164 country codes)."),
    length: int = typer.Option(0, help="MNC length (2 or 3); default: the MCC's plan."),
    as_json: JsonFlag = False,
) -> None:
    """Codes still free: MNCs under an MCC, or E.164 country codes."""
    from openitu.errors import InvalidInput
    from openitu.numbering.e212 import validate_mcc

    if plan == "cc":
        document: dict[str, object] = {
            "plan": "E.164 country codes",
            "free": e164.free_country_codes(),
        }
    else:
        register = _register()
        code = validate_mcc(plan, field="plan")
        if length not in (0, 2, 3):
            raise InvalidInput("length", "an MNC has 2 or 3 digits")
        document = {"plan": f"MCC {code}", "free": register.free_mncs(code, length=length or None)}
    if as_json:
        emit_json(document)
    else:
        typer.echo(" ".join(str(c) for c in document["free"]))  # type: ignore[attr-defined]


@app.command("crosscheck")
def crosscheck_command(
    output: Path | None = typer.Option(
        None, "--output", help="Also write the report to this file."
    ),
    as_json: JsonFlag = False,
) -> None:
    """Differences between the Bulletin's MCC/MNC register and the MIT mcc-mnc list."""
    from openitu.numbering.crosscheck import crosscheck

    report = crosscheck(_register())
    if output is not None:
        output.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if as_json:
        emit_json(report)
        return
    for section, count in report["counts"].items():
        typer.echo(f"{section:<45} {count}")


# ------------------------------------------------------------------ applications

applications_app = typer.Typer(
    help="Applications for numbering resources: apply, list, show, decide, publish.",
    no_args_is_help=True,
)
app.add_typer(applications_app, name="applications")

OfficerToken = Annotated[
    bool,
    typer.Option(
        "--token-stdin",
        help=token_help("as a notifying officer of the administration concerned"),
    ),
]
"""``--token-stdin`` for the applicant's own steps (apply, withdraw, return)."""
#: The steps the applicant takes (the others are the secretariat's).
APPLICANT_STEPS = ("withdraw", "return")


def _application_line(application: dict[str, Any]) -> str:
    from openitu.units import moment_text

    return (
        f"{application['id']:>5}  {moment_text(application['received_at'])}  "
        f"{application['applicant']}  {application['kind']:<10} {application['code']:<9} "
        f"{application['status']:<9} {application['holder']}"
    )


@applications_app.command("apply")
def applications_apply(
    administration: str = typer.Option(..., "--administration", help="ISO2 of the applicant"),
    kind: str = typer.Option(..., "--kind", help="mnc, shared-mnc, network-ic or ispc"),
    code: str = typer.Option(..., "--code", help="e.g. 208-99, 901-99, 882-99, 4-024-7"),
    holder: str = typer.Option(..., "--holder", help="The operator or network it is for."),
    purpose: str = typer.Option("", "--purpose"),
    form_key: str | None = typer.Option(
        None, "--form-key", help="A one-time key: the same key again makes no second application."
    ),
    token_stdin: OfficerToken = False,
    as_json: JsonFlag = False,
) -> None:
    """Apply for a numbering resource for an administration."""
    from openitu.cli.acting import acting, officer_of
    from openitu.cli.common import context
    from openitu.numbering.countries import validate_iso2
    from openitu.usecases import numbering as usecases

    applicant = validate_iso2(administration, field="administration")
    principal = acting(token_stdin, otherwise=officer_of(applicant))
    with context().sessions() as session, session.begin():
        created = usecases.submit_application(
            session,
            principal=principal,
            administration=applicant,
            kind=kind,
            code=code,
            holder=holder,
            purpose=purpose,
            form_key=form_key,
        ).as_dict()
    emit(created, as_json, _application_line(created))


@applications_app.command("list")
def applications_list(
    status: str | None = typer.Option(None, "--status", help="received, checked, ..."),
    token_stdin: TokenStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """The applications the account may see (without a token: the secretariat's, all)."""
    from openitu.cli.acting import acting
    from openitu.cli.common import context
    from openitu.usecases import numbering as usecases

    principal = acting(token_stdin)
    with context().sessions() as session:
        listed = [
            a.as_dict() for a in usecases.applications(session, principal=principal, status=status)
        ]
    emit(listed, as_json, *(_application_line(a) for a in listed))


@applications_app.command("show")
def applications_show(
    application_id: int = typer.Argument(..., help="The application's number."),
    token_stdin: TokenStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """An application and its dated history: every step and who took it."""
    from openitu.cli.acting import acting
    from openitu.cli.common import context
    from openitu.units import moment_text
    from openitu.usecases import numbering as usecases

    principal = acting(token_stdin)
    with context().sessions() as session:
        found, history = usecases.application(
            session, principal=principal, application_id=application_id
        )
    document = {**found.as_dict(), "history": [e.as_dict() for e in history]}
    lines = [_application_line(document)]
    if document["purpose"]:
        lines.append(f"  purpose: {document['purpose']}")
    lines += [
        f"  {moment_text(e['at'])}  {e['action']:<8} -> {e['status']:<9} {e['actor']}: "
        f"{e['detail']}"
        for e in document["history"]
    ]
    emit(document, as_json, *lines)


@applications_app.command("step")
def applications_step(
    application_id: int = typer.Argument(..., help="The application's number."),
    action: str = typer.Argument(
        ...,
        help="The secretariat's check, reserve, assign, reclaim; the applicant's withdraw, return.",
    ),
    token_stdin: OfficerToken = False,
    as_json: JsonFlag = False,
) -> None:
    """Take one step of an application (without a token: the secretariat's steps as the
    secretariat, the applicant's as a notifying officer of the applicant)."""
    from openitu.cli.acting import acting, officer_of, secretariat
    from openitu.cli.common import context
    from openitu.errors import InvalidInput
    from openitu.store import numbering as repository
    from openitu.usecases import numbering as usecases

    steps = usecases.APPLICATION_STEPS
    wanted = action.strip().lower()
    if wanted not in steps:
        raise InvalidInput("action", f"one of {', '.join(steps)}, not {action!r}")
    otherwise = secretariat()
    if wanted in APPLICANT_STEPS:
        with context().sessions() as session:
            applicant = repository.get_application(session, application_id).applicant
        otherwise = officer_of(applicant)
    principal = acting(token_stdin, otherwise=otherwise)
    with context().sessions() as session, session.begin():
        done = steps[wanted](session, principal=principal, application_id=application_id)
    document = done.as_dict()
    emit(document, as_json, _application_line(document))


@applications_app.command("resolve")
def applications_resolve(
    kind: str = typer.Option(..., "--kind", help="mnc, shared-mnc, network-ic or ispc"),
    code: str = typer.Option(..., "--code"),
    token_stdin: TokenStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """Decide every pending application for one code by date of receipt, at once."""
    from openitu.cli.acting import acting
    from openitu.cli.common import context
    from openitu.usecases import numbering as usecases

    principal = acting(token_stdin)
    with context().sessions() as session, session.begin():
        decided = [
            a.as_dict()
            for a in usecases.resolve(session, principal=principal, kind=kind, code=code)
        ]
    emit(decided, as_json, *(_application_line(a) for a in decided))


@applications_app.command("publish")
def applications_publish(token_stdin: TokenStdin = False, as_json: JsonFlag = False) -> None:
    """Publish every assignment and withdrawal since the last change notice."""
    from openitu.cli.acting import acting
    from openitu.cli.common import context
    from openitu.usecases import numbering as usecases

    principal = acting(token_stdin)
    with context().sessions() as session, session.begin():
        notice = usecases.publish_notice(session, principal=principal).as_dict()
    emit(
        notice,
        as_json,
        notice["title"],
        *(
            f"  {e['action']}  {e['kind']:<10} {e['code']:<9} {e['holder']}"
            for e in notice["entries"]
        ),
    )
