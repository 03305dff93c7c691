"""What every repository does with rows: read the rows that belong to another, and map
a row to the core's dataclass whose fields are its columns (and back).

Most of a repository's mappings copy a column into the field of the same name and
convert only a few (an enum from its stored string, a tuple from a JSON list): one
function does the copying, and each mapping says only what it converts.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from openitu.errors import NotFound

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

D = TypeVar("D", bound="DataclassInstance")
R = TypeVar("R")


def from_row(cls: type[D], row: object, **converted: Any) -> D:
    """A ``cls`` whose fields are ``row``'s attributes of the same names, but for those
    given in ``converted`` (a field the row lacks must be given there)."""
    copied = {
        field.name: getattr(row, field.name)
        for field in fields(cls)
        if field.init and field.name not in converted
    }
    return cls(**copied, **converted)


def columns(value: DataclassInstance, **converted: Any) -> dict[str, Any]:
    """``value``'s fields by name, for the constructor of a row whose columns they are,
    but for those given in ``converted``."""
    copied = {
        field.name: getattr(value, field.name)
        for field in fields(value)
        if field.name not in converted
    }
    return copied | converted


def rows_where(session: Session, model: type[R], *order_by: Any, **equal: Any) -> list[R]:
    """The rows of ``model`` whose columns hold the values given in ``equal`` (a
    conference's agenda items, an application's events), in ``order_by``'s order."""
    return list(session.scalars(select(model).filter_by(**equal).order_by(*order_by)))


def found(value: R | None, missing: str) -> R:
    """``value``, or `NotFound` saying ``missing`` ("no conference 'WRC-27'") when the
    look-up that gave it found nothing."""
    if value is None:
        raise NotFound(missing)
    return value
