"""`openitu allocations ...`: the Table of Frequency Allocations."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import typer

from openitu.cli.common import allocation_table, context, emit_json, parse_day
from openitu.cli.options import JsonFlag, TokenStdin
from openitu.errors import InvalidInput
from openitu.spectrum import queries
from openitu.units import format_frequency

if TYPE_CHECKING:
    from openitu.spectrum.table import AllocationTable

NAME = "allocations"
app = typer.Typer(help="The Table of Frequency Allocations (RR Article 5).", no_args_is_help=True)

EditionOption = typer.Option(None, "--edition", help="Edition id, e.g. RR-2012.")
DateOption = typer.Option(None, "--date", help="Use the edition in force on YYYY-MM-DD.")
# The options every question to the Table takes after its own: where, and which edition.
_WHERE: Final = {
    "region": typer.Option(None, "--region", help="ITU Region: 1, 2 or 3."),
    "country": typer.Option(None, "--country", help="ISO 3166 alpha-2 code, e.g. DE."),
    "edition": EditionOption,
    "on": DateOption,
}


def _table(edition: str | None, on: str | None) -> AllocationTable:
    return allocation_table(edition=edition, on=parse_day(on, "date") if on else None)


def _span(low_hz: float, high_hz: float) -> str:
    return f"{format_frequency(low_hz)} - {format_frequency(high_hz)}"


def _print_allocations(title: str, rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in ("service", "category", "footnotes"):
        table.add_column(column)
    for row in rows:
        service = row["service"].upper() if row["category"] == "primary" else row["service"]
        table.add_row(service, row["category"], " ".join(row["footnotes"]))
    Console().print(table)


def _question(
    name: str,
    query: Callable[..., dict[str, Any]],
    context_settings: dict[str, Any] | None = None,
    **own: Any,
) -> Callable[[Callable[[dict[str, Any]], None]], Callable[[dict[str, Any]], None]]:
    """Registers the decorated printer as command NAME, a question to the Table: its
    ``own`` options (name: Typer argument or option, each a string), then the ones every
    such question takes (a Region and a country; the edition by id or date; --json).
    ``query(table, **options)`` answers the document, printed as JSON with --json, else
    by the printer; the printer's docstring is the command's help."""

    def register(show: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
        def command(*, edition: str | None, on: str | None, as_json: bool, **options: Any) -> None:
            document = query(_table(edition, on), **options)
            if as_json:
                emit_json(document)
                return
            show(document)

        keyword = inspect.Parameter.KEYWORD_ONLY
        # Typer reads the options from the signature: the function's own is all kwargs.
        command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [
                *(inspect.Parameter(option, keyword, default=given, annotation=str)
                  for option, given in own.items()),
                *(inspect.Parameter(option, keyword, default=given, annotation=str | None)
                  for option, given in _WHERE.items()),
                inspect.Parameter("as_json", keyword, default=False, annotation=JsonFlag),
            ]
        )  # fmt: skip
        command.__doc__ = show.__doc__
        app.command(name, context_settings=context_settings)(command)
        return show

    return register


@_question(
    "at",
    queries.allocations_at,
    context_settings={"ignore_unknown_options": True},
    frequency=typer.Argument(..., help='e.g. "2.45GHz", "2450 MHz", 2450000000'),
)
def _at(document: dict[str, Any]) -> None:
    """What is allocated at FREQUENCY in a Region (and a country)."""
    band = document["band"]
    _print_allocations(
        f"{_span(band['low_hz'], band['high_hz'])}, Region {document['region']} "
        f"({document['edition']})",
        document["allocations"],
    )
    for note in document["footnote_texts"]:
        typer.echo(f"{note['id']}: {note['text'] or '(' + note['text_note'] + ')'}")


@_question(
    "range",
    queries.allocations_between,
    low=typer.Option(..., "--low", help="Lower edge."),
    high=typer.Option(..., "--high", help="Upper edge."),
)
def _between(document: dict[str, Any]) -> None:
    """The bands and allocations between two frequencies."""
    for band in document["bands"]:
        _print_allocations(
            f"{_span(band['low_hz'], band['high_hz'])}, Region {band['region']}",
            band["allocations"],
        )


@app.command("bands")
def bands(
    service: str = typer.Option(..., "--service", help='e.g. "radio astronomy".'),
    region: str = typer.Option(..., "--region", help="ITU Region: 1, 2 or 3."),
    edition: str | None = EditionOption,
    on: str | None = DateOption,
    as_json: JsonFlag = False,
) -> None:
    """The bands where SERVICE is allocated in a Region."""
    document = queries.bands_carrying(_table(edition, on), service=service, region=region)
    if as_json:
        emit_json(document)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{service} in Region {region}")
    for column in ("band", "category", "footnotes"):
        table.add_column(column)
    for row in document:
        table.add_row(
            _span(row["low_hz"], row["high_hz"]), row["category"], " ".join(row["footnotes"])
        )
    Console().print(table)


@_question(
    "check",
    queries.check_assignment,
    service=typer.Option(..., "--service", help="The assignment's service."),
    low=typer.Option(..., "--low", help="Lower edge of the assignment."),
    high=typer.Option(..., "--high", help="Upper edge of the assignment."),
)
def _check(document: dict[str, Any]) -> None:
    """Whether an assignment conforms with the Table, and why."""
    verdict = "conforms" if document["conforms"] else "does NOT conform"
    category = f" ({document['category']})" if document["category"] else ""
    typer.echo(f"{document['service']}: {verdict}{category}")
    for reason in document["reasons"]:
        typer.echo(f"  - {reason}")


@app.command("diff")
def diff(
    old: str = typer.Option(..., "--from", help="Older edition id."),
    new: str = typer.Option(..., "--to", help="Newer edition id."),
    as_json: JsonFlag = False,
) -> None:
    """What changed between two editions of the Table."""
    from openitu.usecases import spectrum as usecases

    old_table, new_table = allocation_table(edition=old), allocation_table(edition=new)
    with context().sessions() as session:
        document = usecases.edition_diff(session, old=old_table, new=new_table)
    if as_json:
        emit_json(document)
        return
    for change in document["bands"]:
        typer.echo(f"Region {change['region']} {_span(change['low_hz'], change['high_hz'])}")
        for line in change["added"]:
            typer.echo(f"  + {line}")
        for line in change["removed"]:
            typer.echo(f"  - {line}")
        for source in change["sources"]:
            typer.echo(f"    ({source['conference'] or '?'}: {source['source'] or 'no source'})")
    for note in document["footnotes"]:
        typer.echo(f"footnote {note['id']}: {note['change']}")


@app.command("country")
def country_view(
    country: str = typer.Argument(..., help="ISO 3166 alpha-2 code, e.g. DE."),
    edition: str | None = EditionOption,
    on: str | None = DateOption,
    as_json: JsonFlag = False,
) -> None:
    """A country's view of the Table: its Region, the footnotes that name it, the
    allocations they make there, and whether a national table is available."""
    from openitu.spectrum.eca import CEPT_MEMBERS

    document = queries.footnotes_naming(_table(edition, on), country=country)
    document["regional_table"] = None
    if document["country"] in CEPT_MEMBERS:  # only they open the database for the ECA
        from openitu.usecases import spectrum as usecases

        with context().sessions() as session:
            document["regional_table"] = usecases.regional_view(
                session, country=document["country"]
            )
    if as_json:
        emit_json(document)
        return
    typer.echo(f"{document['country']}: Region {document['region']} ({document['edition']})")
    for note in document["footnotes"]:
        typer.echo(f"  {note['id']} ({note['kind']}): {len(note['allocations'])} allocation(s)")
    if document["national_table"]:
        typer.echo(f"national table: {document['national_table']['name']}")
    if document["regional_table"]:
        regional = document["regional_table"]
        typer.echo(f"regional table: {regional['table']} ({len(regional['rows'])} band(s))")


@app.command("editions")
def editions(as_json: JsonFlag = False) -> None:
    """The editions of the Table in the database."""
    from openitu.store import spectrum as repository

    with context().sessions() as session:
        rows = [
            {
                "id": row.id,
                "title": row.title,
                "entry_into_force": row.entry_into_force.isoformat(),
                "based_on": row.based_on,
            }
            for row in repository.list_editions(session)
        ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        typer.echo(f"{row['id']}  in force from {row['entry_into_force']}  {row['title']}")


@app.command("amend")
def amend(
    file: Path = typer.Argument(..., help="An amendment file (JSON; format in docs/spectrum.md)."),
    token_stdin: TokenStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """Create a new edition of the Table from an amendment file, in one transaction."""
    from openitu.cli.acting import acting
    from openitu.usecases import spectrum as usecases

    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput("file", f"cannot read {file}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput("file", f"not JSON: {exc}") from None
    principal = acting(token_stdin)
    with context().sessions() as session, session.begin():
        result = usecases.amend_table(session, principal=principal, document=document)
    if as_json:
        emit_json(result)
        return
    typer.echo(
        f"{result['edition']} in force from {result['entry_into_force']} "
        f"({result['amendments']} amendments to {result['based_on']})"
    )


@app.command("eca")
def eca(
    file: Path = typer.Argument(
        ..., help="The CEPT European Common Allocation table as EFIS exports it (docs/spectrum.md)."
    ),
    keep: bool = typer.Option(
        False,
        "--import",
        help="Keep it as the regional table ECA, shown in CEPT countries' views "
        "(replaces the one imported before; one transaction).",
    ),
    token_stdin: bool = typer.Option(
        False,
        "--token-stdin",
        help="With --import: act as the account of the API token on the first line of "
        "stdin (else OPENITU_API_TOKEN; else as the secretariat).",
    ),
    as_json: JsonFlag = False,
) -> None:
    """Validate an ECA file (EFIS export) and print the regional table it holds."""
    from openitu.spectrum.eca import parse_eca, table_document

    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput("file", f"cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput("file", f"not UTF-8 text: {exc}") from None
    document = table_document(parse_eca(text))
    if keep:
        from openitu.cli.acting import acting
        from openitu.usecases import spectrum as usecases

        principal = acting(token_stdin)
        with context().sessions() as session, session.begin():
            document["imported"] = usecases.import_eca(session, principal=principal, text=text)
    if as_json:
        emit_json(document)
        return
    for row in document["rows"]:
        services = ", ".join(s["service"] for s in row["eca"])
        typer.echo(f"{_span(row['low_hz'], row['high_hz'])}  {services}")
    typer.echo(f"{len(document['rows'])} band(s), {len(document['footnotes'])} footnote text(s)")
