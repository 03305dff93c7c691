"""Every numeric option of every command says its unit, and `--help` shows it.

Rich reads "[km]" in a help string as a markup tag and prints nothing, so a unit written
that way is lost on the screen though it is in the source: the second test renders the
help the way a user sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, get_args

import pytest
from typer import _click as click
from typer.core import TyperOption
from typer.main import get_command
from typer.testing import CliRunner

from openitu.cli.main import app

#: A unit in brackets or parentheses, or in words ("in km", "dimensionless", "a count").
_UNIT = re.compile(
    r"[\[(][^\])]*\b(?:Hz|kHz|MHz|GHz|km|m|deg|degrees|dB|dBW|dBi|dBm|K|kW|s|%|digits|"
    r"dimensionless|deg east|year|years|count|h|hours)\b[^\])]*[\])]"
    r"|\b(?:dimensionless|a count|number of|percent|per cent|in (?:km|m|deg|dB\w*|Hz|s))\b"
)
#: Numbers that are not quantities: identifiers, counts, Regions, years (no unit to name).
NOT_QUANTITIES = frozenset(
    {
        "--after",
        "--limit",
        "--region",
        "--year",
        "--proposal",
        "--length",
        "--number",
        "--chunk",
        "--port",
        "--workers",
    }
)
#: An option whose name carries its unit ("--radius-km", "--expires-days").
_UNIT_IN_NAME = re.compile(r"-(km|m|deg|db\w*|hz|k?hz|mhz|ghz|days|s)$")
_BRACKETED = re.compile(r"[\[(][^\])]*[\])]")


def _is_numeric(annotation: Any) -> bool:
    """float, int, float | None, list[float] (bool is an int, but a flag has no unit)."""
    if annotation in (float, int):
        return True
    return any(_is_numeric(inner) for inner in get_args(annotation))


def _numeric_options() -> Iterator[tuple[str, TyperOption]]:
    def walk(command: click.Command, path: str) -> Iterator[tuple[str, TyperOption]]:
        for name, child in sorted(getattr(command, "commands", {}).items()):
            yield from walk(child, f"{path} {name}")
        for parameter in command.params:
            if isinstance(parameter, TyperOption) and _is_numeric(
                parameter.type_descriptor.annotation
            ):
                yield path, parameter

    yield from walk(get_command(app), "openitu")


NUMERIC = list(_numeric_options())


def test_the_walk_finds_the_radio_options() -> None:
    names = {(path, option.opts[-1]) for path, option in NUMERIC}
    assert ("openitu radio free-space", "--d") in names
    assert ("openitu radio free-space", "--eirp") in names


@pytest.mark.parametrize(("path", "option"), NUMERIC, ids=[f"{p} {o.opts[-1]}" for p, o in NUMERIC])
def test_every_numeric_option_names_its_unit(path: str, option: TyperOption) -> None:
    name = option.opts[-1]
    if name in NOT_QUANTITIES or _UNIT_IN_NAME.search(name):
        return
    assert option.help and _UNIT.search(option.help), f"{path} {option.opts}: {option.help!r}"


@pytest.mark.parametrize("path", sorted({p for p, _ in NUMERIC}), ids=lambda p: p.replace(" ", "_"))
def test_help_shows_the_units_on_the_screen(path: str) -> None:
    result = CliRunner().invoke(
        app, [*path.split()[1:], "--help"], terminal_width=400, env={"COLUMNS": "400"}
    )
    assert result.exit_code == 0, result.output
    for shown_path, option in NUMERIC:
        if shown_path != path or not option.help:
            continue
        for unit in _BRACKETED.findall(option.help):
            assert unit in result.output, f"{path} {option.opts}: {unit} lost from --help"
