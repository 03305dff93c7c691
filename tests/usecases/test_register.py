"""The register's use cases on both databases: notify (one, batch, idempotent repeat,
modification), examination against the Table (RR No. 11.31), recording with a favourable
finding or under No. 4.4, return, withdrawal and suppression, agreements, the circular,
rights, and the history that is never overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import Conflict, Forbidden, InvalidInput
from openitu.store import audit
from openitu.store import spectrum as spectrum_store
from openitu.usecases import register as usecases
from register_fixtures import SECRETARIAT, fixed_link, fm_station, land_mobile_in_fm_band, officer

FR, DE = officer("FR"), officer("DE")


def test_a_batch_gives_ordered_unique_dates_and_reports_bad_rows(
    sessions: sessionmaker[Session],
) -> None:
    bad_latitude = fixed_link("FR", "FR-BAD", tx__lat_deg=95)
    german_in_french_batch = fixed_link("DE", "DE-IN-FR-BATCH")
    rows = [fixed_link("FR", f"FR-{n}") for n in range(5)]
    rows[2:2] = [bad_latitude, german_in_french_batch]
    with sessions() as session, session.begin():
        outcome = usecases.notify(session, principal=FR, notices=rows)
    rejected = [(r.row, r.field) for r in outcome.rejected]
    assert rejected == [(3, "tx.lat_deg"), (4, "administration")]
    assert "outside [-90, 90]" in outcome.rejected[0].reason
    assert [a.row for a in outcome.accepted] == [1, 2, 5, 6, 7]
    dates = [a.date_of_receipt for a in outcome.accepted]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    with sessions() as session:
        # Nothing of the refused rows was written.
        refs = {r["reference"] for r in usecases.search(session, usecases.search_query())}
        assert "FR-BAD" not in refs and "DE-IN-FR-BATCH" not in refs
        assert {f"FR-{n}" for n in range(5)} <= refs


def test_the_same_notice_again_is_idempotent_and_other_content_a_modification(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        first = usecases.notify_one(session, principal=FR, notice=fixed_link("FR", "FR-IDEM"))
    with sessions() as session, session.begin():
        again = usecases.notify_one(session, principal=FR, notice=fixed_link("FR", "FR-IDEM"))
    assert again.outcome == "unchanged"
    assert (again.notice_id, again.date_of_receipt) == (first.notice_id, first.date_of_receipt)
    with sessions() as session, session.begin():
        moved = usecases.notify_one(
            session, principal=FR, notice=fixed_link("FR", "FR-IDEM", frequency_hz=6_205e6)
        )
    assert moved.outcome == "modified" and moved.notice_id == first.notice_id
    assert moved.date_of_receipt > first.date_of_receipt
    with sessions() as session:
        shown = usecases.show(session, notice_id=first.notice_id)
    assert [h["event"] for h in shown["history"]] == ["notified", "modified"]
    # The first version stays in the history as it was received.
    assert shown["history"][0]["detail"]["notice"]["frequency_hz"] == 6_175e6
    assert shown["notice"]["frequency_hz"] == 6_205e6
    assert shown["version"] == 2


def test_a_conforming_notice_is_recorded_and_a_non_conforming_one_returned_or_recorded_under_4_4(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        good = usecases.notify_one(session, principal=DE, notice=fm_station("DE", "DE-FM"))
        bad = usecases.notify_one(
            session, principal=FR, notice=land_mobile_in_fm_band("FR", "FR-LM")
        )
    with sessions() as session, session.begin():
        finding = usecases.examine(session, principal=SECRETARIAT, notice_id=good.notice_id)
        in_force = spectrum_store.edition_in_force(session, good.date_of_receipt.date())
    assert finding["finding"] == "favourable"
    assert finding["regulatory"]["conforms"] is True
    assert finding["regulatory"]["edition"] == in_force
    # Inland and alone on its channel: examined, nothing affected, nobody to coordinate with.
    assert (finding["technical"]["examined"], finding["technical"]["affected"]) == (True, [])
    assert finding["coordination"]["examined"] is True
    assert finding["coordination"]["required_with"] == []
    with sessions() as session, session.begin():
        recorded = usecases.record(session, principal=SECRETARIAT, notice_id=good.notice_id)
    assert (recorded["status"], recorded["recorded_under"]) == ("recorded", "No. 11.31")

    with sessions() as session, session.begin():
        finding = usecases.examine(session, principal=SECRETARIAT, notice_id=bad.notice_id)
    assert finding["finding"] == "unfavourable"
    assert finding["recordable_under"] is None
    reason = finding["reasons"][0]
    assert (
        reason["provision"] == "No. 11.31" and "no allocation to the land mobile" in reason["text"]
    )
    with sessions() as session, session.begin(), pytest.raises(Conflict, match=r"No\. 4\.4"):
        usecases.record(session, principal=SECRETARIAT, notice_id=bad.notice_id)
    with sessions() as session, session.begin():
        returned = usecases.return_notice(session, principal=SECRETARIAT, notice_id=bad.notice_id)
    assert returned["status"] == "returned"
    # The administration asks for recording under No. 4.4: a modification, received anew.
    with sessions() as session, session.begin():
        again = usecases.notify_one(
            session, principal=FR, notice=land_mobile_in_fm_band("FR", "FR-LM", request_4_4=True)
        )
    assert again.outcome == "modified" and again.date_of_receipt > bad.date_of_receipt
    with sessions() as session, session.begin():
        finding = usecases.examine(session, principal=SECRETARIAT, notice_id=bad.notice_id)
        recorded = usecases.record(session, principal=SECRETARIAT, notice_id=bad.notice_id)
    assert (finding["finding"], finding["recordable_under"]) == ("unfavourable", "No. 4.4")
    assert recorded["recorded_under"] == "No. 4.4"
    events = [h["event"] for h in recorded["history"]]
    assert events == ["notified", "examined", "returned", "modified", "examined", "recorded"]
    assert "shall not claim protection" in recorded["history"][-1]["detail"]["note"]


def test_an_incomplete_notice_is_returned_with_what_it_lacks(
    sessions: sessionmaker[Session],
) -> None:
    lacking = fixed_link("FR", "FR-INCOMPLETE", rx=None, tx__eirp_dbw=None)
    with sessions() as session, session.begin():
        accepted = usecases.notify_one(session, principal=FR, notice=lacking)
        finding = usecases.examine(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
    assert finding["finding"] == "unfavourable"
    assert finding["completeness"]["missing"] == [
        "tx.eirp_dbw", "rx.lat_deg", "rx.lon_deg", "rx.antenna_height_m",
    ]  # fmt: skip
    # No. 4.4 is for the Table, not for missing data.
    assert finding["recordable_under"] is None


def test_a_favourable_notice_cannot_be_returned_nor_an_unexamined_one_recorded(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        accepted = usecases.notify_one(session, principal=DE, notice=fixed_link("DE", "DE-X"))
    with sessions() as session, session.begin(), pytest.raises(Conflict, match="received"):
        usecases.record(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
    with sessions() as session, session.begin():
        usecases.examine(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
    with sessions() as session, session.begin(), pytest.raises(Conflict, match="favourable"):
        usecases.return_notice(session, principal=SECRETARIAT, notice_id=accepted.notice_id)


def test_rights_an_officer_acts_only_for_its_administration(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        german = usecases.notify_one(session, principal=DE, notice=fixed_link("DE", "DE-R"))
    with sessions() as session, session.begin(), pytest.raises(Forbidden):
        usecases.withdraw(session, principal=FR, notice_id=german.notice_id)
    with sessions() as session, session.begin(), pytest.raises(Forbidden):
        usecases.notify_one(session, principal=FR, notice=fixed_link("DE", "DE-BY-FR"))
    with sessions() as session, session.begin(), pytest.raises(Forbidden):
        usecases.examine(session, principal=FR, notice_id=german.notice_id)
    with sessions() as session, session.begin(), pytest.raises(Forbidden):
        usecases.notify_one(session, principal=SECRETARIAT, notice=fixed_link("DE", "DE-BY-BR"))
    with sessions() as session, session.begin():
        withdrawn = usecases.withdraw(session, principal=DE, notice_id=german.notice_id)
    assert withdrawn["status"] == "withdrawn"


def test_a_recorded_assignment_given_up_is_suppressed_and_its_history_kept(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        accepted = usecases.notify_one(session, principal=DE, notice=fixed_link("DE", "DE-S"))
        usecases.examine(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
        usecases.record(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
        shown = usecases.withdraw(session, principal=DE, notice_id=accepted.notice_id,
                                  reason="link dismantled")  # fmt: skip
    assert shown["status"] == "suppressed"
    assert [h["event"] for h in shown["history"]][-2:] == ["recorded", "suppressed"]
    with sessions() as session, session.begin():
        assert audit.verify(session) is None


def test_agreements_arrive_one_by_one(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        accepted = usecases.notify_one(
            session, principal=FR, notice=fixed_link("FR", "FR-AG", agreements=["CH"])
        )
        shown = usecases.record_agreement(
            session, principal=FR, notice_id=accepted.notice_id, administration="de"
        )
    assert shown["notice"]["agreements"] == ["CH", "DE"]
    with sessions() as session, session.begin(), pytest.raises(InvalidInput) as bad:
        usecases.record_agreement(
            session, principal=FR, notice_id=accepted.notice_id, administration="FR"
        )
    assert bad.value.field == "administration"
    with sessions() as session, session.begin():
        finding = usecases.examine(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
    assert finding["coordination"]["agreed_with"] == ["CH", "DE"]


def test_events_are_append_only(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        usecases.notify_one(session, principal=FR, notice=fixed_link("FR", "FR-APPEND"))
    for statement in ("UPDATE register_events SET actor = 'x'", "DELETE FROM register_events"):
        with (
            sessions() as session,
            pytest.raises(DBAPIError, match="append-only"),
            session.begin(),
        ):
            session.execute(text(statement))


def test_search_by_band_area_status_and_administration(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        usecases.notify(
            session, principal=DE,
            notices=[fm_station("DE", "DE-FM-1", tx__lat_deg=48.00, tx__lon_deg=7.85),
                     fixed_link("DE", "DE-FX-1", tx__lat_deg=48.57, tx__lon_deg=7.82),
                     fixed_link("DE", "DE-FX-FAR", tx__lat_deg=53.55, tx__lon_deg=9.99)],
        )  # fmt: skip
    with sessions() as session:

        def refs(**query: object) -> set[str]:
            found = usecases.search(session, usecases.search_query(**query))  # type: ignore[arg-type]
            return {r["reference"] for r in found}

        assert refs(administration="DE", low="6.1GHz", high="6.3GHz") >= {"DE-FX-1", "DE-FX-FAR"}
        assert "DE-FM-1" not in refs(administration="DE", low="6.1GHz", high="6.3GHz")
        # Kehl is 5 km from Strasbourg, Hamburg about 600 km: a 50 km circle holds Kehl.
        near = refs(administration="DE", near="48.58,7.75", radius_km=50)
        assert "DE-FX-1" in near and "DE-FX-FAR" not in near
        # The FM station lies at Freiburg, about 65 km south of Strasbourg.
        assert "DE-FM-1" in refs(administration="DE", near="48.58,7.75", radius_km=70)
        assert refs(administration="DE", status="recorded").isdisjoint({"DE-FM-1", "DE-FX-1"})
    with pytest.raises(InvalidInput) as bad:
        usecases.search_query(near="48.5")
    assert bad.value.field == "near"


def test_the_circular_lists_each_notice_in_its_part(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        usecases.publish_circular(session, principal=SECRETARIAT)  # closes earlier periods
        ok = usecases.notify_one(session, principal=DE, notice=fm_station("DE", "DE-C1"))
        bad = usecases.notify_one(
            session, principal=FR, notice=land_mobile_in_fm_band("FR", "FR-C2")
        )
        for notice in (ok, bad):
            usecases.examine(session, principal=SECRETARIAT, notice_id=notice.notice_id)
        usecases.record(session, principal=SECRETARIAT, notice_id=ok.notice_id)
        usecases.return_notice(session, principal=SECRETARIAT, notice_id=bad.notice_id)
        document = usecases.publish_circular(session, principal=SECRETARIAT, period_days=14)
    parts = document["parts"]
    assert [e["reference"] for e in parts["I"]] == ["DE-C1", "FR-C2"]
    assert [e["reference"] for e in parts["II"]] == ["DE-C1"]
    assert [e["reference"] for e in parts["III"]] == ["FR-C2"]
    assert parts["III"][0]["finding"] == "unfavourable"
    with sessions() as session:
        assert usecases.circular(session)["number"] == document["number"]


def _ridge_tile(path: Path) -> None:
    """A GeoTIFF of the Rhine plain at 140 m with a 900 m ridge along 7.78-7.79 E, between
    Strasbourg (7.75 E) and Kehl (7.82 E): made up, to see the profile act."""
    import numpy as np
    import rasterio
    from affine import Affine

    res = 0.005
    lons = 7.6 + res * np.arange(100)
    heights = np.full((100, 100), 140.0, dtype=np.float32)
    heights[:, (lons >= 7.78) & (lons <= 7.79)] = 900.0
    with rasterio.open(
        path, "w", driver="GTiff", height=100, width=100, count=1, dtype="float32",
        crs="EPSG:4326", transform=Affine(res, 0.0, 7.6, 0.0, -res, 48.8),
    ) as tile:  # fmt: skip
        tile.write(heights, 1)


def test_the_path_profile_comes_from_the_stations_coordinates(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    kehl = fixed_link("DE", "DE-KEHL-T", agreements=["FR"], tx__lat_deg=48.50, tx__lon_deg=7.98,
                      tx__azimuth_deg=290, rx__lat_deg=48.57, rx__lon_deg=7.82)  # fmt: skip
    strasbourg = fixed_link("FR", "FR-STRAS-T", agreements=["DE"], tx__lat_deg=48.58,
                            tx__lon_deg=7.75, tx__azimuth_deg=100, rx__lat_deg=48.55,
                            rx__lon_deg=7.95)  # fmt: skip
    _ridge_tile(tmp_path / "ridge.tif")
    with sessions() as session, session.begin():
        recorded = usecases.notify_one(session, principal=DE, notice=kehl)
        usecases.examine(session, principal=SECRETARIAT, notice_id=recorded.notice_id)
        usecases.record(session, principal=SECRETARIAT, notice_id=recorded.notice_id)
        later = usecases.notify_one(session, principal=FR, notice=strasbourg)

    def margins(terrain: object) -> dict[str, float]:
        with sessions() as session, session.begin():
            finding = usecases.examine(session, principal=SECRETARIAT,
                                       notice_id=later.notice_id, terrain=terrain)  # type: ignore[arg-type]  # fmt: skip
        return {hit["direction"]: hit["margin_db"] for hit in finding["technical"]["affected"]}

    flat = margins(usecases.terrain_for(""))  # P.1511: the plain is flat at this scale
    ridge = margins(usecases.terrain_for(str(tmp_path / "*.tif")))
    assert set(flat) == {"candidate->recorded", "recorded->candidate"}
    # Strasbourg's transmitter now looks at Kehl's receiver over the ridge: diffraction
    # (P.452-18 §4.2) takes that path out of harm; Kehl's own transmitter, east of the
    # ridge, still reaches Strasbourg's receiver (east of it too) exactly as before.
    assert "candidate->recorded" not in ridge
    assert ridge["recorded->candidate"] == pytest.approx(flat["recorded->candidate"], abs=0.5)
    with pytest.raises(InvalidInput) as bad:
        usecases.terrain_for(str(tmp_path / "none-*.tif"))
    assert bad.value.field == "register_terrain_tiles"
