"""`openitu radio antenna PATTERN`: reference radiation patterns."""

from __future__ import annotations

import typer

from openitu.cli.common import emit_json
from openitu.cli.options import JsonFlag
from openitu.radio import cases
from openitu.units import parse_frequency_hz


def register(app: typer.Typer) -> None:
    @app.command("antenna")
    def antenna(
        pattern: str = typer.Argument(..., help="omni, F.699, F.1245, S.465, S.580 or S.1528"),
        angles: list[float] = typer.Option(..., "--angle", help="Off-axis angle (deg); repeat."),
        frequency: str | None = typer.Option(None, "--f", help='Frequency, e.g. "12GHz".'),
        d_m: float | None = typer.Option(None, "--d", help="Antenna diameter (m)."),
        gmax_dbi: float | None = typer.Option(None, "--gmax", help="Peak gain (dBi)."),
        efficiency: float | None = typer.Option(
            None, "--efficiency", help="S.465/S.580 aperture efficiency η (dimensionless, 0 to 1)."
        ),
        half_beamwidth_deg: float | None = typer.Option(
            None, "--half-beamwidth", help="S.1528: half the 3 dB beamwidth (deg)."
        ),
        ln_db: float | None = typer.Option(None, "--ln", help="S.1528: L_N (-15 ... -30 dB)."),
        as_json: JsonFlag = False,
    ) -> None:
        """Gain [dBi] of a reference pattern at the given off-axis angles."""
        parameters: dict[str, object] = {
            "f_mhz": parse_frequency_hz(frequency, field="f") / 1e6 if frequency else None,
            "d_m": d_m,
            "gmax_dbi": gmax_dbi,
            "efficiency": efficiency,
            "half_beamwidth_deg": half_beamwidth_deg,
            "ln_db": ln_db,
        }
        document = cases.antenna_gain(pattern, angles, parameters)
        if as_json:
            emit_json(document)
            return
        for angle, gain in zip(document["angles_deg"], document["gain_dbi"], strict=True):
            typer.echo(f"{angle:8.3f} deg  {gain:8.3f} dBi")
