"""What every command shares: the application context and JSON output."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from openitu.errors import InvalidInput
from openitu.service.context import AppContext
from openitu.settings import Settings


@cache
def context() -> AppContext:
    return AppContext.from_settings(Settings())


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False))
    sys.stdout.write("\n")


def read_cases(path: Path, *, field: str = "case_file") -> tuple[list[dict[str, Any]], bool]:
    """Read a CASE file holding one case (an object) or many (a list).

    Returns the cases and whether the file held a list, so that the output can be
    one result or a list in the same order.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(field, f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(field, f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(field, f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InvalidInput(field, "JSON nested too deeply") from None
    if isinstance(document, dict):
        return [document], False
    if isinstance(document, list) and all(isinstance(case, dict) for case in document):
        return list(document), True
    raise InvalidInput(field, "must hold a JSON object or a list of objects")
