"""`openitu space ...`: Article 21 pfd limits, the Appendix 5 arc, Appendix 8 ΔT/T, and
satellite network filings (add, steps, time limits, affected networks).

Reads answer anyone. Writes act as one principal, audited like the service's: the
account of an API token (``--token-stdin``, else ``OPENITU_API_TOKEN``), or without one
whoever runs the CLI against the database (trusted, as for ``openitu users``): as the
notifying officer ``cli:<user>`` of the filing's administration for the filing's own
steps, as the secretariat for recording and examination.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from openitu.accounts import Principal
from openitu.cli.acting import acting, officer_of
from openitu.cli.common import context, emit, parse_day, read_cases
from openitu.cli.options import JsonFlag, token_help
from openitu.errors import InvalidInput
from openitu.space import queries
from openitu.store import space as repository
from openitu.usecases import space as usecases

NAME = "space"
app = typer.Typer(
    help="Satellite networks, the GSO arc, Appendix 5/8 coordination, Article 21 pfd limits.",
    no_args_is_help=True,
)
networks_app = typer.Typer(help="Satellite network filings.", no_args_is_help=True)
app.add_typer(networks_app, name="networks")

OperatorToken = Annotated[
    bool,
    typer.Option("--token-stdin", help=token_help("as the operator, see `openitu space --help`")),
]
"""``--token-stdin`` for the writes that act as the operator without a token."""


def _day(text: str | None, field: str) -> date:
    """The day given, else today."""
    return date.today() if text is None else parse_day(text, field)


def _acting(from_stdin: bool, *, administration: str | None) -> Principal:
    """The token's account, else the operator: an officer of ``administration`` when the
    action is the filing administration's, else the secretariat."""
    return acting(
        from_stdin, otherwise=officer_of(administration) if administration is not None else None
    )


@app.command("pfd-limit")
def pfd_limit(
    frequency: str = typer.Option(..., "--frequency", help="e.g. 4GHz, 11700 MHz, Hz"),
    angle: float = typer.Option(..., "--angle", help="Angle of arrival above the horizontal (deg)"),
    orbit: str = typer.Option("gso", "--orbit", help="gso or ngso"),
    as_json: JsonFlag = False,
) -> None:
    """RR Article 21, Table 21-4: the pfd limit at an angle of arrival."""
    document = queries.pfd_limit(frequency, angle, orbit)
    emit(document, as_json, f"{document['limit_dbw_m2']:g} dB(W/m²) in "
          f"{document['reference_bandwidth_hz']:g} Hz ({document['provision']})")  # fmt: skip


@app.command("arc")
def coordination_arc(
    frequency: str = typer.Option(..., "--frequency", help="e.g. 12GHz"),
    service: str = typer.Option(
        ..., "--service", help="RR Article 1 service, e.g. fixed-satellite"
    ),
    region: int | None = typer.Option(None, "--region", help="ITU Region 1, 2 or 3"),
    as_json: JsonFlag = False,
) -> None:
    """RR Appendix 5, Table 5-1 (No. 9.7): the coordination arc for a band and service."""
    document = queries.coordination_arc(frequency, service, region)
    width = document["coordination_arc_deg"]
    emit(document, as_json,
          f"±{width:g}° ({document['provision']})" if width is not None
          else f"no arc: ΔT/T > 6 % decides ({document['provision']})")  # fmt: skip


@app.command("dtt")
def dtt_command(
    case_file: Path = typer.Argument(..., help="JSON: one case or a list (terms or two networks)"),
    as_json: JsonFlag = False,
) -> None:
    """RR Appendix 8: ΔT/T from the terms, or from two networks' geometry."""
    cases, many = read_cases(case_file)
    results = [queries.dtt_case(case) for case in cases]
    document: Any = results if many else results[0]
    lines = [
        f"ΔT/T {r['dt_t_percent']:.3f} %  coordination "
        + ("required" if r["coordination_required"] else "not required")
        for r in results
    ]
    emit(document, as_json, "\n".join(lines))


@app.command("visibility")
def visibility(
    longitude: float = typer.Option(..., "--longitude", help="GSO nominal longitude (deg east)"),
    lat: float = typer.Option(..., "--lat", help="Place latitude (deg)"),
    lon: float = typer.Option(..., "--lon", help="Place longitude (deg east)"),
    as_json: JsonFlag = False,
) -> None:
    """Elevation, azimuth and range of a GSO position from a place, and whether it is seen."""
    document = queries.visibility(longitude, lat, lon)
    emit(document, as_json, f"elevation {document['elevation_deg']:.2f}°, azimuth "
          f"{document['azimuth_deg']:.2f}°, {document['range_km']:.0f} km"
          + ("" if document["visible"] else " (below the horizon)"))  # fmt: skip


@app.command("pfd-check")
def pfd_check(
    case_file: Path = typer.Argument(
        ...,
        help="JSON: longitude_deg, frequency, eirp_density_dbw_hz, points [{lat_deg, lon_deg}]; "
        "optionally the antenna: half_beamwidth_deg with gain_dbi, near_in_sidelobe_db, "
        "boresight_lat_deg and boresight_lon_deg",
    ),
    as_json: JsonFlag = False,
) -> None:
    """A GSO space station's pfd over points of its service area against Table 21-4."""
    cases, many = read_cases(case_file)
    results = [queries.pfd_check(case) for case in cases]
    document: Any = results if many else results[0]
    emit(document, as_json, "\n".join(
        f"{'complies' if r['complies'] else 'EXCEEDS'}: worst margin {r['worst_margin_db']} dB "
        f"over {r['points']} points" for r in results))  # fmt: skip


@networks_app.command("add")
def networks_add(
    file: Path = typer.Argument(..., help="A network's JSON document"),
    date_of_receipt: str | None = typer.Option(None, "--date-of-receipt", help="YYYY-MM-DD"),
    first_step: str = typer.Option("coordination_request", "--first-step"),
    token_stdin: OperatorToken = False,
    as_json: JsonFlag = False,
) -> None:
    """File a satellite network (its coordination request, or advance publication)."""
    cases, many = read_cases(file, field="file")
    if many:
        raise InvalidInput("file", "one network per file")
    document = cases[0]
    administration = document.get("administration")
    principal = _acting(
        token_stdin, administration=administration if isinstance(administration, str) else "--"
    )
    received = _day(date_of_receipt, "date_of_receipt")
    with context().sessions() as session, session.begin():
        result = usecases.submit_network(
            session,
            principal=principal,
            document=document,
            date_of_receipt=received,
            first_step=first_step,
        )
    emit(result, as_json, f"network {result['network_id']}: {result['status']}")


@networks_app.command("list")
def networks_list(
    source: str | None = typer.Option(None, "--source", help="filing or ucs-2023"),
    administration: str | None = typer.Option(None, "--administration"),
    as_json: JsonFlag = False,
) -> None:
    """Networks on the arc: filings, and the catalogue's satellites."""
    with context().sessions() as session:
        rows = [n.as_dict() for n in repository.list_networks(
            session, source=source, administration=administration)]  # fmt: skip
    emit(rows, as_json, "\n".join(
        f"{r['network_id']:>6}  {r['longitude_deg'] if r['longitude_deg'] is not None else '-':>8}"
        f"  {r['source']:<9} {r['name']}" for r in rows))  # fmt: skip


@networks_app.command("step")
def networks_step(
    network_id: int = typer.Argument(...),
    step: str = typer.Argument(..., help="notification, recording, bringing_into_use, ..."),
    date_of_receipt: str | None = typer.Option(None, "--date", help="YYYY-MM-DD"),
    informed_on: str | None = typer.Option(None, "--informed-on", help="YYYY-MM-DD (suspension)"),
    token_stdin: OperatorToken = False,
    as_json: JsonFlag = False,
) -> None:
    """Record a later step of a filing."""
    with context().sessions() as session:
        row = repository.get_row(session, network_id)
        administration = row.administration
    secretariat = step.strip().lower() == "recording"
    principal = _acting(token_stdin, administration=None if secretariat else administration)
    with context().sessions() as session, session.begin():
        result = usecases.record_step(
            session, principal=principal, network_id=network_id, step=step,
            date_of_receipt=_day(date_of_receipt, "date"),
            informed_on=None if informed_on is None else _day(informed_on, "informed_on"),
        )  # fmt: skip
    emit(result, as_json, f"network {network_id}: {result['status']}")


@app.command("affected")
def affected(network_id: int = typer.Argument(...), as_json: JsonFlag = False) -> None:
    """The networks and administrations a network's coordination request affects."""
    with context().sessions() as session:
        document = usecases.affected(session, network_id=network_id)
    emit(document, as_json, "\n".join(
        [f"{document['pairs_evaluated']} pairs of beams evaluated"] + [
            f"{n['network_id']:>6} {n['administration']} {n['name']}: {n['criterion']} "
            f"separation {n['separation_deg']:g}° ΔT/T {n['dt_t_percent']:g} %"
            for n in document["networks"]]))  # fmt: skip


def _ngso_lines(document: dict[str, Any]) -> str:
    return "\n".join(
        [f"{document['satellites']} satellites from {document['place']['lat_deg']:g}°, "
         f"{document['place']['lon_deg']:g}° over {document['hours']:g} h from {document['from']}"]
        + [f"{w['satellite']:<24} {w['rise']} -> {w['set']}  max {w['max_elevation_deg']:.1f}° "
           f"at {w['max_at']}" for w in document.get("windows", [])]
        + [f"{b['beam']}: " + ("complies" if b["complies"] else "EXCEEDS" if b["complies"]
                               is False else b.get("note", "")) + (
            f", worst margin {b['worst']['margin_db']} dB at {b['worst']['at']} "
            f"({b['worst']['satellite']})" if b.get("worst") else "")
           for b in document.get("beams", [])]
        + [f"{b['beam']}: all satellites summed, max {a['max_dbw_m2']} dB(W/m²) at "
           f"{a['max_at']} ({a['visible_then']} visible); screen margin "
           f"{a['worst_screen_margin_db']} dB"
           for b in document.get("beams", []) if (a := b.get("aggregate"))])  # fmt: skip


LatOption = typer.Option(..., "--lat", help="Place latitude (deg, north positive)")
LonOption = typer.Option(..., "--lon", help="Place longitude (deg, east positive)")
FromOption = typer.Option(
    None, "--from", help="Start, ISO 8601 (e.g. 2026-03-01T06:00Z; UTC if no offset; default now)"
)
HoursOption = typer.Option(24.0, "--hours", help="Length of the span (hours, at most 336)")
StepOption = typer.Option(30.0, "--step-s", help="Sampling step (seconds, 1-3600)")


@app.command("passes")
def passes(
    network_id: int = typer.Argument(..., help="A filed non-GSO network's id"),
    lat: float = LatOption,
    lon: float = LonOption,
    start: str | None = FromOption,
    hours: float = HoursOption,
    min_elevation: float = typer.Option(
        0.0, "--min-elevation-deg", help="Minimum elevation of a window (deg above horizontal)"
    ),
    step_s: float = StepOption,
    as_json: JsonFlag = False,
) -> None:
    """When each satellite of a non-GSO network is seen from a place (visibility windows)."""
    with context().sessions() as session:
        document = usecases.passes(session, network_id=network_id, lat_deg=lat, lon_deg=lon,
                                   start=start, hours=hours, min_elevation_deg=min_elevation,
                                   step_s=step_s)  # fmt: skip
    emit(document, as_json, _ngso_lines(document))


@app.command("ngso-pfd")
def ngso_pfd(
    network_id: int = typer.Argument(..., help="A filed non-GSO network's id"),
    lat: float = LatOption,
    lon: float = LonOption,
    start: str | None = FromOption,
    hours: float = HoursOption,
    step_s: float = StepOption,
    as_json: JsonFlag = False,
) -> None:
    """A non-GSO network's pfd at a place over time against Table 21-4 (worst excess, when)."""
    with context().sessions() as session:
        document = usecases.ngso_pfd(session, network_id=network_id, lat_deg=lat, lon_deg=lon,
                                     start=start, hours=hours, step_s=step_s)  # fmt: skip
    emit(document, as_json, _ngso_lines(document))


@app.command("deadlines")
def deadlines(
    network_id: int = typer.Argument(...),
    as_of: str | None = typer.Option(None, "--as-of", help="YYYY-MM-DD (default today)"),
    as_json: JsonFlag = False,
) -> None:
    """The regulatory dates of a filing and what lapses when."""
    with context().sessions() as session:
        document = usecases.deadlines(session, network_id=network_id, as_of=_day(as_of, "as_of"))
    emit(document, as_json, json.dumps(document["deadlines"], indent=2))
