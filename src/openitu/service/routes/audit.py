"""`/api/audit`: the audit log and its verification (secretariat, admin)."""

from __future__ import annotations

from types import GenericAlias

from fastapi import APIRouter, Query
from pydantic import BaseModel

from openitu.service.auth import require
from openitu.service.dataclass_models import response_model
from openitu.service.deps import SessionDep
from openitu.store import audit

router = APIRouter(prefix="/api/audit", tags=["audit"], dependencies=[require("audit.read")])


# The API's audit entry: the store's, less the digests of the rows it wrote.
EntryOut = response_model("EntryOut", audit.AuditEntry, hidden=frozenset({"rows"}))
# Spelled so because a model built at run time is a value to mypy, not a type.
_ENTRY_LIST = GenericAlias(list, (EntryOut,))


class Verification(BaseModel):
    intact: bool
    entries: int
    head_hash: str
    broken_at: int | None
    reason: str | None


@router.get("/entries", response_model=_ENTRY_LIST)
def entries(
    session: SessionDep,
    entity: str | None = Query(default=None, max_length=64),
    entity_id: str | None = Query(default=None, max_length=128),
    after: int = Query(default=0, ge=0, le=2**62),
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[BaseModel]:
    """Entries in chain order, optionally about one entity, after a sequence number."""
    return [
        EntryOut.model_validate(vars(entry))
        for entry in audit.entries(
            session, entity=entity, entity_id=entity_id, after=after, limit=limit
        )
    ]


@router.get("/verify")
def verify(session: SessionDep) -> Verification:
    """Recompute the whole chain; name the first broken link."""
    broken = audit.verify(session)
    seq, head_hash = audit.head(session)
    return Verification(
        intact=broken is None,
        entries=seq,
        head_hash=head_hash,
        broken_at=None if broken is None else broken.seq,
        reason=None if broken is None else broken.reason,
    )
