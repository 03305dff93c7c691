"""`openitu indicators ...`: ICT indicators per country, the ICT Development Index, and
loading newer figures from a CSV file in the ITU's layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from openitu.cli.common import context, emit_json
from openitu.cli.options import JsonFlag, TokenStdin
from openitu.errors import InvalidInput

NAME = "indicators"
app = typer.Typer(help="ICT indicators per country and the ICT Development Index.",
                  no_args_is_help=True)  # fmt: skip


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}"


@app.command()
def show(
    country: str = typer.Argument(..., help="ISO 3166-1 alpha-2 or alpha-3 code, e.g. KE."),
    as_json: JsonFlag = False,
) -> None:
    """A country's figures (with their years and sources) and its index by both methods."""
    from openitu.usecases import indicators as usecases

    with context().sessions() as session:
        profile = usecases.country_profile(session, code=country)
    if as_json:
        emit_json(profile)
        return
    typer.echo(f"{profile['name']} ({profile['country']}/{profile['iso3']}), "
               f"ITU Region {profile['itu_region']}")  # fmt: skip
    for code, figure in profile["indicators"].items():
        note = f"  [{figure['derived_from']}]" if "derived_from" in figure else ""
        typer.echo(f"  {code:<32} {_number(figure['value']):>16}  {figure['year']}  "
                   f"{figure['source']}{note}")  # fmt: skip
    for method, result in profile["index"].items():
        if result["computable"]:
            typer.echo(f"  {method}: {result['value']:.2f}")
        else:
            typer.echo(f"  {method}: not computable; missing {', '.join(result['missing'])}")


@app.command("index")
def index_command(
    method: str = typer.Option("idi2023", "--method", help="idi2023 or idi2017."),
    as_json: JsonFlag = False,
) -> None:
    """Every country's ICT Development Index, ranked; those lacking an indicator last,
    each with the indicators it lacks."""
    from openitu.usecases import indicators as usecases

    with context().sessions() as session:
        document = usecases.index(session, method=method)
    if as_json:
        emit_json(document)
        return
    typer.echo(f"{document['title']} ({document['computable']} computable)")
    for result in document["results"]:
        if result["computable"]:
            typer.echo(f"{result['rank']:>4}  {result['country']}  {result['value']:7.2f}")
        else:
            typer.echo(f"   -  {result['country']}  missing {len(result['missing'])}: "
                       f"{', '.join(result['missing'])}")  # fmt: skip


@app.command()
def load(
    file: Path = typer.Argument(..., help="CSV in the ITU's layout (docs/indicators.md)."),
    token_stdin: TokenStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """Load newer figures, all rows or none, in one transaction; a bad row exits 2
    naming its row and field."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from openitu.cli.acting import acting
    from openitu.usecases import indicators as usecases

    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput("file", f"cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InvalidInput("file", f"{file} is not UTF-8 text") from None
    principal = acting(token_stdin)
    rows = text.count("\n")
    columns = (TextColumn("checking rows"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), disable=rows < 2000) as bar:
        task = bar.add_task("load", total=rows)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        with context().sessions() as session, session.begin():
            result: dict[str, Any] = usecases.load_csv(
                session, principal=principal, text=text, progress=advance
            )
    if as_json:
        emit_json(result)
        return
    typer.echo(f"{result['rows']} rows: {result['added']} added, {result['replaced']} replaced, "
               f"{result['unchanged']} unchanged ({result['countries']} countries)")  # fmt: skip
