"""`openitu radio free-space`: P.525-4 free-space loss and conversions."""

from __future__ import annotations

import typer

from openitu.cli.common import emit_json
from openitu.cli.options import JsonFlag
from openitu.radio import cases
from openitu.units import parse_frequency_hz


def register(app: typer.Typer) -> None:
    @app.command("free-space")
    def free_space(
        frequency: str = typer.Option(..., "--f", help='Frequency, e.g. "2.45GHz".'),
        d_km: float = typer.Option(..., "--d", help="Distance (km)."),
        eirp_dbw: float | None = typer.Option(None, "--eirp", help="e.i.r.p. (dBW)."),
        gr_dbi: float = typer.Option(0.0, "--gr", help="Receiving antenna gain (dBi)."),
        as_json: JsonFlag = False,
    ) -> None:
        """Free-space basic loss; with --eirp also pfd, field strength, received power."""
        document = cases.free_space(
            f_hz=parse_frequency_hz(frequency, field="f"),
            d_km=d_km,
            eirp_dbw=eirp_dbw,
            gr_dbi=gr_dbi,
        )
        if as_json:
            emit_json(document)
            return
        for key, value in document.items():
            typer.echo(f"{key}: {value}")
