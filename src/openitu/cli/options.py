"""Options that many commands take, defined once (``Annotated`` aliases: a command's
parameter is ``as_json: JsonFlag = False``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def token_help(otherwise: str) -> str:
    """The help of ``--token-stdin``: whom a write acts as without a token."""
    return (
        "Act as the account of the API token on the first line of stdin "
        f"(else OPENITU_API_TOKEN; else {otherwise})."
    )


JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON document.")]
TokenStdin = Annotated[bool, typer.Option("--token-stdin", help=token_help("as the secretariat"))]
"""For the writes that act as the secretariat without a token."""

CaseFile = Annotated[Path, typer.Argument(help="JSON file: one case (object) or a list.")]
