"""Settings from the environment (OPENITU_*) and an optional settings file."""

from __future__ import annotations

import os

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from openitu.paths import default_database_url


class Settings(BaseSettings):
    """Everything configurable, read once per process.

    ``OPENITU_SETTINGS_FILE`` names an optional ``KEY=value`` file read before
    the environment (the environment wins).
    """

    model_config = SettingsConfigDict(
        env_prefix="OPENITU_",
        env_file=os.environ.get("OPENITU_SETTINGS_FILE"),
        extra="ignore",
    )

    database_url: str = Field(default_factory=default_database_url)
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = ""
    # Rate limits (see docs/security.md): every guarded request takes one token from its
    # client's bucket (a signed-in user's, else the client address's). The buckets live
    # in each worker process, or in Redis, shared by all, when redis_url is set.
    api_rate_per_s: float = 50.0
    api_burst: int = 200
    sign_in_per_minute: float = 10.0
    redis_url: str | None = None
    redis_prefix: str = "openitu"
    # The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto headers are believed
    # (comma-separated addresses or networks, "10.0.0.5,192.168.0.0/24"); none by default,
    # so a client cannot pick the address its rate limits are kept under
    # (docs/security.md).
    trusted_proxies: str = ""
    # The register's circular appears every this many days (the BR IFIC: every two weeks).
    register_circular_days: int = Field(default=14, ge=1, le=366)
    # GeoTIFF elevation tiles for the technical examination's path profiles (a glob such
    # as /data/srtm/*.tif); empty: the P.1511 topography the engine ships.
    register_terrain_tiles: str = ""
