"""`openitu backup FILE` and `openitu restore FILE`: portable, checksummed dumps."""

from __future__ import annotations

from pathlib import Path

import typer

from openitu.cli.common import context, emit
from openitu.cli.options import JsonFlag


def backup(
    file: Path = typer.Argument(..., help="where to write the backup (JSON lines)"),
    force: bool = typer.Option(False, "--force", help="overwrite FILE if it exists"),
    as_json: JsonFlag = False,
) -> None:
    """Write every table to FILE, with a checksum, from one consistent snapshot."""
    from openitu.store.backup import write_backup

    url = context().settings.database_url
    summary = write_backup(url, file, overwrite=force)
    document = {
        "file": str(summary.path),
        "tables": summary.tables,
        "rows": summary.rows,
        "sha256": summary.sha256,
        "audit_entries": summary.audit_entries,
    }
    emit(document, as_json, f"backed up {summary.rows} rows of {summary.tables} tables to {file}")


def restore(
    file: Path = typer.Argument(..., help="a file written by `openitu backup`"),
    replace: bool = typer.Option(False, "--replace", help="overwrite a database holding data"),
    as_json: JsonFlag = False,
) -> None:
    """Load FILE into the database; commits only if the checksum and audit chain hold."""
    from openitu.store.backup import restore_backup

    url = context().settings.database_url
    summary = restore_backup(url, file, replace=replace)
    document = {
        "file": str(summary.path),
        "tables": summary.tables,
        "rows": summary.rows,
        "audit_entries": summary.audit_entries,
    }
    emit(
        document,
        as_json,
        f"restored {summary.rows} rows of {summary.tables} tables;"
        f" audit chain intact ({summary.audit_entries} entries)",
    )
