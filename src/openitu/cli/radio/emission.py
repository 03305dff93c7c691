"""`openitu radio emission DESIGNATOR`: RR Appendix 1 designators."""

from __future__ import annotations

import typer

from openitu.cli.common import emit_json
from openitu.cli.options import JsonFlag
from openitu.radio import cases


def register(app: typer.Typer) -> None:
    @app.command("emission")
    def emission(
        designator: str = typer.Argument(..., help="e.g. 16K0F3E, 5M00G7W, 6K00A3EJN"),
        as_json: JsonFlag = False,
    ) -> None:
        """Decode an emission designator: necessary bandwidth and class."""
        document = cases.emission(designator)
        if as_json:
            emit_json(document)
            return
        bandwidth = document["necessary_bandwidth"]
        typer.echo(f"{document['designator']}: necessary bandwidth {bandwidth}")
        for key, meaning in document["meanings"].items():
            if meaning is not None:
                typer.echo(f"  {key}: {document[key]}  {meaning}")
