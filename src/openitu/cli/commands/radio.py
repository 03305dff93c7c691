"""`openitu radio ...`: each model's commands come from ``openitu.cli.radio.<model>``."""

from __future__ import annotations

import typer

from openitu.discovery import submodules

NAME = "radio"
app = typer.Typer(help="Radio engineering: propagation, antennas, emissions.", no_args_is_help=True)

# Each module defines `register(app)`, adding its commands (p452, p1546, slant-path ...).
for _module in submodules("openitu.cli.radio"):
    _module.register(app)
