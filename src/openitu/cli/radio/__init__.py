"""Radio commands, one module per model: each defines ``register(app)``.

The commands that take a CASE file read it with `read_case_document` and hand the document
to the case registry, `openitu.radio.cases`, which the API uses too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openitu.cli.common import read_cases


def read_case_document(path: Path) -> dict[str, Any] | list[dict[str, Any]]:
    """The file's one case (an object) or its list of cases, as `openitu.radio.cases` takes
    them (a bad field is then named ``field`` in an object, ``[i].field`` in a list)."""
    cases, many = read_cases(path)
    return cases if many else cases[0]
