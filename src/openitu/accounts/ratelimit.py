"""Token buckets, one per client key (an address, a user, a username tried).

Two stores behind one interface (``take(key) -> seconds to wait``):

- :class:`TokenBuckets`, in the process (the default): with ``n`` worker processes a
  client can get up to ``n`` times the rate.
- :class:`RedisBuckets`, shared by every process and host that names the same Redis
  (``OPENITU_REDIS_URL``): the same bucket arithmetic, done atomically in Redis by one
  Lua script on Redis's clock, so that workers neither race nor disagree on the time.

If Redis stops answering, :class:`RedisBuckets` falls back to its own in-process buckets
(and tries Redis again a few seconds later): the service stays up and every client is
still limited, at worst to ``n`` times the rate as without Redis. Failing closed would
let a Redis outage take the whole API down; failing fully open would lift the sign-in
limit that slows password guessing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger("openitu.ratelimit")


class Limiter(Protocol):
    """Where the buckets live."""

    shared: bool
    """True when every worker process sees the same buckets."""

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens: 0.0 if allowed, else the seconds to wait before retrying."""
        ...


@dataclass
class _Bucket:
    tokens: float
    updated: float


class _Refill:
    """``rate`` tokens per second refill each bucket up to ``burst``: what both kinds of
    buckets are made with."""

    def __init__(self, *, rate_per_s: float, burst: float) -> None:
        if rate_per_s <= 0 or burst < 1:
            raise ValueError("a bucket needs a positive rate and a burst of at least 1")
        self.rate_per_s = rate_per_s
        self.burst = float(burst)


class TokenBuckets(_Refill):
    """``rate`` tokens per second refill each bucket up to ``burst``; one per request."""

    shared = False

    def __init__(
        self,
        *,
        rate_per_s: float,
        burst: float,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(rate_per_s=rate_per_s, burst=burst)
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens: 0.0 if allowed, else the seconds to wait before retrying."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.pop(key, None)
            if bucket is None:
                bucket = _Bucket(tokens=self.burst, updated=now)
            else:
                elapsed = max(0.0, now - bucket.updated)
                bucket.tokens = min(self.burst, bucket.tokens + elapsed * self.rate_per_s)
                bucket.updated = now
            self._buckets[key] = bucket  # most recently used last
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                return 0.0
            return (cost - bucket.tokens) / self.rate_per_s


# KEYS[1]: the bucket; ARGV: rate per second, burst, cost. A hash {tokens, updated} that
# expires once it would have refilled anyway. Redis's own clock (TIME), so that workers
# on several hosts agree; numbers go back as strings (Redis would truncate Lua numbers).
_TAKE_SCRIPT = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) + tonumber(now_parts[2]) / 1000000
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then
  tokens = burst
  updated = now
end
tokens = math.min(burst, tokens + math.max(0, now - updated) * rate)
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
else
  wait = (cost - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""

REDIS_TIMEOUT_S = 0.5
"""Connect and reply timeout: a stalled Redis delays a request by at most this much."""

REDIS_RETRY_AFTER_S = 5.0
"""After a Redis failure, the in-process buckets serve for this long before Redis is
tried again (so that an outage costs one timeout per worker every few seconds, not one
per request)."""


class RedisBuckets(_Refill):
    """Token buckets in Redis, shared by every worker and host using ``url``."""

    shared = True

    def __init__(
        self,
        *,
        url: str,
        name: str,
        rate_per_s: float,
        burst: float,
        prefix: str = "openitu",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        import redis

        super().__init__(rate_per_s=rate_per_s, burst=burst)
        self._prefix = f"{prefix}:ratelimit:{name}:"
        self._client = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT_S,
            socket_timeout=REDIS_TIMEOUT_S,
        )
        self._script: Any = self._client.register_script(_TAKE_SCRIPT)
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        self.fallback = TokenBuckets(rate_per_s=rate_per_s, burst=burst, clock=clock)
        self._clock = clock
        self._down_until = 0.0

    def take(self, key: str, cost: float = 1.0) -> float:
        if self._clock() < self._down_until:
            return self.fallback.take(key, cost)
        try:
            reply = self._script(
                keys=[self._prefix + key], args=[self.rate_per_s, self.burst, cost]
            )
            return max(0.0, float(reply))
        except self._errors as exc:
            self._down_until = self._clock() + REDIS_RETRY_AFTER_S
            log.warning(
                "Redis rate limiter unavailable (%s); limiting in this process for %.0f s",
                exc,
                REDIS_RETRY_AFTER_S,
            )
            return self.fallback.take(key, cost)

    def close(self) -> None:
        self._client.close()


def make_limiter(
    *, name: str, rate_per_s: float, burst: float, redis_url: str | None, prefix: str
) -> Limiter:
    """Buckets in Redis when ``redis_url`` is set, else in this process."""
    if redis_url:
        return RedisBuckets(
            url=redis_url, name=name, rate_per_s=rate_per_s, burst=burst, prefix=prefix
        )
    return TokenBuckets(rate_per_s=rate_per_s, burst=burst)
