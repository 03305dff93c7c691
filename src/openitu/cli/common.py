"""What every command shares: the application context and JSON output."""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import Any

from openitu.service.context import AppContext
from openitu.settings import Settings


@cache
def context() -> AppContext:
    return AppContext.from_settings(Settings())


def emit_json(document: Any) -> None:
    """Print one JSON document on stdout and nothing else."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False))
    sys.stdout.write("\n")
