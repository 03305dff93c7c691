"""A Recommendation as its page reads it, on both databases: every catalogued version,
the one in force, what superseded the others and where this system computes it; and the
reference rules (the field named)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import InvalidInput, NotFound
from openitu.library.catalogue import COMPUTATIONS, parse_reference, seed
from openitu.usecases import library as usecases


def test_a_superseded_recommendation_names_its_successor_and_no_version_in_force(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        document = usecases.publication(session, sector="ITU-R", reference="p.453")
    assert document["id"] == "ITU-R P.453" and document["in_force"] is None
    assert [(v["version"], v["status"], v["superseded_by"]) for v in document["versions"]] == [
        ("P.453-13", "superseded", ["P.453-14"])
    ]
    assert document["computations"][0]["api"] == "POST /api/radio/slant-path"


def test_the_version_in_force_and_every_computation_listed(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        document = usecases.publication(session, sector="R", reference="P.452")
        with pytest.raises(NotFound, match=r"ITU-R P\.9999 is not in the catalogue"):
            usecases.publication(session, sector="R", reference="P.9999")
    assert document["in_force"]["version"] == "P.452-18"
    assert [c["title"] for c in document["computations"]] == [
        c.title for c in COMPUTATIONS["ITU-R P.452"]
    ]


def test_every_computation_names_a_catalogued_recommendation() -> None:
    catalogued = {p.id for p in seed()}
    assert set(COMPUTATIONS) <= catalogued


@pytest.mark.parametrize(
    ("sector", "reference", "field"),
    [("Z", "P.452", "sector"), ("R", "452", "reference"), ("R", "P-452", "reference")],
)
def test_bad_references_are_refused_naming_the_field(
    sector: str, reference: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_reference(sector, reference)
    assert refused.value.field == field


def test_references_are_read_as_people_write_them() -> None:
    assert parse_reference("itu-t", "e.164") == ("T", "E", "164")
    assert parse_reference("R", "BS.412") == ("R", "BS", "412")
