"""Services as Article 1 names them, and which allocation permits which station."""

from __future__ import annotations

import pytest

from openitu.errors import InvalidInput
from openitu.spectrum.services import parse_service


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("FIXED-SATELLITE (space-to-Earth)", "fixed-satellite (space-to-Earth)"),
        ("Fixed-Satellite (Earth-to-space) ", "fixed-satellite (Earth-to-space)"),
        ("Mobile except aeronautical mobile (R)", "mobile except aeronautical mobile (R)"),
        ("Aeronautical Mobile (OR)", "aeronautical mobile (OR)"),
        ("Space Research (passive)", "space research (passive)"),
        ("Maritime Mobile Satellite", "maritime mobile-satellite"),
        ("fixed satellite", "fixed-satellite"),
        (
            "SPACE RESEARCH (deep space) (space-to-Earth)",
            "space research (deep space) (space-to-Earth)",
        ),
        (
            "Standard Frequency And Time Signal (20 kHz)",
            "standard frequency and time signal (20 kHz)",
        ),
    ],
)
def test_services_are_read_into_article_1_terms(written: str, name: str) -> None:
    service = parse_service(written)
    assert service.name == name
    assert parse_service(service.name) == service  # the written form reads back


def test_broader_allocations_cover_narrower_services() -> None:
    mobile = parse_service("mobile")
    assert mobile.covers(parse_service("land mobile"))
    assert mobile.covers(parse_service("aeronautical mobile (R)"))
    assert not parse_service("maritime mobile").covers(mobile)
    assert parse_service("radiodetermination").covers(parse_service("aeronautical radionavigation"))
    assert parse_service("earth exploration-satellite").covers(
        parse_service("meteorological-satellite (space-to-Earth)")
    )


def test_exclusions_and_directions_restrict() -> None:
    except_aero = parse_service("mobile except aeronautical mobile")
    assert except_aero.covers(parse_service("land mobile"))
    assert not except_aero.covers(parse_service("aeronautical mobile (OR)"))
    except_r = parse_service("mobile except aeronautical mobile (R)")
    assert except_r.covers(parse_service("aeronautical mobile (OR)"))
    assert not except_r.covers(parse_service("aeronautical mobile (R)"))
    downlink = parse_service("fixed-satellite (space-to-Earth)")
    assert downlink.covers(parse_service("fixed-satellite"))
    assert not downlink.covers(parse_service("fixed-satellite (Earth-to-space)"))
    assert not parse_service("space research (passive)").covers(
        parse_service("space research (active)")
    )


@pytest.mark.parametrize("written", ["", "   ", "telepathy", "fixed (sideways)(up)(down)"])
def test_unknown_services_are_refused_naming_the_field(written: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_service(written, field="service")
    assert caught.value.field == "service"
