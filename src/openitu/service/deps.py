"""Dependency aliases shared by the routes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from openitu.service.context import AppContext
from openitu.store.db import conflict_from


def get_context(request: Request) -> AppContext:
    context = request.app.state.context
    assert isinstance(context, AppContext)
    return context


def get_session(request: Request) -> Iterator[Session]:
    """One unit of work per request: committed on success, rolled back on error.

    A constraint the database finds at a flush or only at the commit (two concurrent
    creates of one name, which a route's own check cannot see) is rolled back and
    answered 409 Conflict naming the table and columns, never a 500.
    """
    context = get_context(request)
    try:
        with context.sessions() as session, session.begin():
            yield session
    except IntegrityError as exc:
        raise conflict_from(exc) from exc


ContextDep = Annotated[AppContext, Depends(get_context)]
# scope="function": commit when the route function returns, BEFORE the response is sent.
# FastAPI's default ("request") would commit after sending it, so a client could be told
# 201 for a write that then fails to commit or is lost in a crash (docs/security.md).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
