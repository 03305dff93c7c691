"""Every command, setting and API endpoint is documented (a new one fails until it is)."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from openitu.cli.main import app as cli_app
from openitu.service.app import create_app
from openitu.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _command_paths() -> list[str]:
    paths: list[str] = []

    def walk(command: object, prefix: list[str]) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in sorted(children.items()):
                walk(child, [*prefix, name])
        else:
            paths.append(" ".join(prefix))

    walk(get_command(cli_app), ["openitu"])
    return paths


def test_every_command_is_in_the_cli_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [path for path in _command_paths() if f"`{path}" not in reference]
    assert missing == []


def test_every_setting_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        f"OPENITU_{name.upper()}"
        for name in Settings.model_fields
        if f"OPENITU_{name.upper()}" not in readme
    ]
    assert missing == []


def test_every_api_endpoint_is_in_the_api_reference() -> None:
    reference = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    document = create_app(Settings(database_url="sqlite://")).openapi()
    missing = [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
        if f"`{method.upper()} {path}`" not in reference
    ]
    assert missing == []
