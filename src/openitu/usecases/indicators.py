"""Use cases of the ICT indicators: reads (a country's figures, the index and its
ranking, the gaps between groups of countries, one indicator across countries) and the
load of newer figures from a file in the ITU's layout (right ``indicators.load``)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, Final

from sqlalchemy.orm import Session

from openitu.accounts.rights import Principal
from openitu.errors import InvalidInput
from openitu.geo.countries import all_countries, country
from openitu.governance.members import member_states
from openitu.indicators import idi
from openitu.indicators.catalogue import BY_CODE, INDICATORS, derived_values, parse_csv
from openitu.store import indicators as repository
from openitu.usecases.write import begin

GROUPINGS: Final = ("region", "development")


def iso2_of_iso3() -> dict[str, str]:
    return {c.iso3: c.iso2 for c in all_countries()}


def country_code(text: str) -> str:
    """ISO2 of a country given by its alpha-2 or alpha-3 code, or `InvalidInput`."""
    code = text.strip().upper()
    if len(code) == 3:
        found = iso2_of_iso3().get(code)
        if found is None:
            raise InvalidInput("country", f"unknown ISO 3166-1 alpha-3 code {text!r}")
        return found
    return country(code).iso2


def indicator_list() -> list[dict[str, Any]]:
    return [
        {"code": i.code, "name": i.name, "unit": i.unit, "itu_codes": list(i.itu_codes)}
        for i in INDICATORS
    ]


def country_profile(session: Session, *, code: str) -> dict[str, Any]:
    """A country's figures (each with year and source) and its index by both methods."""
    iso2 = country_code(code)
    figures = derived_values(repository.of_country(session, iso2)).get(iso2, {})
    known = country(iso2)
    return {
        "country": iso2,
        "iso3": known.iso3,
        "name": known.name,
        "itu_region": known.itu_region,
        "indicators": {k: figures[k].as_dict() for k in BY_CODE if k in figures},
        "index": {m.id: idi.compute(iso2, figures, m).as_dict() for m in idi.METHODS.values()},
    }


def index(session: Session, *, method: str = "idi2023") -> dict[str, Any]:
    """Every country's index by ``method``, ranked; the not computable ones last, each
    naming the indicators it lacks."""
    m = idi.method(method)
    table = derived_values(repository.all_observations(session))
    results = idi.compute_all(table, m)
    return {
        "method": m.id,
        "title": m.title,
        "source": m.source,
        "scale": m.scale,
        "provisional_goalposts": list(m.provisional),
        "computable": sum(1 for r in results if r.computable),
        "results": [r.as_dict() for r in results],
    }


def _groups(by: str) -> dict[str, str]:
    if by == "region":
        return {c.iso2: f"Region {c.itu_region}" for c in all_countries()}
    if by == "development":
        # The UN list of least developed countries, as the governance area ships it.
        ldc = {s.iso2 for s in member_states() if s.least_developed}
        return {c.iso2: "LDC" if c.iso2 in ldc else "other" for c in all_countries()}
    raise InvalidInput("by", f"expected one of {list(GROUPINGS)}, got {by!r}")


def gaps(
    session: Session, *, by: str = "region", method: str = "idi2023", indicator: str | None = None
) -> dict[str, Any]:
    """The spread of the index (or of one indicator) per group of countries, and the gap
    between the best and the worst group's mean."""
    table = derived_values(repository.all_observations(session))
    values: dict[str, float | None]
    if indicator is not None:
        if indicator not in BY_CODE:
            raise InvalidInput("indicator", f"unknown indicator {indicator!r}")
        values = {c: f[indicator].value if indicator in f else None for c, f in table.items()}
        subject = indicator
    else:
        m = idi.method(method)
        values = {r.country: r.value for r in idi.compute_all(table, m)}
        subject = m.id
    summaries, gap = idi.group_gaps(values, _groups(by))
    return {"by": by, "of": subject, "groups": [s.as_dict() for s in summaries], "gap": gap}


def indicator_values(session: Session, *, indicator: str) -> list[dict[str, Any]]:
    """One indicator's newest value per country, highest first."""
    if indicator not in BY_CODE:
        raise InvalidInput("indicator", f"unknown indicator {indicator!r} (see docs/indicators.md)")
    names = {c.iso2: c for c in all_countries()}
    table = derived_values(repository.all_observations(session))
    rows = []
    for code, figures in table.items():
        figure = figures.get(indicator)
        if figure is None or code not in names:
            continue
        rows.append({"country": code, "iso3": names[code].iso3, "name": names[code].name,
                     **figure.as_dict()})  # fmt: skip
    rows.sort(key=lambda r: (-r["value"], r["country"]))
    return rows


def load_csv(
    session: Session,
    *,
    principal: Principal,
    text: str,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Store the figures of a load file (docs/indicators.md), all or none: the file is
    checked whole first, and one bad row refuses it (every bad row named, with its row
    number and field); then every row is written in this transaction."""
    write = begin(session, principal=principal, right="indicators.load", area="indicators")
    observations = parse_csv(text, iso2_of_iso3=iso2_of_iso3(), progress=progress)
    added, replaced = repository.upsert(session, observations)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    document = {
        "rows": len(observations),
        "added": added,
        "replaced": replaced,
        "unchanged": len(observations) - added - replaced,
        "countries": len({o.country for o in observations}),
        "indicators": sorted({o.indicator for o in observations}),
    }
    write.audit("indicators.load", entity="indicator_values", entity_id=digest[:16],
                payload={**document, "file_sha256": digest})  # fmt: skip
    return document
