"""`openitu audit ...`: verify the hash chain, show its head and its entries."""

from __future__ import annotations

import typer

from openitu.cli.common import context, emit_json
from openitu.cli.options import JsonFlag
from openitu.errors import IntegrityFailure
from openitu.store import audit as audit_store
from openitu.store.db import unit_of_work

NAME = "audit"
app = typer.Typer(help="The audit log.", no_args_is_help=True)


@app.command("verify")
def verify(
    rows: bool = typer.Option(
        False,
        "--rows",
        help="Also recompute the digest of every audited row and name each one changed"
        " outside the application since its last audited change.",
    ),
    as_json: JsonFlag = False,
) -> None:
    """Recompute the chain: exit 0 when intact, 1 naming the first broken link (with
    --rows: or naming every audited row changed outside the application)."""
    with unit_of_work(context().sessions) as session:
        broken = audit_store.verify(session)
        seq, head_hash = audit_store.head(session)
        changed = audit_store.verify_rows(session) if rows else []
    document: dict[str, object] = {
        "intact": broken is None and not changed,
        "entries": seq,
        "head_hash": head_hash,
        "broken_at": None if broken is None else broken.seq,
        "reason": None if broken is None else broken.reason,
    }
    if rows:
        document["changed_rows"] = [
            {"table": c.table, "key": list(c.key), "audit_entry": c.seq, "reason": c.reason}
            for c in changed
        ]
    if as_json:
        emit_json(document)
    else:
        for row in changed:
            typer.echo(f"changed row: {row}")
        if broken is None and not changed:
            checked = " and every audited row" if rows else ""
            typer.echo(f"audit chain intact{checked}: {seq} entries, head {head_hash}")
    if broken is not None:
        # IntegrityFailure: cli.main writes "error: ..." on stderr and exits 1.
        raise IntegrityFailure(f"audit chain broken at {broken}")
    if changed:
        raise IntegrityFailure(
            f"{len(changed)} audited row(s) changed outside the application, first {changed[0]}"
        )


@app.command("head")
def head(as_json: JsonFlag = False) -> None:
    """The newest entry's number and hash (publish it to anchor the chain)."""
    with unit_of_work(context().sessions) as session:
        seq, head_hash = audit_store.head(session)
    if as_json:
        emit_json({"entries": seq, "head_hash": head_hash})
    else:
        typer.echo(f"{seq} {head_hash}")


@app.command("log")
def log(
    entity: str | None = typer.Option(None, "--entity"),
    entity_id: str | None = typer.Option(None, "--id"),
    after: int = typer.Option(0, "--after", min=0),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000),
    as_json: JsonFlag = False,
) -> None:
    """Entries in chain order."""
    with unit_of_work(context().sessions) as session:
        found = audit_store.entries(
            session, entity=entity, entity_id=entity_id, after=after, limit=limit
        )
    if as_json:
        emit_json([vars(entry) for entry in found])
        return
    for e in found:
        typer.echo(
            f"{e.seq:>6} {e.recorded_at} {e.actor:20} {e.action:24} {e.entity}/{e.entity_id}"
        )
