"""`openitu db ...` and `openitu data ...`: schema and reference data."""

from __future__ import annotations

import typer

from openitu.cli.common import context, emit
from openitu.cli.options import JsonFlag

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
data_app = typer.Typer(help="Reference data.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("heads")) -> None:
    """Apply the migrations up to REVISION (default: the newest)."""
    from openitu.store import migrate

    engine = context().engine
    migrate.upgrade(engine, revision)
    typer.echo(f"database at {sorted(migrate.current_revisions(engine))}")


@db_app.command("current")
def current(as_json: JsonFlag = False) -> None:
    """Show the database's revision and the newest one."""
    from openitu.store import migrate

    engine = context().engine
    document = {
        "current": sorted(migrate.current_revisions(engine)),
        "heads": sorted(migrate.head_revisions(engine)),
    }
    emit(document, as_json, f"current {document['current']}, heads {document['heads']}")


@data_app.command("load")
def load() -> None:
    """Load the reference data shipped with the package (idempotent)."""
    from openitu.store import migrate
    from openitu.store.reference import load_reference_data

    ctx = context()
    migrate.upgrade(ctx.engine)
    for line in load_reference_data(ctx.sessions):
        typer.echo(line)
