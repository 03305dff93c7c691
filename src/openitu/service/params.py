"""Bounded parameter types for routes, so that no value reaches the database unchecked.

A path or query id beyond what the column holds would otherwise fail inside the
driver (SQLite: OverflowError above 2**63; PostgreSQL: INTEGER out of range above
2**31 - 1) and answer 500. With these, FastAPI answers 422 naming the parameter.
"""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import Path

INT32_MAX: Final = 2**31 - 1

RowId = Annotated[int, Path(ge=1, le=INT32_MAX, description="a row id (1 to 2^31-1)")]
"""A path parameter naming a row by its INTEGER primary key."""
