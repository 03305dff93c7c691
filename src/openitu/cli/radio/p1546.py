"""`openitu radio p1546 CASE.json`: ITU-R P.1546-6 point-to-area field strength."""

from __future__ import annotations

import typer

from openitu.cli.options import CaseFile, JsonFlag
from openitu.cli.radio import emit_results, read_case_document
from openitu.radio import cases


def register(app: typer.Typer) -> None:
    @app.command("p1546")
    def p1546(case_file: CaseFile, as_json: JsonFlag = False) -> None:
        """Field strength and basic transmission loss (ITU-R P.1546-6, 30-4000 MHz).

        A case holds f_mhz, t_percent (1-50), ha_m (transmitting antenna above ground), h2_m,
        sections (from the transmitter: [{"zone": "land"|"cold_sea"|"warm_sea", "d_km"}]) and
        optionally ptx_kw (1, e.r.p.; ptx_ref "eirp" for e.i.r.p.), q_percent (50), h1_m (else
        from the profile, §3), r1_m (0: open transmitter), r2_m (10), rx_area ("rural",
        "suburban", "urban", "dense_urban", "sea"), wa_m (500) and profile {d_km[], h_m[]}.
        The result is {"e_dbuv_m", "lb_db"}, or a list of them in the order of the cases.
        """
        answer = cases.run("p1546", read_case_document(case_file))
        emit_results(answer, as_json, "E {e_dbuv_m:.2f} dB(uV/m)  Lb {lb_db:.2f} dB")
