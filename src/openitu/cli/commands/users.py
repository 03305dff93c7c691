"""`openitu users ...`: accounts and API tokens, for whoever runs the service.

The CLI talks to the database directly, so whoever can run it is an administrator:
its actions are audited as ``cli:<operating-system user>``. Nothing ships with a
default password: the first administrator is made with ``openitu users create``.
"""

from __future__ import annotations

import getpass
import sys

import typer

from openitu.accounts.rights import Principal, Role
from openitu.cli.common import context, emit, emit_json
from openitu.cli.options import JsonFlag
from openitu.errors import InvalidInput
from openitu.store import accounts as store
from openitu.store import migrate
from openitu.store.db import unit_of_work
from openitu.usecases import accounts as usecases

NAME = "users"
app = typer.Typer(help="Accounts and API tokens.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")


def cli_principal() -> Principal:
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return Principal(role=Role.ADMIN, username=f"cli:{who}"[:128], via="cli")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise InvalidInput("password", "nothing on standard input")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InvalidInput("password", "no terminal to ask on: use --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise InvalidInput("password", "the two entries differ")
    return first


@app.command("create")
def create(
    username: str = typer.Option(..., "--username", help="3-64 of a-z 0-9 . _ - @"),
    role: str = typer.Option(..., "--role", help="notifying_officer|secretariat|delegate|admin"),
    administration: str | None = typer.Option(
        None, "--administration", help="ISO 3166 alpha-2 code (officers, delegates)"
    ),
    proxy_for: str | None = typer.Option(None, "--proxy-for", help="a delegate's proxy"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="read the password from the first line of stdin"
    ),
    as_json: JsonFlag = False,
) -> None:
    """Create an account (the first administrator, for one). Asks for the password."""
    password = _read_password(password_stdin)
    ctx = context()
    migrate.upgrade(ctx.engine)
    with unit_of_work(ctx.sessions) as session:
        user = usecases.create_user(
            session,
            principal=cli_principal(),
            username=username,
            password=password,
            role=role,
            administration=administration,
            proxy_for=proxy_for,
        )
    document = {
        "username": user.username,
        "role": user.role.value,
        "administration": user.administration,
        "proxy_for": user.proxy_for,
    }
    emit(document, as_json, f"created {user.username} ({user.role.value})")


@app.command("list")
def list_(as_json: JsonFlag = False) -> None:
    """Every account."""
    with unit_of_work(context().sessions) as session:
        users = store.list_users(session)
    rows = [
        {
            "username": u.username,
            "role": u.role.value,
            "administration": u.administration,
            "proxy_for": u.proxy_for,
            "active": u.active,
        }
        for u in users
    ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        state = "" if row["active"] else "  (disabled)"
        typer.echo(f"{row['username']:30} {row['role']:18} {row['administration'] or ''}{state}")


@app.command("disable")
def disable(username: str) -> None:
    """Disable an account: its sessions end and its tokens are revoked."""
    with unit_of_work(context().sessions) as session:
        usecases.set_active(session, principal=cli_principal(), username=username, active=False)
    typer.echo(f"disabled {username}")


@app.command("enable")
def enable(username: str) -> None:
    """Enable a disabled account again."""
    with unit_of_work(context().sessions) as session:
        usecases.set_active(session, principal=cli_principal(), username=username, active=True)
    typer.echo(f"enabled {username}")


@app.command("password")
def password(
    username: str,
    password_stdin: bool = typer.Option(False, "--password-stdin"),
) -> None:
    """Set an account's password."""
    secret = _read_password(password_stdin)
    with unit_of_work(context().sessions) as session:
        usecases.set_password(
            session, principal=cli_principal(), username=username, password=secret
        )
    typer.echo(f"password set for {username}")


@token_app.command("create")
def token_create(
    username: str = typer.Option(..., "--username", help="the token's owner"),
    name: str = typer.Option("cli", "--name", help="a label"),
    scope: list[str] | None = typer.Option(
        None, "--scope", help="a permission (repeat); none: all of the role's"
    ),
    expires_days: int | None = typer.Option(None, "--expires-days", help="1-366, default 90"),
    as_json: JsonFlag = False,
) -> None:
    """Issue an API token; the secret is printed once."""
    with unit_of_work(context().sessions) as session:
        secret, token = usecases.create_token(
            session,
            principal=cli_principal(),
            username=username,
            name=name,
            scopes=scope or None,
            expires_in_days=expires_days,
        )
    if as_json:
        emit_json(
            {
                "id": token.id,
                "token": secret,
                "prefix": token.prefix,
                "scopes": sorted(token.scopes),
                "expires_at": token.expires_at.isoformat(),
            }
        )
    else:
        typer.echo(secret)


@token_app.command("revoke")
def token_revoke(token_id: int) -> None:
    """Revoke an API token by its id."""
    with unit_of_work(context().sessions) as session:
        usecases.revoke_token(session, principal=cli_principal(), token_id=token_id)
    typer.echo(f"revoked token {token_id}")
