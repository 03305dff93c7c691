"""The words a request names a governance term by (a kind of member, a matter, a voting
method, a kind of conference ...): the values of a `StrEnum`, in any case, with ``_`` for
``-``."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from openitu.errors import InvalidInput

Term = TypeVar("Term", bound=StrEnum)


def parse_term(terms: type[Term], value: str, *, field: str, what: str) -> Term:
    """``value`` as one of ``terms``; `InvalidInput` on ``field`` otherwise, saying that
    it is not ``what`` ("a matter") and naming every term. A term's own case does not
    matter either ("WRC", "Council")."""
    wanted = value.strip().lower().replace("_", "-")
    for term in terms:
        if term.value.lower() == wanted:
            return term
    names = ", ".join(term.value for term in terms)
    raise InvalidInput(field, f"{value!r} is not {what} ({names})")
