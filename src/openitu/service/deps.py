"""Dependency aliases shared by the routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from openitu.service.context import AppContext


def get_context(request: Request) -> AppContext:
    context = request.app.state.context
    assert isinstance(context, AppContext)
    return context


def get_session(request: Request) -> Iterator[Session]:
    """One unit of work per request: committed on success, rolled back on error."""
    context = get_context(request)
    with context.sessions() as session, session.begin():
        yield session


ContextDep = Annotated[AppContext, Depends(get_context)]
# scope="function": commit when the route function returns, BEFORE the response is sent.
# FastAPI's default ("request") would commit after sending it, so a client could be told
# 201 for a write that then fails to commit or is lost in a crash (docs/security.md).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
