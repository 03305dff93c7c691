"""`openitu radio slant-path CASE.json [--edition P.618-14]`: P.618 §2.5 Earth-space attenuation."""

from __future__ import annotations

import typer

from openitu.cli.options import CaseFile, JsonFlag
from openitu.cli.radio import emit_results, read_case_document
from openitu.radio import cases
from openitu.radio.propagation import p618


def register(app: typer.Typer) -> None:
    @app.command("slant-path")
    def slant_path(
        case_file: CaseFile,
        as_json: JsonFlag = False,
        edition: str = typer.Option(
            p618.P618_DEFAULT,
            "--edition",
            help="P.618-13 (gas P.676-12, clouds P.840-8, floor 1 %) or P.618-14 "
            "(gas P.676-13, clouds P.840-9, floor 5 %).",
        ),
    ) -> None:
        """Gas, cloud, rain, scintillation and total attenuation (P.618 §2.5).

        A case holds lat_deg, lon_deg, f_ghz, el_deg, p_percent, d_m (antenna diameter),
        eta (antenna efficiency) and optionally hs_km, tau_deg (45) and edition (that
        case's P.618 edition, overriding --edition).
        """
        answer = cases.run("slant-path", read_case_document(case_file), edition=edition)
        emit_results(
            answer,
            as_json,
            "A_total {a_total_db:.3f} dB  (gas {a_gas_db:.3f}, cloud {a_cloud_db:.3f}, "
            "rain {a_rain_db:.3f}, scintillation {a_scint_db:.3f})",
        )
