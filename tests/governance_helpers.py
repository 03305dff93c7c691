"""Names the governance tests share (imported by a unique module name: `from conftest
import ...` would find whichever area's conftest was imported first)."""

from __future__ import annotations

from collections.abc import Callable

from openitu.accounts import Principal, Role

ADMIN = Principal(role=Role.ADMIN, username="cli:governance-tests", via="cli")
PASSWORD = "governance test password 1"

TokenFor = Callable[..., dict[str, str]]
"""token_for(username, role, administration=None, proxy_for=None) -> auth headers."""

ServerFor = Callable[[str], str]
"""server_for(database_url) -> base URL of `openitu serve` running on it."""
