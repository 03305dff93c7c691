"""`openitu radio p452 CASE.json`: ITU-R P.452-18 basic transmission loss."""

from __future__ import annotations

import typer

from openitu.cli.options import CaseFile, JsonFlag
from openitu.cli.radio import emit_results, read_case_document
from openitu.radio import cases


def register(app: typer.Typer) -> None:
    @app.command("p452")
    def p452(case_file: CaseFile, as_json: JsonFlag = False) -> None:
        """Interference path loss not exceeded for p % of time (ITU-R P.452-18).

        A case holds f_ghz, p_percent, the profile d_km[], h_m[], zone[] (1 coastal land,
        2 inland, 3 sea) and optionally r_m[] (representative clutter heights), htg_m,
        hrg_m, phit_e, phit_n, phir_e, phir_n, dct_km, dcr_km, dn, n0, and optionally
        gt_dbi, gr_dbi (0), pol ("h"), pressure_hpa (1013), temperature_c (15).
        """
        answer = cases.run("p452", read_case_document(case_file))
        emit_results(
            answer,
            as_json,
            "Lb {lb_db:.2f} dB  (free space+gas {lbfsg_db:.2f}, diffraction {ldp_db:.2f}, "
            "troposcatter {lbs_db:.2f}, ducting {lba_db:.2f})",
        )
