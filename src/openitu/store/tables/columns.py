"""Column kinds the areas' tables declare alike, as ``Annotated`` types for ``Mapped[...]``.

``id: Mapped[IntegerId]`` declares what ``mapped_column(Integer, primary_key=True)`` did;
``Mapped[Timestamp | None]`` makes the column nullable, and an assigned ``mapped_column()``
adds to the kind (``unique=True``, ``index=True``). The migrations write the same kinds
in store/migrations/shared.py, frozen there: changing a kind here needs a migration.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import mapped_column

IntegerId = Annotated[int, mapped_column(Integer, primary_key=True)]
"""The integer ``id`` most tables are keyed on."""

Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True))]
"""A date and time with its zone."""

Actor = Annotated[str, mapped_column(String(128))]
"""Who did something: a principal's name."""

Administration = Annotated[str, mapped_column(String(2))]
"""An administration's (a Member State's) two-letter code."""
