"""Indicator use cases on both databases: the seed loads once, a load file is written
whole or not at all, only the secretariat loads, the index and the gaps read the data."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts.rights import Principal, Role
from openitu.errors import Forbidden, InvalidInput, NotAuthenticated
from openitu.indicators.catalogue import CSV_COLUMNS, LoadFileInvalid, seed
from openitu.store.base import Base
from openitu.store.loaders import indicators as loader
from openitu.store.tables.indicators import IndicatorValue
from openitu.store.tables.versions import AreaVersion
from openitu.usecases import indicators as usecases

HEADER = ",".join(CSV_COLUMNS) + "\n"
KENYA_2023 = HEADER + "".join(
    f"KEN,Kenya,{code},2023,{value}\n"
    for code, value in [
        ("i99H", 40.8), ("xHH6_IDI", 30.0), ("i911mw_IDI", 65.0), ("i271G_IDI", 98.0),
        ("i271GA_IDI", 96.0), ("mobile_traffic_gb", 4.0), ("fixed_traffic_gb", 150.0),
        ("mobile_basket_gni_pct", 6.0), ("fixed_basket_gni_pct", 25.0),
        ("mobile_phone_owners_pct", 60.0),
    ]
)  # fmt: skip


def _rows(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(IndicatorValue)) or 0)


def test_migration_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [
            d for d in compare_metadata(context, Base.metadata) if "indicator_" in repr(d)
        ]
    assert differences == []


def test_the_seed_is_loaded_once(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        assert _rows(session) == len(seed())
    lines = list(loader.load(sessions))
    assert lines[-1].endswith("(0 added)")
    with sessions() as session:
        assert _rows(session) == len(seed())


def test_a_country_profile_names_years_sources_and_what_the_index_lacks(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        profile = usecases.country_profile(session, code="ken")
    assert profile["country"] == "KE" and profile["itu_region"] == 1
    assert profile["indicators"]["population"] == {
        "value": 58_246_378, "year": 2024, "source": "world-factbook",
    }  # fmt: skip
    idi2023 = profile["index"]["idi2023"]
    assert idi2023["value"] is None and idi2023["computable"] is False
    assert "households_internet_pct" in idi2023["missing"]
    assert "internet_users_pct" not in idi2023["missing"]  # derived from the Factbook


def test_load_then_the_index_is_computed_and_ranked(
    sessions: sessionmaker[Session], secretariat: Principal
) -> None:
    with sessions() as session, session.begin():
        version = session.get(AreaVersion, "indicators")
        before = version.version if version else 0
        result = usecases.load_csv(session, principal=secretariat, text=KENYA_2023)
    assert result["added"] == 10 and result["countries"] == 1
    with sessions() as session:
        document = usecases.index(session, method="idi2023")
        assert session.get(AreaVersion, "indicators").version == before + 1  # type: ignore[union-attr]
    assert document["computable"] == 1
    first = document["results"][0]
    assert first["country"] == "KE" and first["rank"] == 1
    assert first["value"] == pytest.approx(
        (first["pillars"]["universal connectivity"] + first["pillars"]["meaningful connectivity"])
        / 2,
        abs=1e-3,
    )
    assert document["results"][1]["rank"] is None
    # Loading the same file again changes nothing; a new value replaces the old one.
    with sessions() as session, session.begin():
        again = usecases.load_csv(session, principal=secretariat, text=KENYA_2023)
        newer = usecases.load_csv(
            session, principal=secretariat, text=HEADER + "KEN,Kenya,i99H,2023,41.5\n"
        )
    assert again["unchanged"] == 10 and newer["replaced"] == 1


def test_a_bad_row_writes_nothing(sessions: sessionmaker[Session], secretariat: Principal) -> None:
    bad = KENYA_2023 + "KEN,Kenya,i99H,2022,lots\n"
    with sessions() as session:
        before = _rows(session)
    with pytest.raises(LoadFileInvalid) as refused, sessions() as session, session.begin():
        usecases.load_csv(session, principal=secretariat, text=bad)
    assert [(e.row, e.field) for e in refused.value.errors] == [(12, "value")]
    with sessions() as session:
        assert _rows(session) == before


@pytest.mark.parametrize(
    ("principal", "error"),
    [
        (Principal.public(), NotAuthenticated),
        (
            Principal(role=Role.NOTIFYING_OFFICER, username="o", administration="KE", via="cli"),
            Forbidden,
        ),
    ],
)
def test_only_the_secretariat_loads(
    sessions: sessionmaker[Session], principal: Principal, error: type[Exception]
) -> None:
    with pytest.raises(error), sessions() as session, session.begin():
        usecases.load_csv(session, principal=principal, text=KENYA_2023)


def test_gaps_by_region_and_by_development(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        regions = usecases.gaps(session, by="region", indicator="mobile_cellular_per100")
        development = usecases.gaps(session, by="development", indicator="internet_users_pct")
        index = usecases.gaps(session, by="region")
    assert [g["group"] for g in regions["groups"]] == ["Region 1", "Region 2", "Region 3"]
    assert regions["gap"] is not None and regions["gap"] > 0
    by = {g["group"]: g for g in development["groups"]}
    assert by["LDC"]["mean"] < by["other"]["mean"]
    assert index["gap"] is None  # nothing computable from the seed alone
    with pytest.raises(InvalidInput) as refused, sessions() as session:
        usecases.gaps(session, by="income")
    assert refused.value.field == "by"


def test_unknown_country_and_indicator_are_refused(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        with pytest.raises(InvalidInput) as country:
            usecases.country_profile(session, code="XYZ")
        with pytest.raises(InvalidInput) as indicator:
            usecases.indicator_values(session, indicator="nope")
    assert country.value.field == "country" and indicator.value.field == "indicator"
