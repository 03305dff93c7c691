"""Load the numbering registers: E.164 country codes, E.212 MCC/MNC, SANCs and ISPCs.

Idempotent: a dataset's rows are added only where the register has no row of that kind,
code and source yet, so a second load adds nothing and never disturbs what the workflow
has done since (reservations, assignments, reclamations).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.numbering import e164, signalling, sources
from openitu.numbering.e212 import INTERNATIONAL_MCCS, WITHDRAWN, bulletin_networks
from openitu.numbering.workflow import COUNTRY_CODE, SANC, Kind
from openitu.store import versions
from openitu.store.tables.numbering import NumberingResource


def _country_codes() -> list[dict[str, Any]]:
    rows = []
    for cc in e164.country_codes().values():
        rows.append(
            _row(
                kind=COUNTRY_CODE,
                code=str(cc.code),
                plan="E.164",
                local=str(cc.code),
                holder=cc.service or ", ".join(cc.regions),
                country=cc.regions[0] if cc.regions else None,
                also=",".join(cc.regions[1:]),
                source="phonenumbers metadata",
            )
        )
    return rows


def _networks() -> list[dict[str, Any]]:
    rows = []
    for network in bulletin_networks():
        kind = Kind.SHARED_MNC if network.mcc in INTERNATIONAL_MCCS else Kind.MNC
        rows.append(
            _row(
                kind=kind.value,
                code=f"{network.mcc}-{network.mnc}",
                plan=network.mcc,
                local=network.mnc,
                holder=network.operator,
                country=network.iso2,
                country_name=network.country,
                also=",".join(network.also),
                source=network.source,
                withdrawn=network.status == WITHDRAWN,
            )
        )
    return rows


def _sancs() -> list[dict[str, Any]]:
    return [
        _row(
            kind=SANC,
            code=s.code,
            plan=s.code.split("-")[0],
            local=s.code.split("-")[1],
            holder=s.country,
            country=s.iso2,
            country_name=s.country,
            source=sources.SANC_EDITION,
        )
        for s in signalling.sanc_register().values()
    ]


def _ispcs() -> list[dict[str, Any]]:
    return [
        _row(
            kind=Kind.ISPC.value,
            code=p.code,
            plan=p.sanc,
            local=p.code.rsplit("-", 1)[1],
            holder=f"{p.name} ({p.operator})" if p.operator and p.operator != p.name else p.name,
            country=p.iso2,
            country_name=p.country,
            source=sources.ISPC_EDITION,
        )
        for p in signalling.ispc_register().values()
    ]


def _row(
    *,
    kind: str,
    code: str,
    plan: str,
    local: str,
    holder: str,
    country: str | None,
    source: str,
    country_name: str | None = None,
    also: str = "",
    withdrawn: bool = False,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "code": code,
        "plan": plan,
        "local": local,
        "active_code": None if withdrawn else code,
        "status": WITHDRAWN if withdrawn else "assigned",
        "holder": holder,
        "country": country,
        "country_name": country_name,
        "also": also,
        "source": source,
        "application_id": None,
        "since": None,
        "until": None,
    }


DATASETS = (
    ("E.164 country codes", _country_codes),
    ("E.212 MCC/MNC (OB 1162 and amendments)", _networks),
    ("SANC (OB 1293)", _sancs),
    ("ISPC (OB 1295)", _ispcs),
)


def load(sessions: sessionmaker[Session]) -> Iterator[str]:
    for name, build in DATASETS:
        rows = build()
        kinds = {row["kind"] for row in rows}
        with sessions() as session, session.begin():
            present = {
                (kind, code, source)
                for kind, code, source in session.execute(
                    select(
                        NumberingResource.kind, NumberingResource.code, NumberingResource.source
                    ).where(NumberingResource.kind.in_(kinds))
                )
            }
            missing = [r for r in rows if (r["kind"], r["code"], r["source"]) not in present]
            if missing:
                session.execute(insert(NumberingResource), missing)
                # Every process's cached register is stale now.
                versions.bump(session, "numbering")
        if missing:
            yield f"numbering: {name}: loaded {len(missing)} rows"
        else:
            yield f"numbering: {name}: already loaded ({len(rows)} rows)"
