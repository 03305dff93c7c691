"""Contract: a leading underscore means "this module's own business".

* No module under src/openitu imports another module's private name
  (``from openitu.x import _y``), lazily inside a function or not, nor reaches one through
  an imported module (``from openitu.x import m`` then ``m._y``).
* A private module (``openitu.x._m``) is imported only from inside its own package
  (``openitu.x`` and below): ``geo/polygons.py`` may read ``geo/_shapefile.py``, nothing
  outside ``geo/`` may.
* No test imports a private name or a private module of ``openitu``: tests go through the
  public functions (or the helper is made public and documented).

* The radio modules import each other without a circle (lazily inside a function or not):
  maps -> p1511 -> p2145 -> p676 -> p618, and so on, never back.

That store/ imports neither cli/, service/ nor web/ is the layer contract of
tests/test_layers.py, which reads the same import statements.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "openitu"
TESTS = ROOT / "tests"


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    """Whether ``openitu.a.b`` names a module or package of the source tree."""
    path = SRC.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(path: Path, importer: str | None) -> Iterator[tuple[int, str, str | None]]:
    """(line, module, name) for each ``openitu`` import: name None for ``import m``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "openitu":
                    yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level and importer is not None:
                # Relative: resolve against the importing module's package.
                is_package = path.name == "__init__.py"
                base = importer.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, module] if module else base)
            if module.split(".")[0] != "openitu":
                continue
            for alias in node.names:
                yield node.lineno, module, alias.name


def _offences(path: Path, importer: str | None) -> Iterator[str]:
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for line, module, name in _imports(path, importer):
        for offence in _check_one(module, name, importer):
            yield f"{where}:{line}: {offence}"


def _check_one(module: str, name: str | None, importer: str | None) -> Iterator[str]:
    imported = module if name is None else f"{module}.{name}"
    parts = imported.split(".")
    private_parts = [i for i, part in enumerate(parts) if _private(part)]
    if not private_parts:
        return
    first = private_parts[0]
    if first == len(parts) - 1 and name is not None and not _is_module(imported):
        # A private name (function, class, constant) of another module.
        yield f"imports the private name {name} of {module}"
        return
    # A private module: allowed only inside the package that holds it.
    package = ".".join(parts[:first])
    if importer is None or not (importer == package or importer.startswith(package + ".")):
        yield f"imports the private module {'.'.join(parts[: first + 1])}"


def _attribute_offences(path: Path) -> Iterator[str]:
    """``m._y`` where ``m`` names an imported ``openitu`` module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("openitu.") and alias.asname:
                    modules[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openitu"):
            for alias in node.names:
                if _is_module(f"{node.module}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and _private(node.attr)
        ):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            yield (
                f"{where}:{node.lineno}: reaches the private name {node.attr} "
                f"of {modules[node.value.id]}"
            )


def test_no_module_imports_another_modules_private_names() -> None:
    offenders = [
        offence
        for path in sorted(PACKAGE.rglob("*.py"))
        for offence in (*_offences(path, _module_name(path)), *_attribute_offences(path))
    ]
    assert offenders == []


def test_no_test_imports_private_names() -> None:
    offenders = [
        offence
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != "test_private_names.py"
        for offence in (*_offences(path, None), *_attribute_offences(path))
    ]
    assert offenders == []


def test_the_contract_sees_what_it_forbids(tmp_path: Path) -> None:
    # Each kind of offence is found (so that the empty lists above mean something).
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from openitu.radio.propagation.p840 import _bilinear\n"
        "from openitu.geo import _shapefile\n"
        "import openitu.geo._shapefile\n"
        "from openitu.radio.checks import as_array\n"
        "from openitu.radio import cases\n"
        "from openitu.radio.propagation import p837\n"
        "def lazy() -> None:\n"
        "    from openitu.radio.propagation.p2145 import _grid\n"
        "    p837._step8\n",
        encoding="utf-8",
    )
    found = [o.split(": ", 1)[1] for o in _offences(probe, "openitu.radio.probe")]
    assert found == [
        "imports the private name _bilinear of openitu.radio.propagation.p840",
        "imports the private module openitu.geo._shapefile",
        "imports the private module openitu.geo._shapefile",
        "imports the private name _grid of openitu.radio.propagation.p2145",
    ]
    assert [o.split(": ", 1)[1] for o in _attribute_offences(probe)] == [
        "reaches the private name _step8 of openitu.radio.propagation.p837"
    ]
    # Inside its own package a private module is fine: geo/polygons.py reads geo/_shapefile.
    assert list(_offences(PACKAGE / "geo" / "polygons.py", "openitu.geo.polygons")) == []


def _import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the modules of ``package`` it imports (module level or in a function)."""
    paths = {
        _module_name(path): path for path in sorted(SRC.joinpath(*package.split(".")).rglob("*.py"))
    }
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        for _, module, imported in _imports(path, name):
            target = f"{module}.{imported}" if imported else module
            target = target if target in paths else module
            if target in paths and target != name:
                graph[name].add(target)
    return graph


def _circle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle of the graph, or [] (depth-first search)."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return []
        for target in sorted(graph[node]):
            found = visit(target, [*path, node])
            if found:
                return found
        done.add(node)
        return []

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return []


def test_radio_modules_import_each_other_without_a_circle() -> None:
    graph = _import_graph("openitu.radio")
    assert "openitu.radio.propagation.maps" in graph["openitu.radio.propagation.p618"]
    assert _circle(graph) == []
    # The search finds a circle when there is one.
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
