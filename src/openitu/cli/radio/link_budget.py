"""`openitu radio link-budget`: one direction of a GSO link at an earth station."""

from __future__ import annotations

import typer

from openitu.cli.common import emit_json
from openitu.cli.options import JsonFlag
from openitu.errors import InvalidInput
from openitu.radio.propagation import p618
from openitu.units import parse_frequency_hz
from openitu.usecases import radio as usecases

TERMS = (
    ("eirp_dbw", "e.i.r.p.", "dBW"),
    ("free_space_loss_db", "free-space loss", "dB"),
    ("atmospheric_loss_db", "atmospheric loss", "dB"),
    ("other_losses_db", "other losses", "dB"),
    ("total_loss_db", "total loss", "dB"),
    ("gt_db_k", "G/T", "dB/K"),
    ("c_n0_dbhz", "C/N0", "dB(Hz)"),
    ("bandwidth_dbhz", "bandwidth", "dB(Hz)"),
    ("c_n_db", "C/N", "dB"),
    ("required_cn_db", "required C/N", "dB"),
    ("margin_db", "margin", "dB"),
)


def register(app: typer.Typer) -> None:
    @app.command("link-budget")
    def link_budget(
        direction: str = typer.Option(..., "--direction", help="uplink or downlink."),
        lat_deg: float = typer.Option(..., "--lat", help="Earth-station latitude (deg)."),
        lon_deg: float = typer.Option(..., "--lon", help="Earth-station longitude (deg)."),
        sat_lon_deg: float = typer.Option(
            ..., "--sat-lon", help="GSO satellite longitude (deg E)."
        ),
        frequency: str = typer.Option(..., "--f", help='Carrier frequency, e.g. "14GHz".'),
        p_percent: float = typer.Option(
            ..., "--p", help="Time exceeded, in percent of an average year."
        ),
        eirp_dbw: float = typer.Option(..., "--eirp", help="Transmitting end's e.i.r.p. (dBW)."),
        gt_db_k: float = typer.Option(..., "--gt", help="Receiving end's G/T (dB/K)."),
        bandwidth: str = typer.Option(..., "--bandwidth", help='Noise bandwidth, e.g. "36MHz".'),
        required_cn_db: float = typer.Option(..., "--required-cn", help="Required C/N (dB)."),
        d_m: float = typer.Option(1.2, "--d", help="Earth-station antenna diameter (m)."),
        eta: float = typer.Option(
            0.65, "--eta", help="Earth-station antenna efficiency (dimensionless, 0 to 1)."
        ),
        hs_km: float | None = typer.Option(None, "--hs", help="Altitude (km); P.1511 if absent."),
        other_losses_db: float = typer.Option(0.0, "--other-losses", help="Other losses (dB)."),
        edition: str = typer.Option(p618.P618_DEFAULT, "--edition", help="P.618-13 or P.618-14."),
        as_json: JsonFlag = False,
    ) -> None:
        """Look angles, P.618 attenuation for p % of time and each term of the budget."""
        if direction not in ("uplink", "downlink"):
            raise InvalidInput("direction", f'must be "uplink" or "downlink", got {direction!r}')
        document = usecases.link_budget(
            direction="uplink" if direction == "uplink" else "downlink",
            lat_deg=lat_deg, lon_deg=lon_deg, sat_lon_deg=sat_lon_deg,
            f_ghz=parse_frequency_hz(frequency, field="f") / 1e9, p_percent=p_percent,
            eirp_dbw=eirp_dbw, gt_db_k=gt_db_k,
            bandwidth_hz=parse_frequency_hz(bandwidth, field="bandwidth"),
            required_cn_db=required_cn_db, d_m=d_m, eta=eta, hs_km=hs_km,
            other_losses_db=other_losses_db, edition=edition,
        )  # fmt: skip
        if as_json:
            emit_json(document)
            return
        look = document["look"]
        typer.echo(
            f"{direction}: elevation {look['el_deg']:.2f} deg, azimuth {look['az_deg']:.2f} deg, "
            f"range {look['range_km']:.1f} km, {document['p_percent']:g} % of time "
            f"({document['edition']})"
        )
        for key, label, unit in TERMS:
            typer.echo(f"  {label:<18} {document[key]:9.2f} {unit}")
