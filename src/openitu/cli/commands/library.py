"""`openitu library ...`: search the publications catalogue."""

from __future__ import annotations

import typer

from openitu.cli.common import context, emit_json
from openitu.cli.options import JsonFlag

NAME = "library"
app = typer.Typer(help="The publications catalogue (Recommendations) and its search.",
                  no_args_is_help=True)  # fmt: skip


@app.command()
def search(
    text: str = typer.Argument(..., help="Words to find, e.g. 'clear-air interference'."),
    sector: str | None = typer.Option(None, "--sector", help="R, T or D."),
    series: str | None = typer.Option(None, "--series", help="e.g. P, S, F, E, Q."),
    status: str | None = typer.Option(None, "--status", help="in force, superseded, withdrawn."),
    limit: int = typer.Option(20, "--limit", help="At most this many entries (1-100)."),
    as_json: JsonFlag = False,
) -> None:
    """Catalogue entries matching TEXT, best first."""
    from openitu.usecases import library as usecases

    with context().sessions() as session:
        hits = usecases.search(
            session, query=text, sector=sector, series=series, status=status, limit=limit
        )
    if as_json:
        emit_json(hits)
        return
    for hit in hits:
        typer.echo(f"{hit['score']:8.3f}  {hit['version'] or hit['id']:<18} {hit['title']}")


@app.command()
def show(
    reference: str = typer.Argument(..., help="SERIES.NUMBER, e.g. P.452 or E.164."),
    sector: str = typer.Option("R", "--sector", help="R, T or D."),
    as_json: JsonFlag = False,
) -> None:
    """A Recommendation: its versions, the one in force, what superseded the others, and
    where this system computes it."""
    from openitu.usecases import library as usecases

    with context().sessions() as session:
        document = usecases.publication(session, sector=sector, reference=reference)
    if as_json:
        emit_json(document)
        return
    typer.echo(f"{document['id']}: {document['title']}")
    for version in document["versions"]:
        successor = ", ".join(version["superseded_by"])
        typer.echo(f"  {version['version'] or version['id']:<18} {version['status']}"
                   + (f" (by {successor})" if successor else ""))  # fmt: skip
    for computation in document["computations"]:
        where = [computation[k] for k in ("page", "api", "cli") if computation[k]]
        typer.echo(f"  computed: {computation['title']}: {'; '.join(where)}")
