"""The layers' contract: what each part of src/openitu may import.

- the core (every package but the adapters and the use cases) imports no database, web or
  terminal library and no adapter: its rules run on plain values;
- the use cases (``usecases/``) may use the store's repositories and a SQLAlchemy session,
  never the web or the terminal;
- the store imports no use case and no adapter above it: it holds rows, not rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "openitu"
ADAPTERS = {"store", "service", "web", "cli", "batch"}
UPPER = {"usecases"} | ADAPTERS
FORBIDDEN_IN_CORE = ("sqlalchemy", "fastapi", "typer", "starlette", "alembic", "uvicorn")
FORBIDDEN_IN_USECASES = ("fastapi", "typer", "starlette", "alembic", "uvicorn", "rich")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _layer_offenders(
    layer: set[str] | None, libraries: tuple[str, ...], above: set[str]
) -> list[str]:
    offenders = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC)
        top = relative.parts[0]
        in_layer = top not in UPPER if layer is None else top in layer
        if not in_layer:
            continue
        offenders += [
            f"{relative}: {name}"
            for name in _imports(path)
            if name.split(".")[0] in libraries
            or any(name.startswith(f"openitu.{a}") for a in above)
        ]
    return offenders


def test_core_is_free_of_adapter_imports() -> None:
    assert _layer_offenders(None, FORBIDDEN_IN_CORE, UPPER) == []


def test_use_cases_import_neither_the_web_nor_the_terminal() -> None:
    assert _layer_offenders({"usecases"}, FORBIDDEN_IN_USECASES, {"service", "web", "cli"}) == []


def test_the_store_imports_no_use_case_and_no_adapter_above_it() -> None:
    assert _layer_offenders({"store"}, (), {"usecases", "service", "web", "cli", "batch"}) == []
