"""`openitu register ...`: the terrestrial register (notify, examine, record, return,
withdraw, agreements, refusals, show, search, the circular).

Reads answer anyone. Writes act as one principal, audited like the service's: with an
API token (``--token-stdin``: the first line of standard input, or else
``OPENITU_API_TOKEN``), as that token's account with exactly its rights (how a notifying
officer notifies and withdraws their administration's notices); without one, as the
union's secretariat ``cli:<user>`` (examine, record, return, publish).

``notify`` reads a notice (a JSON object), a list of notices (JSON) or CSV with the same
field names, nested ones dotted (``tx.lat_deg``). A batch is sent in parts of
``--chunk`` notices, each one transaction, with a progress bar on stderr; the answer is
``{"accepted": [...], "rejected": [{"row", "field", "reason"}]}`` and a partly bad batch
exits 1.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.orm import Session

from openitu.accounts import Principal
from openitu.cli.acting import acting, writing
from openitu.cli.common import context, emit_json, parse_day, print_rows, read_cases
from openitu.cli.options import JsonFlag, TokenStdin
from openitu.errors import InvalidInput
from openitu.register.circular import print_csv
from openitu.register.notice import notices_in_text
from openitu.store.db import unit_of_work
from openitu.usecases import register as usecases

NAME = "register"
app = typer.Typer(
    help="The terrestrial register: notices, examinations, the Master Register, the circular.",
    no_args_is_help=True,
)
import_app = typer.Typer(help="Import a national licence register as notices.",
                         no_args_is_help=True)  # fmt: skip
app.add_typer(import_app, name="import")

MAX_FILE_BYTES = 512 * 1024 * 1024
NoticeId = Annotated[int, typer.Argument(min=1)]


def _acting(from_stdin: bool) -> Principal:
    """Who acts: the API token's account, or else the secretariat (see the module)."""
    return acting(from_stdin)


def read_notices(path: Path) -> list[Any]:
    """The notices of a file: a JSON object or list, or CSV with dotted names."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput("file", f"larger than {MAX_FILE_BYTES // 2**20} MiB")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput("file", f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput("file", f"cannot read {path}: {exc}") from None
    return notices_in_text(text, csv_file=path.suffix.lower() == ".csv")


@app.command()
def notify(
    file: Path = typer.Argument(..., help="JSON (a notice or a list) or CSV (dotted names)"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
    chunk: int = typer.Option(500, min=1, max=10_000, help="Notices per transaction."),
) -> None:
    """Notify notices; a partly bad batch exits 1 and still prints its document."""
    principal = _acting(token_stdin)
    notices = read_notices(file)
    accepted, rejected = _notify_all(principal, notices, chunk, "notices")
    document = {"accepted": accepted, "rejected": rejected}
    if as_json:
        emit_json(document)
    else:
        print_rows("Accepted", ["row", "notice_id", "reference", "date_of_receipt", "outcome"],
                    accepted)  # fmt: skip
        if rejected:
            print_rows("Rejected", ["row", "field", "reason"], rejected)
    if rejected:
        # SystemExit, not typer.Exit: cli.main runs click with standalone_mode=False,
        # which turns typer.Exit into a return value that main() does not pass on.
        raise SystemExit(1)


def _notify_all(
    principal: Principal, notices: list[Any], chunk: int, label: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Notify in transactions of ``chunk`` notices with a progress bar on stderr; the
    accepted and rejected rows, numbered from 1 in ``notices``' order."""
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), disable=len(notices) < 2) as bar:
        task = bar.add_task("notify", total=len(notices))
        for start in range(0, len(notices), chunk):
            part = notices[start : start + chunk]

            def advance(done: int, base: int = start) -> None:
                bar.update(task, completed=base + done)

            with unit_of_work(context().sessions) as session:
                outcome = usecases.notify(session, principal=principal, notices=part,
                                          first_row=start + 1, progress=advance)  # fmt: skip
            accepted += [a.as_dict() for a in outcome.accepted]
            rejected += [r.as_dict() for r in outcome.rejected]
    return accepted, rejected


@import_app.command("fcc-uls")
def import_fcc_uls(
    files: list[Path] = typer.Argument(..., help="FCC ULS microwave daily files (l_mw_*.zip)"),
    as_json: JsonFlag = False,
    token_stdin: TokenStdin = False,
) -> None:
    """Notify the FCC's Part 101 licences as the United States' notices, in one
    transaction: one per FR row; accepted + rejected = the FR rows read (a partly refused
    import exits 1)."""
    from openitu.register.fcc_uls import read_zip

    imports = [read_zip(path, source=path.name) for path in files]
    total = sum(len(uls.accepted) for uls in imports)
    columns = (TextColumn("notify"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with (
        writing(token_stdin) as (session, principal),
        Progress(*columns, console=Console(stderr=True), disable=total < 2) as bar,
    ):
        task = bar.add_task("notify", total=total)
        document = usecases.import_uls(
            session,
            principal=principal,
            imports=imports,
            progress=lambda done: bar.update(task, completed=done),
        )
    rejected = document["rejected"]
    if as_json:
        emit_json(document)
    else:
        Console().print(
            f"{document['fr_rows']} FR rows: {document['accepted_count']} accepted, "
            f"{document['rejected_count']} rejected"
        )
        if rejected:
            print_rows("Rejected", ["source", "row", "field", "reason"], rejected)
    if rejected:
        raise SystemExit(1)  # see notify


def _step(
    token_stdin: bool, as_json: bool, run: Callable[[Session, Principal], dict[str, Any]]
) -> None:
    """One write as the acting principal, in its own transaction; print its answer."""
    with writing(token_stdin) as (session, principal):
        document = run(session, principal)
    _emit(document, as_json)


def _emit(document: Any, as_json: bool) -> None:
    if as_json:
        emit_json(document)
        return
    Console().print_json(json.dumps(document, ensure_ascii=False))


def _parameter(
    name: str, annotation: Any, default: Any = inspect.Parameter.empty
) -> inspect.Parameter:
    """A command parameter as Typer reads it from a signature."""
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    return inspect.Parameter(name, kind, annotation=annotation, default=default)


def _notice_step(
    name: str, summary: str, write: Callable[..., dict[str, Any]], *own: inspect.Parameter
) -> None:
    """Add the command NAME: one write on one notice, as `_step` does it. ``write`` is the
    use case, called with the session, ``principal``, ``notice_id`` and the command's
    ``own`` arguments and options by name."""

    def command(notice_id: int, as_json: bool, token_stdin: bool, **given: Any) -> None:
        _step(
            token_stdin, as_json, lambda s, p: write(s, principal=p, notice_id=notice_id, **given)
        )

    # Typer takes a command's parameters from its signature: the notice, the command's
    # own, then the two options of every write.
    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            _parameter("notice_id", NoticeId),
            *own,
            _parameter("as_json", JsonFlag, False),
            _parameter("token_stdin", TokenStdin, False),
        ]
    )
    command.__doc__ = summary
    app.command(name)(command)


def _examine(session: Session, **step: Any) -> dict[str, Any]:
    return usecases.examine(
        session,
        table_on=lambda day: context().allocation_table(on=day),
        terrain=usecases.terrain_for(context().settings.register_terrain_tiles),
        **step,
    )


_notice_step("examine", "Examine a received notice (the secretariat).", _examine)
_notice_step(
    "record",
    "Record an examined notice in the Master Register (No. 11.31 or No. 4.4).",
    usecases.record,
)
_notice_step(
    "return", "Return an examined notice with its unfavourable finding.", usecases.return_notice
)
_notice_step(
    "withdraw",
    "Withdraw one's administration's notice (suppress it once recorded).",
    usecases.withdraw,
    _parameter("reason", Annotated[str, typer.Option(help="Why (kept in the history).")], ""),
)
_notice_step(
    "agree",
    "Record a coordination agreement obtained for a notice.",
    usecases.record_agreement,
    _parameter(
        "administration",
        Annotated[str, typer.Argument(help="ISO2 of the administration agreeing")],
    ),
)
_notice_step(
    "refuse",
    "Record that one's administration, asked to coordinate, does not agree to a notice.",
    usecases.record_refusal,
    _parameter(
        "administration",
        Annotated[str, typer.Argument(help="ISO2 of the administration refusing")],
    ),
    _parameter("reason", Annotated[str, typer.Option(help="Why it does not agree (required).")]),
)


@app.command()
def show(notice_id: NoticeId, as_json: JsonFlag = False) -> None:
    """A notice or assignment, its finding and its history."""
    with context().sessions() as session:
        document = usecases.show(session, notice_id=notice_id)
    _emit(document, as_json)


@app.command()
def coordination(notice_id: NoticeId, as_json: JsonFlag = False) -> None:
    """The coordination a notice's examination asked for: who agreed, who refused and why,
    who has not answered."""
    with context().sessions() as session:
        document = usecases.coordination_state(session, notice_id=notice_id)
    if as_json:
        emit_json(document)
        return
    if not document["examined"]:
        typer.echo(f"not examined: {document['note']}")
        return
    rows = [
        {**row, "field_strength_dbuv_m": _one_decimal(row["field_strength_dbuv_m"]),
         "trigger_dbuv_m": _one_decimal(row["trigger_dbuv_m"]),
         "distance_km": _one_decimal(row["distance_km"])}
        for row in document["administrations"]
    ]  # fmt: skip
    columns = ["administration", "state", "field_strength_dbuv_m", "trigger_dbuv_m",
               "distance_km", "refusal_reason"]  # fmt: skip
    print_rows(f"Coordination of notice {notice_id}", columns, rows)
    if document["note"]:
        typer.echo(document["note"])


def _one_decimal(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}"


@app.command()
def search(
    administration: str | None = typer.Option(None, help="ISO2 of the notifying administration"),
    low: str | None = typer.Option(None, help='Lower edge: "6 GHz", "6175 MHz"'),
    high: str | None = typer.Option(None, help="Upper edge"),
    near: str | None = typer.Option(None, help="LAT,LON in degrees"),
    radius_km: float | None = typer.Option(None, "--radius-km", help="Radius around --near"),
    service: str | None = typer.Option(None, help="RR Article 1 service"),
    status: str | None = typer.Option(None, help="received, examined, recorded, returned ..."),
    received_from: str | None = typer.Option(None, "--from", help="Received on or after"),
    received_to: str | None = typer.Option(None, "--to", help="Received on or before"),
    limit: int = typer.Option(100, min=1, max=1000),
    as_json: JsonFlag = False,
) -> None:
    """Search the register."""
    query = usecases.search_query(
        administration=administration, low=low, high=high, near=near, radius_km=radius_km,
        service=service, status=status,
        received_from=None if received_from is None else parse_day(received_from, "from"),
        received_to=None if received_to is None else parse_day(received_to, "to"), limit=limit,
    )  # fmt: skip
    with context().sessions() as session:
        found = usecases.search(session, query)
    if as_json:
        emit_json(found)
        return
    print_rows("Register", ["notice_id", "administration", "reference", "service",
                             "frequency_hz", "status", "date_of_receipt"], found)  # fmt: skip


@app.command()
def circular(
    number_argument: int | None = typer.Argument(
        None, metavar="[NUMBER]", min=1, help="The circular's number (default: the latest)"
    ),
    number: int | None = typer.Option(None, min=1, help="The same as NUMBER"),
    as_json: JsonFlag = False,
    output: str = typer.Option(
        "text", "--format", help="text (tables), json, or csv (the printed columns)"
    ),
) -> None:
    """A published circular: Part I received, Part II recorded, Part III returned."""
    if output not in ("text", "json", "csv"):
        raise InvalidInput("format", f"expected text, json or csv, got {output!r}")
    with context().sessions() as session:
        document = usecases.circular_for_print(
            session,
            number=number_argument if number_argument is not None else number,
            period_days=context().settings.register_circular_days,
        )
    if as_json or output == "json":
        emit_json({k: v for k, v in document.items() if k not in ("columns", "rows")})
        return
    if output == "csv":
        typer.echo(print_csv(document["rows"]), nl=False)
        return
    Console().print(f"Circular {document['number']} of {document['date']}")
    keys = [column["key"] for column in document["columns"]]
    for part, rows in document["rows"].items():
        print_rows(f"Part {part}: {document['titles'][part]}", keys, rows)


@app.command()
def publish(as_json: JsonFlag = False, token_stdin: TokenStdin = False) -> None:
    """Publish the next circular (the secretariat)."""
    _step(
        token_stdin,
        as_json,
        lambda s, p: usecases.publish_circular(
            s, principal=p, period_days=context().settings.register_circular_days
        ),
    )


@app.command()
def impact(
    file: Path = typer.Argument(..., help="JSON file: one amendment to the Table or a list"),
    on: str | None = typer.Option(None, "--on", help="The Table in force on (default today)"),
    as_json: JsonFlag = False,
) -> None:
    """Which recorded assignments would stop (or start) conforming with the Table (No.
    11.31), or change category, were these amendments made to the Table in force."""
    amendments = read_cases(file, field="amendments")[0]
    day = None if on is None else parse_day(on, "on")
    with context().sessions() as session:
        document = usecases.amendment_impact(session, amendments=amendments, on=day)
    if as_json:
        emit_json(document)
        return
    rows = [
        {**change, "before": _examined_text(change["before"]),
         "after": _examined_text(change["after"])}
        for change in document["changes"]
    ]  # fmt: skip
    title = f"Changed by {document['amendments']} amendment(s) to {document['edition']}"
    print_rows(title, ["notice_id", "administration", "reference", "service", "band",
                       "before", "after"], rows)  # fmt: skip
    totals = document["totals"]
    typer.echo(
        f"{document['looked_at']} recorded assignments looked at; "
        f"{totals['newly_non_conforming']} would stop conforming, "
        f"{totals['newly_conforming']} would start"
    )


def _examined_text(examined: dict[str, Any]) -> str:
    return examined["category"] if examined["conforms"] else "does not conform"
