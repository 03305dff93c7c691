"""Network documents for the space tests: a small Ku-band GSO network, varied by name,
administration, position and power."""

from __future__ import annotations

from typing import Any


def network_document(
    name: str = "TESTSAT-12E",
    administration: str = "FR",
    longitude_deg: float = 12.0,
    *,
    power_dbw_hz: float = -50.0,
    low: str = "14.0GHz",
    high: str = "14.5GHz",
    down_low: str = "11.45GHz",
    down_high: str = "11.7GHz",
    station: tuple[float, float] = (48.85, 2.35),
) -> dict[str, Any]:
    return {
        "name": name,
        "administration": administration,
        "orbit": "gso",
        "longitude_deg": longitude_deg,
        "station_keeping_deg": 0.05,
        "earth_stations": [
            {"name": "HUB", "lat_deg": station[0], "lon_deg": station[1], "gain_dbi": 52.0}
        ],
        "beams": [
            {"name": "KU-UP", "direction": "up", "service": "fixed-satellite",
             "frequencies": [{"low_hz": low, "high_hz": high}], "gain_dbi": 32.0,
             "noise_temperature_k": 600.0, "power_density_dbw_hz": power_dbw_hz,
             "earth_station": "HUB", "emission": "36M0G7W"},
            {"name": "KU-DOWN", "direction": "down", "service": "fixed-satellite",
             "frequencies": [{"low_hz": down_low, "high_hz": down_high}], "gain_dbi": 31.0,
             "noise_temperature_k": 140.0, "power_density_dbw_hz": power_dbw_hz - 20.0,
             "earth_station": "HUB"},
        ],
    }  # fmt: skip


def ngso_document(
    name: str = "TEST-LEO",
    administration: str = "FR",
    *,
    planes: list[dict[str, Any]] | None = None,
    power_dbw_hz: float = -70.0,
) -> dict[str, Any]:
    """A small Ku-band non-GSO system: two 550 km planes at 53° unless ``planes`` is given."""
    document = network_document(name, administration, power_dbw_hz=power_dbw_hz + 20.0)
    document.pop("longitude_deg")
    document.pop("station_keeping_deg")
    document["orbit"] = "ngso"
    document["planes"] = planes or [
        {"altitude_km": 550.0, "inclination_deg": 53.0, "satellites": 11, "raan_deg": 0.0,
         "epoch": "2026-03-01T00:00:00Z"},
        {"altitude_km": 550.0, "inclination_deg": 53.0, "satellites": 11, "raan_deg": 90.0,
         "mean_anomaly_deg": 16.0, "epoch": "2026-03-01T00:00:00Z"},
    ]  # fmt: skip
    return document
