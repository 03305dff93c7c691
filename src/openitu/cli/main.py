"""`openitu`: the command-line tool. Bad input exits 2 with one line on stderr."""

from __future__ import annotations

import sys

import typer

from openitu.cli import backup, db
from openitu.discovery import submodules
from openitu.errors import OpenITUError

app = typer.Typer(
    name="openitu",
    help="OpenITU: the ITU's coordination machinery as open software.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.db_app, name="db")
app.add_typer(db.data_app, name="data")
# Each area's commands live in openitu.cli.commands.<area> as a Typer `app`, named `NAME`.
for _module in submodules("openitu.cli.commands"):
    app.add_typer(_module.app, name=_module.NAME)
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)

# Commands that manage the schema themselves, or never touch the database.
_UNPREPARED: frozenset[str] = frozenset({"db", "data", "backup", "restore", "radio"})


@app.callback()
def _prepare_database(ctx: typer.Context) -> None:
    """A first command on a new database (the default SQLite file, a fresh
    OPENITU_DATABASE_URL) answers instead of failing on missing tables."""
    if ctx.resilient_parsing or ctx.invoked_subcommand in _UNPREPARED:
        return
    from openitu.cli.common import context
    from openitu.store.reference import prepare_database

    state = context()
    lines = prepare_database(state.engine, state.sessions)
    # stdout carries only the answer (--json); say what happened where a person sees it.
    if lines and sys.stderr.isatty():
        sys.stderr.write(f"openitu: prepared the database ({len(lines)} steps)\n")


@app.command()
def serve(
    host: str | None = typer.Option(None, help="Interface to listen on [OPENITU_HOST]."),
    port: int | None = typer.Option(None, help="TCP port [OPENITU_PORT]."),
    workers: int = typer.Option(1, help="Worker processes."),
) -> None:
    """Start the web service (API and pages)."""
    import uvicorn

    from openitu.settings import Settings

    settings = Settings()
    host = host or settings.host
    port = port or settings.port
    typer.echo(f"OpenITU serving on http://{host}:{port}/  (API: http://{host}:{port}/api/docs)")
    uvicorn.run(
        "openitu.service.asgi:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        # uvicorn would believe X-Forwarded-For from loopback; the application decides
        # whom to believe (OPENITU_TRUSTED_PROXIES, service/auth.client_address).
        proxy_headers=False,
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point: translates errors into exit codes and one stderr line."""
    try:
        app(args=argv, standalone_mode=False)
    except OpenITUError as exc:
        sys.stderr.write(f"error: {exc.one_line()}\n")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.stderr.write("error: aborted\n")
        sys.exit(1)
    except Exception as exc:
        # Typer's (vendored) click reports usage errors with format_message/exit_code.
        format_message = getattr(exc, "format_message", None)
        if format_message is None:
            raise
        message = " ".join(str(format_message()).split())
        sys.stderr.write(f"error: {message}\n")
        sys.exit(int(getattr(exc, "exit_code", 2)))
