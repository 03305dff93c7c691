"""One version number per area, bumped by every write to that area.

Every process caches what it derives from an area's data (the allocation table of an
edition, the E.212 register ...) under the version it read first; a write in any process
bumps the version in the same transaction as the change, so every other process sees
its cache go stale the moment the change commits.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from openitu.store.base import Base

AREAS = (
    "accounts",
    "governance",
    "indicators",
    "library",
    "numbering",
    "register",
    "space",
    "spectrum",
)
"""The areas a write may touch; each has one row from the first migration on."""


class AreaVersion(Base):
    __tablename__ = "area_versions"

    area: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
