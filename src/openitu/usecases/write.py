"""The one write path: authorize, lock, audit, version.

Every use case that changes data starts with :func:`begin`::

    write = begin(session, principal=principal, right="numbering.apply",
                  area="numbering", administration="KE")
    ... load, decide with the core's rules, persist ...
    write.audit("numbering.application.submit", entity="numbering_application",
                entity_id=row.id, payload=...)

:func:`begin` checks the principal's right first (nothing is read for a principal who may
not act), then bumps the area's version as the transaction's first statement: that
orders the area's writers (row lock on PostgreSQL, write lock on SQLite) and tells every
process's caches that the area changed once the transaction commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from openitu.accounts.rights import RIGHTS_BY_PERMISSION, Principal, authorize, check_role
from openitu.store import audit, versions


@dataclass
class Write:
    """One use case's write: who acts, for which right, in which transaction."""

    session: Session
    principal: Principal
    right: str
    area: str
    authorized: bool
    touched: set[str] = field(default_factory=set)

    def authorize_for(self, administration: str, *, proxy_held: str | None = None) -> None:
        """Check a per-administration right once the administration is known (say, the
        one recorded on a notice the use case has just loaded), and for a right where a
        proxy counts, the proxy the data records the principal as holding."""
        authorize(self.principal, self.right, administration=administration, proxy_held=proxy_held)
        self.authorized = True

    def touch(self, area: str) -> None:
        """This write also changes another area's data (Final Acts make a new edition of
        the Table): bump that area's version too."""
        if area != self.area and area not in self.touched:
            versions.bump(self.session, area)
            self.touched.add(area)

    def audit(
        self, action: str, *, entity: str, entity_id: object, payload: dict[str, Any]
    ) -> None:
        """Append the change to the audit chain, in the same transaction.

        The entry also records the digests of the rows the change wrote: the rows of
        ``entity`` (``store/audited.AUDITED`` maps entity names to tables) and every
        audited row flushed since the previous entry, so that ``openitu audit verify
        --rows`` names a row later changed outside the application.
        """
        if not self.authorized:
            # A per-administration right was never checked against the data: refusing to
            # record keeps a forgotten `authorize_for` from becoming a silent hole.
            raise RuntimeError(f"{self.right}: call authorize_for(administration) first")
        audit.record(
            self.session,
            actor=self.principal.actor,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            payload=payload,
        )


def begin(
    session: Session,
    *,
    principal: Principal,
    right: str,
    area: str,
    administration: str | None = None,
) -> Write:
    """Start a use case's write: call first, before the use case reads anything.

    ``right`` is a row of the rights table. For a per-administration right, pass the
    ``administration`` the action concerns, or call :meth:`Write.authorize_for` once it
    is known from the data; until then only the role is checked.
    """
    known = RIGHTS_BY_PERMISSION.get(right)
    if known is None:
        raise ValueError(f"unknown permission {right!r}; add it to accounts.rights.RIGHTS")
    if known.per_administration and administration is None:
        check_role(principal, right)
        authorized = False
    else:
        authorize(principal, right, administration=administration)
        authorized = True
    versions.bump(session, area)
    return Write(
        session=session, principal=principal, right=right, area=area, authorized=authorized
    )
