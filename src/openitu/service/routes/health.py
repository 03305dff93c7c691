from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from openitu import __version__
from openitu.service.auth import public
from openitu.service.deps import ContextDep

router = APIRouter(prefix="/api", tags=["health"], dependencies=[public])


@router.get("/health")
def health(context: ContextDep) -> dict[str, Any]:
    """Liveness and database reachability."""
    with context.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok", "version": __version__, "database": context.engine.dialect.name}
