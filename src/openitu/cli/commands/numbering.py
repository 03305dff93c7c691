"""`openitu numbering ...`: numbers, IMSIs, codes and the resources a country holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from openitu.cli.common import emit, emit_json
from openitu.cli.options import JsonFlag
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
