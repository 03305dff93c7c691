"""What every command shares: the database, the application context and JSON output.

Imports here stay light: a command pays for SQLAlchemy, pydantic or the service only
when it uses them (see docs/performance.md, "The command line").
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from openitu.errors import InvalidInput

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
"""A value that starts with a date (YYYY-MM-DD, perhaps with a time after it)."""

if TYPE_CHECKING:
    from openitu.service.context import AppContext
    from openitu.spectrum.table import AllocationTable

_DATABASE_URL_VARIABLE = "openitu_database_url"


@cache
def context() -> AppContext:
    from openitu.service.context import AppContext
    from openitu.settings import Settings

    return AppContext.from_settings(Settings())


@cache
def database_url() -> str:
    """``Settings().database_url``, read without pydantic where that gives the same answer:
    the variable (named in any case, as pydantic-settings reads it) or the default file;
    with a settings file, from the settings themselves."""
    if os.environ.get("OPENITU_SETTINGS_FILE"):
        return context().settings.database_url
    named = [value for name, value in os.environ.items() if name.lower() == _DATABASE_URL_VARIABLE]
    if len(named) > 1:
        return context().settings.database_url
    if named:
        return named[0]
    from openitu.paths import default_database_url

    return default_database_url()


def _spectrum_code() -> tuple[object, ...]:
    """What a pickled table depends on besides the data: the classes that make it up."""
    import numpy

    import openitu.spectrum
    from openitu.store.filecache import files_fingerprint

    package = Path(openitu.spectrum.__file__).parent
    return sys.version, numpy.__version__, files_fingerprint(package.glob("*.py"))


def allocation_table(*, edition: str | None = None, on: date | None = None) -> AllocationTable:
    """``AppContext.allocation_table``'s answer: the Table of an edition (by id, or the one
    in force on a date; default: in force today) as the database holds it now.

    A command starts a new process, so the table is kept in the cache folder between
    commands, under the database, the spectrum area's version read before building it
    (every write to the Table bumps it: docs/design.md, "One write path, and caches every
    process sees") and the code of the table's classes. A SQLite file is read through the
    standard library; any other database takes the engine, as before.
    """
    from openitu.store import filecache, light

    url = database_url()
    version = light.area_version(url, "spectrum")
    identity = light.database_identity(url)
    if version is None or version < 0 or identity is None:
        return context().allocation_table(edition=edition, on=on)
    namespace = "spectrum-" + filecache.fingerprint(url, identity, _spectrum_code())
    current = f"v{version}-"

    def kept(key: str, build: Any) -> Any:
        name = current + filecache.fingerprint(key)
        value = filecache.load(namespace, name)
        if value is None:
            value = build()
            filecache.store(namespace, name, value, stale_unless=current)
        return value

    if edition is None:
        day = on or date.today()
        edition = str(kept(f"in-force:{day.isoformat()}", lambda: _edition_in_force(day)))
    chosen = edition
    table: AllocationTable = kept(
        f"table:{chosen}", lambda: context().allocation_table(edition=chosen)
    )
    return table


def _edition_in_force(day: date) -> str:
    from openitu.store import spectrum as repository

    with context().sessions() as session:
        return repository.edition_in_force(session, day)


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False))
    sys.stdout.write("\n")


def parse_day(text: str, field: str) -> date:
    """A YYYY-MM-DD option's day; anything else is bad input naming ``field``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, f"expected YYYY-MM-DD, got {text!r}") from None


def emit(document: Any, as_json: bool, *lines: str) -> None:
    """With ``--json``, the document (exactly one JSON document on stdout); else ``lines``,
    for a person to read."""
    if as_json:
        emit_json(document)
        return
    for line in lines:
        typer.echo(line)


def print_rows(title: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """A table for a person to read: ``columns`` of each row (an absent value blank)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title)
    for column in columns:
        # A date is never wrapped nor cut: narrow terminals squeeze the other columns.
        dates = [str(row[column]) for row in rows if _ISO_DAY.match(str(row.get(column)))]
        widest = max((len(text) for text in dates), default=0)
        table.add_column(column, no_wrap=bool(dates), min_width=widest or None)
    for row in rows:
        # Text, not str: a value such as "[WRC-12]" or "[km]" is data, never Rich markup.
        table.add_row(*(Text("" if row.get(c) is None else str(row.get(c))) for c in columns))
    Console().print(table)


def read_cases(path: Path, *, field: str = "case_file") -> tuple[list[dict[str, Any]], bool]:
    """Read a CASE file holding one case (an object) or many (a list).

    Returns the cases and whether the file held a list, so that the output can be
    one result or a list in the same order.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(field, f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(field, f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(field, f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InvalidInput(field, "JSON nested too deeply") from None
    if isinstance(document, dict):
        return [document], False
    if isinstance(document, list) and all(isinstance(case, dict) for case in document):
        return list(document), True
    raise InvalidInput(field, "must hold a JSON object or a list of objects")
