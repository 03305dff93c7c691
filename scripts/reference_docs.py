"""Write docs/cli.md and docs/api.md from the command tree and the OpenAPI description.

Run `make docs` after adding a command or an endpoint; tests/test_docs.py fails until
every command, endpoint and setting is documented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.main import get_command

from openitu.cli.main import app as cli_app
from openitu.service.app import create_app
from openitu.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"

CLI_INTRO = """# Command-line reference

`openitu` is installed in `.venv/bin/` by `make run` or `make test`. Conventions that hold
for every command:

- A command that answers a question takes `--json` and then prints exactly one JSON
  document on stdout and nothing else.
- Bad input exits with status 2 and one line on stderr naming the field and the reason
  (`error: frequency: must not be negative`); other failures exit 1.
- Frequencies are written `2.45GHz`, `2450 MHz` or `2450000000` (Hz).
- A CASE file (radio models) holds one case (a JSON object) or many (a list); the output is
  one result or a list in the same order.
- The database is `OPENITU_DATABASE_URL` (see the README's settings).

This file is written by `make docs` from the commands' own help; `openitu COMMAND --help`
gives every option with its description.
"""

API_INTRO = """# HTTP API reference

The service (`openitu serve`, `make run`) publishes its OpenAPI description at
`/api/openapi.json` and an interactive page at `/api/docs`. Errors are
`application/problem+json` (RFC 9457): 422 for bad input with `errors: [{field, reason}]`,
401 when not signed in, 403 when the rights do not allow it, 404, 409, 413 (a body over
16 MiB), 429 (rate limit, with `Retry-After`), and 405 with `Allow`; the description lists
each operation's own. Machines authenticate with `Authorization: Bearer <token>`
(`POST /api/auth/token`); public reads need no token, and a token that is sent must be valid.

This file is written by `make docs` from the OpenAPI description.
"""


def _first_paragraph(text: str | None) -> str:
    return " ".join((text or "").strip().split("\n\n")[0].split())


def cli_reference() -> str:
    groups: dict[str, list[tuple[str, str, str]]] = {}

    def walk(command: Any, prefix: list[str]) -> None:
        children = getattr(command, "commands", None)
        if children:
            for name, child in sorted(children.items()):
                walk(child, [*prefix, name])
            return
        arguments = []
        for parameter in command.params:
            if parameter.param_type_name == "argument":
                arguments.append(str(parameter.name).upper())
            else:
                long_names = [o for o in parameter.opts if o.startswith("--")]
                if long_names and long_names[0] != "--help":
                    arguments.append(long_names[0])
        group = prefix[1] if len(prefix) > 2 else "general"
        groups.setdefault(group, []).append(
            (" ".join(prefix), " ".join(arguments), _first_paragraph(command.help))
        )

    walk(get_command(cli_app), ["openitu"])
    lines = [CLI_INTRO]
    for group in sorted(groups, key=lambda g: (g != "general", g)):
        lines += [
            f"\n## {group}\n",
            "| command | arguments and options | what it does |",
            "|---|---|---|",
        ]
        lines += [f"| `{c}` | {a} | {h} |" for c, a, h in groups[group]]
    return "\n".join(lines) + "\n"


def api_reference() -> str:
    document = create_app(Settings(database_url="sqlite://")).openapi()
    sections: dict[str, list[str]] = {}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["general"])[0]
            summary = _first_paragraph(operation.get("description")) or operation.get("summary", "")
            sections.setdefault(tag, []).append(f"| `{method.upper()} {path}` | {summary} |")
    lines = [API_INTRO]
    for tag in sorted(sections):
        lines += [f"\n## {tag}\n", "| endpoint | what it does |", "|---|---|", *sections[tag]]
    return "\n".join(lines) + "\n"


def main() -> None:
    (DOCS / "cli.md").write_text(cli_reference(), encoding="utf-8")
    (DOCS / "api.md").write_text(api_reference(), encoding="utf-8")
    print("wrote docs/cli.md and docs/api.md")


if __name__ == "__main__":
    main()
