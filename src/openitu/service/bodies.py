"""How a route hands a request body to its use case.

The body models name their fields as the use cases name their parameters, so a route
passes the body's fields on as keyword arguments instead of spelling each one out.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def arguments(
    body: BaseModel, *, exclude: frozenset[str] = frozenset(), **parsed: Any
) -> dict[str, Any]:
    """``body``'s fields as keyword arguments of the use case, less those in ``exclude``;
    ``parsed`` holds the fields the route has parsed into the use case's types (or named
    otherwise), replacing the raw ones."""
    return {**body.model_dump(exclude=set(exclude)), **parsed}
