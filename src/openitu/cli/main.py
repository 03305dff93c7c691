"""`openitu`: the command-line tool. Bad input exits 2 with one line on stderr.

Each area's commands are imported only when that area is invoked (or listed by
``--help`` and the docs): a command pays for what it uses, not for every area.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import MutableMapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import typer

# Typer builds its commands on the click it vendors; a lazy group must speak that one.
from typer import _click as click
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperGroup, _TyperParameter

from openitu.cli import backup, db
from openitu.errors import OpenITUError

AREAS_PACKAGE = "openitu.cli.commands"
"""Each area's commands live in ``openitu.cli.commands.<area>`` as a Typer ``app``,
named ``NAME`` (the module's own name)."""


@cache
def area_names() -> list[str]:
    """The areas' command groups, found without importing them."""
    package = importlib.import_module(AREAS_PACKAGE)
    return sorted(info.name for info in pkgutil.iter_modules(package.__path__))


@dataclass(frozen=True)
class _Plain(RuntimeParam):
    """Typer's coercion of a ``str`` or ``bool`` parameter, without pydantic.

    Typer coerces every value through a pydantic ``TypeAdapter``; for a ``str`` given a
    ``str``, or a ``bool`` given a ``bool``, that returns the value itself, and importing
    pydantic and building the adapters costs a read command more than its answer.
    Anything else (bytes, "yes" for a flag) goes through Typer's own coercion. (Typer's
    internals: pyproject pins typer below 0.30; tests/cli checks that a read command
    imports no pydantic, and every CLI test that it answers as before.)
    """

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: click.Context) -> Any:
        if type(value) is self.annotation:
            return value
        return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=ctx)


def _plain_parameters(command: click.Command) -> click.Command:
    """Give every plain ``str`` and ``bool`` parameter under ``command`` (its ``--help``
    included) the coercion above."""
    help_option = command.get_help_option(click.Context(command))
    for parameter in [*command.params, help_option]:
        if not isinstance(parameter, _TyperParameter) or parameter._runtime_param is not None:
            continue
        descriptor = parameter.type_descriptor
        if descriptor.annotation in (str, bool) and descriptor.parameter_info.parser is None:
            parameter._runtime_param = _Plain(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
    if not isinstance(command, _LazyAreas):  # its areas are done as they are loaded
        for child in getattr(command, "commands", {}).values():
            _plain_parameters(child)
    return command


def _area_group(name: str) -> click.Command:
    module = importlib.import_module(f"{AREAS_PACKAGE}.{name}")
    if name != module.NAME:
        raise RuntimeError(f"{module.__name__} names its group {module.NAME!r}, not {name!r}")
    # Built as `app.add_typer` would have built it, inside a holder of the root's settings.
    holder = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
    holder.add_typer(module.app, name=name)
    group = typer.main.get_command(holder)
    assert isinstance(group, TyperGroup)
    return _plain_parameters(group.commands[name])


class _LazyAreas(TyperGroup):
    """The root group: the eager commands as Typer built them, then every area's group,
    imported the first time it is looked up (all of them when ``commands`` is read)."""

    _loaded: dict[str, click.Command]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_parameters(self)
        for command in self._loaded.values():
            _plain_parameters(command)

    @property
    def commands(self) -> MutableMapping[str, click.Command]:
        for name in area_names():
            self.get_command(click.Context(self), name)
        return self._loaded

    @commands.setter
    def commands(self, value: MutableMapping[str, click.Command]) -> None:
        self._loaded = dict(value)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self._loaded and cmd_name in area_names():
            self._loaded[cmd_name] = _area_group(cmd_name)
        return self._loaded.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        eager = list(self._loaded)
        return eager + [name for name in area_names() if name not in eager]


app = typer.Typer(
    name="openitu",
    help="OpenITU: the ITU's coordination machinery as open software.",
    no_args_is_help=True,
    cls=_LazyAreas,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db.db_app, name="db")
app.add_typer(db.data_app, name="data")
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
    from openitu.cli.common import context, database_url
    from openitu.store.reference import prepare_database, schema_is_current

    # A SQLite file at every head is told apart without SQLAlchemy or Alembic.
    if schema_is_current(database_url()):
        return
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
