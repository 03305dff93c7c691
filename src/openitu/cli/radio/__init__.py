"""Radio commands, one module per model: each defines ``register(app)``.

The commands that take a CASE file read it with `read_case_document` and hand the document
to the case registry, `openitu.radio.cases`, which the API uses too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from openitu.cli.common import emit_json, read_cases


def read_case_document(path: Path) -> dict[str, Any] | list[dict[str, Any]]:
    """The file's one case (an object) or its list of cases, as `openitu.radio.cases` takes
    them (a bad field is then named ``field`` in an object, ``[i].field`` in a list)."""
    cases, many = read_cases(path)
    return cases if many else cases[0]


def emit_results(answer: Any, as_json: bool, line: str) -> None:
    """A model's answer, one result or a list of them: as JSON, or one ``line`` (a format
    string over a result's names) each."""
    if as_json:
        emit_json(answer)
        return
    for result in answer if isinstance(answer, list) else [answer]:
        typer.echo(line.format(**result))
