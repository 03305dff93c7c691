"""Response models that are a core dataclass's fields, so that a field is named once.

A route answering with a core value (an account, an audit entry) shows the dataclass's
own fields, less those the API does not show (a row's internal id); a model spelled out
again beside the dataclass would drift from it when a field is added or renamed.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, get_type_hints

from pydantic import BaseModel, ConfigDict, create_model

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def response_model(
    name: str, cls: type[DataclassInstance], *, hidden: frozenset[str] = frozenset()
) -> type[BaseModel]:
    """The model ``name`` with ``cls``'s fields (required, of their annotated types) but
    those in ``hidden``, validated from a ``cls`` instance's attributes.

    A model built at run time is a value to mypy, not a type: a route names it in its
    decorator's ``response_model`` and returns ``BaseModel``.
    """
    hints = get_type_hints(cls)
    shown: dict[str, Any] = {
        field.name: (hints[field.name], ...)
        for field in dataclasses.fields(cls)
        if field.name not in hidden
    }
    return create_model(name, __config__=ConfigDict(from_attributes=True), **shown)
