"""The shipped reference files (src/openitu/data/numbering/, see data/SOURCES.md)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Final

DATA_PACKAGE: Final = "openitu"
DATA_DIR: Final = "data/numbering"

#: Operational Bulletin editions the shipped extracts come from.
MNC_LIST_EDITION: Final = "OB 1162"
MNC_OLDER_EDITION: Final = "OB 1111"
MNC_CHANGES: Final = "OB 1162 amendments"
SANC_EDITION: Final = "OB 1293"
ISPC_EDITION: Final = "OB 1295"


@cache
def read_json(name: str) -> Any:
    """One shipped file, parsed (read once per process)."""
    path = resources.files(DATA_PACKAGE).joinpath(f"{DATA_DIR}/{name}")
    return json.loads(path.read_text(encoding="utf-8"))


def bulletin_body(name: str) -> dict[str, Any]:
    """The data part of an ITU-T bulletin extract: ``[{licence...}, {data}]``."""
    document = read_json(name)
    body = document[1]
    assert isinstance(body, dict)
    return body


@cache
def country_names() -> dict[str, str | None]:
    """Bulletin country names ("Korea (Rep. of)", "Lao P.D.R.") -> ISO 3166-1 alpha-2."""
    names = read_json("country_names.json")
    assert isinstance(names, dict)
    return names


def iso2_of(name: str) -> str | None:
    return country_names().get(name)
