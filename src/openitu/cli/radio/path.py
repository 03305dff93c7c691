"""`openitu radio path`: P.452-18 or P.1546-6 between two points, the profile from the
register's terrain source (setting ``register_terrain_tiles``; P.1511 otherwise)."""

from __future__ import annotations

import typer

from openitu.cli.common import emit_json
from openitu.cli.options import JsonFlag
from openitu.errors import InvalidInput
from openitu.units import parse_frequency_hz
from openitu.usecases import radio as usecases
from openitu.usecases.register import terrain_for


def register(app: typer.Typer) -> None:
    @app.command("path")
    def path(
        model: str = typer.Option(..., "--model", help="p452 or p1546."),
        tx_lat_deg: float = typer.Option(..., "--tx-lat", help="Transmitter latitude (deg)."),
        tx_lon_deg: float = typer.Option(..., "--tx-lon", help="Transmitter longitude (deg E)."),
        rx_lat_deg: float = typer.Option(..., "--rx-lat", help="Receiver latitude (deg)."),
        rx_lon_deg: float = typer.Option(..., "--rx-lon", help="Receiver longitude (deg E)."),
        tx_height_m: float = typer.Option(
            ..., "--tx-height", help="Transmitting antenna above ground (m)."
        ),
        rx_height_m: float = typer.Option(
            ..., "--rx-height", help="Receiving antenna above ground (m)."
        ),
        frequency: str = typer.Option(..., "--f", help='Frequency, e.g. "2GHz" or "600 MHz".'),
        p_percent: float = typer.Option(..., "--p", help="Percentage of time, in percent."),
        gt_dbi: float = typer.Option(0.0, "--gt", help="P.452: transmitting gain (dBi)."),
        gr_dbi: float = typer.Option(0.0, "--gr", help="P.452: receiving gain (dBi)."),
        pol: str = typer.Option("h", "--pol", help="P.452: polarization, h or v."),
        ptx_kw: float = typer.Option(1.0, "--ptx", help="P.1546: e.r.p. (kW)."),
        rx_area: str = typer.Option("rural", "--rx-area", help="P.1546: receiver's surroundings."),
        as_json: JsonFlag = False,
    ) -> None:
        """Basic transmission loss between two points over the terrain profile, with the
        Earth's bulge at the effective radius and the line of sight's clearance."""
        from openitu.settings import Settings

        terrain = terrain_for(Settings().register_terrain_tiles)
        try:
            document = usecases.path_between(
                terrain=terrain, model=model, tx_lat_deg=tx_lat_deg, tx_lon_deg=tx_lon_deg,
                rx_lat_deg=rx_lat_deg, rx_lon_deg=rx_lon_deg, tx_height_m=tx_height_m,
                rx_height_m=rx_height_m, f_mhz=parse_frequency_hz(frequency, field="f") / 1e6,
                p_percent=p_percent, gt_dbi=gt_dbi, gr_dbi=gr_dbi, pol=pol, ptx_kw=ptx_kw,
                rx_area=rx_area,
            )  # fmt: skip
        except InvalidInput as error:
            # The frequency is the --f the user typed, in any unit: name it so.
            if error.field != "f_mhz":
                raise
            raise InvalidInput("f", error.reason) from None
        if as_json:
            emit_json(document)
            return
        profile = document["profile"]
        typer.echo(
            f"{document['model']}: {document['distance_km']:.2f} km, basic loss "
            f"{document['lb_db']:.2f} dB ({document['terrain']} profile, "
            f"{len(profile['d_km'])} points)"
        )
        if "e_dbuv_m" in document:
            typer.echo(f"  field strength {document['e_dbuv_m']:.2f} dB(uV/m)")
        typer.echo(
            f"  effective Earth radius {profile['effective_radius_km']:.0f} km "
            f"(k = {profile['k_factor']:.3f}); clearance {profile['clearance_m']:.1f} m "
            f"at {profile['clearance_at_km']:.2f} km"
            + (" (obstructed)" if profile["clearance_m"] < 0 else "")
        )
