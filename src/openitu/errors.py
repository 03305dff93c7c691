"""One error hierarchy for the whole system.

Adapters translate these and nothing else: the HTTP service into problem+json
(RFC 9457), the CLI into an exit code and one line on stderr.

::

    OpenITUError                 500  exit 1
    ├── InvalidInput             422  exit 2   (names the field and the reason)
    ├── NotFound                 404  exit 2
    ├── Conflict                 409  exit 2
    ├── NotAuthenticated         401  exit 2
    ├── Forbidden                403  exit 2
    ├── RateLimited              429  exit 2   (too many requests; retry later)
    └── IntegrityFailure         500  exit 1   (a stored record fails its check)

and `RowError`, what an upload that goes on past its bad rows keeps of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar


class OpenITUError(Exception):
    """Base of every error the domain raises on purpose."""

    status: ClassVar[int] = 500
    type_slug: ClassVar[str] = "internal-error"
    title: ClassVar[str] = "Internal error"
    exit_code: ClassVar[int] = 1

    def __init_subclass__(
        cls,
        *,
        status: int | None = None,
        type_slug: str | None = None,
        title: str | None = None,
        **kwargs: Any,
    ) -> None:
        """A kind of error is declared by its status, slug and title (the class's keywords;
        a refinement of a kind that names none keeps its kind's); the exit code follows
        from the status: the caller's error (4xx) exits 2, a failure of the system (5xx) 1,
        as the tree above shows."""
        super().__init_subclass__(**kwargs)
        cls.status = cls.status if status is None else status
        cls.type_slug = cls.type_slug if type_slug is None else type_slug
        cls.title = cls.title if title is None else title
        cls.exit_code = 2 if cls.status < 500 else 1

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    @property
    def type_uri(self) -> str:
        return f"https://openitu.org/problems/{self.type_slug}"

    def one_line(self) -> str:
        return self.detail


class InvalidInput(OpenITUError, status=422, type_slug="invalid-input", title="Invalid input"):
    """Input that cannot be accepted: names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason

    def error_list(self) -> list[dict[str, object]]:
        """The problem document's ``errors``: one entry, or one per bad row of a file."""
        return [{"field": self.field, "reason": self.reason}]


class NotFound(OpenITUError, status=404, type_slug="not-found", title="Not found"):
    """What the request names does not exist."""


class Conflict(OpenITUError, status=409, type_slug="conflict", title="Conflict"):
    """The request clashes with what is stored (a duplicate, a stale reference).

    ``entity`` (a table or record kind) and ``fields`` name what clashed when known;
    the HTTP adapter adds them to the problem as ``entity`` and ``fields``.
    """

    def __init__(
        self, detail: str, *, entity: str | None = None, fields: tuple[str, ...] = ()
    ) -> None:
        super().__init__(detail)
        self.entity = entity
        self.fields = fields


class NotAuthenticated(
    OpenITUError, status=401, type_slug="not-authenticated", title="Not authenticated"
):
    """The request needs a signed-in account or a valid API token."""


class Forbidden(OpenITUError, status=403, type_slug="forbidden", title="Forbidden"):
    """The principal's rights do not allow the request."""


class RateLimited(OpenITUError, status=429, type_slug="rate-limited", title="Too many requests"):
    """Too many requests of a kind: ``retry_after_s`` says when to try again."""

    def __init__(self, detail: str, *, retry_after_s: float) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s


class IntegrityFailure(
    OpenITUError, status=500, type_slug="integrity-failure", title="Integrity failure"
):
    """A stored record fails its check."""


@dataclass(frozen=True)
class RowError:
    """A row of a file that was refused: its number (as the file's reader counts them), and
    the field and reason an `InvalidInput` about it names."""

    row: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "reason": self.reason}
