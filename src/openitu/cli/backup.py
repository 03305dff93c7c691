"""`openitu backup FILE` and `openitu restore FILE`: portable, checksummed dumps."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from openitu.cli.common import context, emit
from openitu.cli.options import JsonFlag

if TYPE_CHECKING:
    from openitu.store.backup import BackupSummary


def _emit_summary(summary: BackupSummary, as_json: bool, message: str, *, checksum: bool) -> None:
    """Print what a backup or a restore did (a restore checks the checksum, not shows it)."""
    document: dict[str, Any] = {
        "file": str(summary.path),
        "tables": summary.tables,
        "rows": summary.rows,
    }
    if checksum:
        document["sha256"] = summary.sha256
    document["audit_entries"] = summary.audit_entries
    emit(document, as_json, message)


def backup(
    file: Path = typer.Argument(..., help="where to write the backup (JSON lines)"),
    force: bool = typer.Option(False, "--force", help="overwrite FILE if it exists"),
    as_json: JsonFlag = False,
) -> None:
    """Write every table to FILE, with a checksum, from one consistent snapshot."""
    from openitu.store.backup import write_backup

    summary = write_backup(context().settings.database_url, file, overwrite=force)
    message = f"backed up {summary.rows} rows of {summary.tables} tables to {file}"
    _emit_summary(summary, as_json, message, checksum=True)


def restore(
    file: Path = typer.Argument(..., help="a file written by `openitu backup`"),
    replace: bool = typer.Option(False, "--replace", help="overwrite a database holding data"),
    as_json: JsonFlag = False,
) -> None:
    """Load FILE into the database; commits only if the checksum and audit chain hold."""
    from openitu.store.backup import restore_backup

    summary = restore_backup(context().settings.database_url, file, replace=replace)
    message = (
        f"restored {summary.rows} rows of {summary.tables} tables;"
        f" audit chain intact ({summary.audit_entries} entries)"
    )
    _emit_summary(summary, as_json, message, checksum=False)
