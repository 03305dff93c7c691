"""Who is asking, and may they: principals, route guards, rate limits and CSRF.

Every route declares the rule that guards it, as a dependency of its router or of the
route itself, and ``tests/security/test_routes.py`` fails for a route without one::

    router = APIRouter(prefix="/api/numbering", dependencies=[public])   # reads
    @router.post("/applications", dependencies=[require("numbering.apply")])
    def apply(body: ..., principal: CurrentPrincipalDep, session: SessionDep) -> ...:
        authorize(principal, "numbering.apply", administration=body.administration)

- ``public``: anyone, signed in or not (reads of what is published).
- ``signed_in``: any account.
- ``require(permission)``: the principal's role (and token scopes) hold ``permission``
  (see :data:`openitu.accounts.rights.RIGHTS`). A per-administration right is then
  checked again in the service with :func:`openitu.accounts.authorize` once the
  administration concerned is known.

Credentials: ``Authorization: Bearer <token>`` (machines; an unknown, expired or revoked
token is a 401, never a silent downgrade to public) or the web session cookie. The
cookie counts on the API only for safe methods (GET, HEAD): an API write needs a token,
so a cross-site form can never write through the API; page forms carry a CSRF token.
"""

from __future__ import annotations

import ipaddress
import math
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Final

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.dependencies.models import Dependant
from fastapi.responses import Response
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import HTTPBearer
from starlette.routing import Mount, Route

from openitu.accounts import tokens
from openitu.accounts.ratelimit import Limiter, make_limiter
from openitu.accounts.rights import Principal, check_role
from openitu.errors import Forbidden, InvalidInput, NotAuthenticated, RateLimited
from openitu.service.deps import get_context
from openitu.store import accounts as accounts_store

SESSION_COOKIE: Final = "openitu_session"
CSRF_COOKIE: Final = "openitu_csrf"
CSRF_FIELD: Final = "csrf_token"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})

# Declares the bearer scheme in the OpenAPI description; never raises by itself.
_bearer_scheme = HTTPBearer(auto_error=False, description="An API token: oitu_...")


# --- rate limits -----------------------------------------------------------------------


def _limits(request: Request) -> dict[str, Limiter]:
    state = request.app.state
    limits: dict[str, Limiter] | None = getattr(state, "rate_limits", None)
    if limits is None:
        settings = get_context(request).settings
        limits = {
            "api": make_limiter(
                name="api",
                rate_per_s=settings.api_rate_per_s,
                burst=settings.api_burst,
                redis_url=settings.redis_url,
                prefix=settings.redis_prefix,
            ),
            "sign_in": make_limiter(
                name="sign_in",
                rate_per_s=settings.sign_in_per_minute / 60.0,
                burst=max(1.0, settings.sign_in_per_minute),
                redis_url=settings.redis_url,
                prefix=settings.redis_prefix,
            ),
        }
        state.rate_limits = limits
    return limits


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(text: str) -> tuple[Network, ...]:
    """``OPENITU_TRUSTED_PROXIES`` read: addresses or networks, comma-separated."""
    networks = []
    for item in text.split(","):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise InvalidInput(
                    "OPENITU_TRUSTED_PROXIES", f"{item.strip()!r} is not an address or network"
                ) from None
    return tuple(networks)


def _is_trusted(host: str, proxies: tuple[Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in proxies)


def _proxies(request: Request) -> tuple[Network, ...]:
    context = get_context(request)
    cached = context.memo.get("auth.trusted_proxies")
    if isinstance(cached, tuple):
        return cached
    proxies = trusted_proxies(context.settings.trusted_proxies)
    context.memo["auth.trusted_proxies"] = proxies
    return proxies


def _from_trusted_proxy(request: Request) -> bool:
    peer = request.client.host if request.client else ""
    return bool(peer) and _is_trusted(peer, _proxies(request))


def client_address(request: Request) -> str:
    """The address the rate limits are kept under.

    The connection's peer, unless that peer is one of ``OPENITU_TRUSTED_PROXIES``: then
    the nearest address in ``X-Forwarded-For`` that is not itself a trusted proxy (read
    from the right: each proxy appends the address it received from, and only those
    appended by trusted proxies can be believed; anything further left is the client's
    own claim). ``openitu serve`` turns uvicorn's own header handling off, which would
    believe any header from loopback.
    """
    peer = request.client.host if request.client else "unknown"
    proxies = _proxies(request)
    if not proxies or not _is_trusted(peer, proxies):
        return peer
    hops = [
        hop.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for hop in header.split(",")
    ]
    for hop in reversed(hops):
        if hop and not _is_trusted(hop, proxies):
            return hop
    return peer


def _charge(request: Request, bucket: str, key: str) -> None:
    _raise_if_waiting(_limits(request)[bucket].take(key))


async def _charge_async(request: Request, bucket: str, key: str) -> None:
    limiter = _limits(request)[bucket]
    # The in-process buckets answer at once; Redis is a network call, made in a worker
    # thread so that a slow Redis never stalls the event loop.
    wait_s = await run_in_threadpool(limiter.take, key) if limiter.shared else limiter.take(key)
    _raise_if_waiting(wait_s)


def _raise_if_waiting(wait_s: float) -> None:
    if wait_s > 0:
        raise RateLimited(
            f"too many requests; retry in {math.ceil(wait_s)} s", retry_after_s=wait_s
        )


def limit_sign_in(request: Request, username: str) -> None:
    """Sign-in attempts: a small budget per client address and per username tried."""
    _charge(request, "sign_in", f"addr:{client_address(request)}")
    _charge(request, "sign_in", f"user:{username.strip().lower()[:64]}")


# --- who is asking -----------------------------------------------------------------------


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise NotAuthenticated("the Authorization header must be 'Bearer <token>'")
    return credentials.strip()


def resolve_principal(request: Request) -> Principal:
    """The principal of this request, resolved once and kept on ``request.state``."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    principal = _resolve(request)
    request.state.principal = principal
    return principal


def _resolve(request: Request) -> Principal:
    try:
        secret = _bearer(request)
    except NotAuthenticated:
        _charge(request, "api", f"addr:{client_address(request)}")
        raise
    context = get_context(request)
    if secret is not None:
        with context.sessions() as session:
            principal = accounts_store.principal_for_token(session, secret)
        if principal is None:
            _charge(request, "api", f"addr:{client_address(request)}")
            raise NotAuthenticated("the API token is unknown, expired or revoked")
        return principal
    cookie = request.cookies.get(SESSION_COOKIE)
    is_api = request.url.path.startswith("/api")
    if cookie and not (is_api and request.method not in SAFE_METHODS):
        with context.sessions() as session:
            principal = accounts_store.principal_for_web_session(session, cookie)
        if principal is not None:
            return principal
    return Principal.public()


async def current_principal(
    request: Request, _token: Annotated[Any, Depends(_bearer_scheme)] = None
) -> Principal:
    # Async, so that an anonymous request costs no trip through the thread pool; a
    # credential needs the database, looked up in a worker thread.
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    if "authorization" not in request.headers and SESSION_COOKIE not in request.cookies:
        anonymous = Principal.public()
        request.state.principal = anonymous
        return anonymous
    return await run_in_threadpool(resolve_principal, request)


CurrentPrincipalDep = Annotated[Principal, Depends(current_principal)]


# --- guards --------------------------------------------------------------------------------

RULE_ATTRIBUTE: Final = "openitu_rule"


_CHARGED: Final = "api_rate_charged"


def _guard(rule: str, check: Callable[[Principal], None]) -> Any:
    async def guard(request: Request, principal: CurrentPrincipalDep) -> Principal:
        # One request, one token: a route guarded by its router and by itself runs two
        # guards (and the request guard of service/input_guard.py runs them once more
        # before the body is read), but only the first of them charges the bucket.
        if not getattr(request.state, _CHARGED, False):
            setattr(request.state, _CHARGED, True)
            key = (
                f"user:{principal.username}"
                if principal.signed_in
                else f"addr:{client_address(request)}"
            )
            await _charge_async(request, "api", key)
        check(principal)
        return principal

    guard.__name__ = f"guard_{rule.replace(':', '_').replace('.', '_')}"
    setattr(guard, RULE_ATTRIBUTE, rule)
    return Depends(guard)


def _anyone(_: Principal) -> None:
    return None


def _must_sign_in(principal: Principal) -> None:
    if not principal.signed_in:
        raise NotAuthenticated("sign in first")


public = _guard("public", _anyone)
"""Anyone may call the route (reads of published data)."""

signed_in = _guard("signed_in", _must_sign_in)
"""Any signed-in account may call the route."""

_required: dict[str, Any] = {}


def require(permission: str) -> Any:
    """The principal's role and token scopes must hold ``permission`` (RIGHTS)."""
    from openitu.accounts.rights import RIGHTS_BY_PERMISSION

    if permission not in RIGHTS_BY_PERMISSION:
        raise ValueError(f"unknown permission {permission!r}; add it to accounts.rights")
    if permission not in _required:
        _required[permission] = _guard(
            f"require:{permission}", lambda principal: check_role(principal, permission)
        )
    return _required[permission]


# --- the rule of every route ---------------------------------------------------------------


def dependency_calls(dependant: Dependant) -> Iterator[Any]:
    """Every callable a route depends on, its router's included, depth first."""
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from dependency_calls(dependency)


@dataclass(frozen=True)
class RouteInfo:
    """One effective route of the application and the rules declared on it."""

    path: str
    methods: frozenset[str]
    rules: tuple[str, ...]
    checks_csrf: bool
    is_api_route: bool

    def __str__(self) -> str:
        return f"{','.join(sorted(self.methods)) or 'ANY'} {self.path}"


def application_routes(app: FastAPI) -> list[RouteInfo]:
    """Every route the application serves (routers included), with its declared rules."""
    framework_public = {
        app.openapi_url,
        app.docs_url,
        app.redoc_url,
        app.swagger_ui_oauth2_redirect_url,
    }
    found = []
    for context in iter_route_contexts(app.routes):
        original = context.original_route
        path = str(context.path or getattr(original, "path", "?"))
        methods = frozenset(context.methods or ())
        if isinstance(original, APIRoute):
            calls = list(dependency_calls(context.dependant))
            rules = tuple(getattr(c, RULE_ATTRIBUTE) for c in calls if hasattr(c, RULE_ATTRIBUTE))
            csrf = any(getattr(c, "openitu_csrf", False) for c in calls)
            found.append(RouteInfo(path, methods, rules, csrf, True))
        elif isinstance(original, Route) and path in framework_public:
            # The API's own description and its browser.
            found.append(RouteInfo(path, methods, ("public",), False, False))
        elif isinstance(original, Mount) and path == "/static":
            # Stylesheets and scripts.
            found.append(RouteInfo(path, methods, ("public",), False, False))
        else:
            found.append(RouteInfo(path, methods, (), False, False))
    return found


# --- pages: cookies and CSRF ----------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def cookie_secure(request: Request) -> bool:
    """Secure cookies always, except over plain HTTP to a loopback address (development)."""
    if request.url.scheme == "https" or not _is_loopback(request.url.hostname or ""):
        return True
    # Behind a trusted proxy that terminates TLS, the browser's side is HTTPS.
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[-1].strip()
    return forwarded == "https" and _from_trusted_proxy(request)


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=tokens.SESSION_HOURS * 3600,
        httponly=True,
        secure=cookie_secure(request),
        samesite="lax",
        path="/",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, httponly=True, secure=cookie_secure(request), samesite="lax", path="/"
    )


def _csrf_key(request: Request) -> str:
    context = get_context(request)
    if context.settings.secret_key:
        return context.settings.secret_key
    cached = context.memo.get("accounts.csrf_key")
    if isinstance(cached, str):
        return cached
    with context.sessions() as session, session.begin():
        key = accounts_store.service_secret(session, "csrf")
    context.memo["accounts.csrf_key"] = key
    return key


def _csrf_binding(request: Request) -> str:
    principal = resolve_principal(request)
    return f"session:{principal.session_id}" if principal.session_id is not None else "anonymous"


def csrf_token(request: Request) -> str:
    """The token a form must carry in its ``csrf_token`` field.

    Signed double submit: the browser holds a random nonce in an HttpOnly, SameSite
    cookie; the form carries HMAC(key, nonce | web session). Another site can neither
    read the nonce nor compute the HMAC. Call :func:`attach_csrf_cookie` on the response.
    """
    nonce = request.cookies.get(CSRF_COOKIE)
    if not nonce or len(nonce) > 100:
        nonce = getattr(request.state, "csrf_nonce", None) or secrets.token_urlsafe(24)
    request.state.csrf_nonce = nonce
    return tokens.sign(_csrf_key(request), f"{nonce}|{_csrf_binding(request)}")


def attach_csrf_cookie(request: Request, response: Response) -> None:
    nonce = getattr(request.state, "csrf_nonce", None)
    if nonce and nonce != request.cookies.get(CSRF_COOKIE):
        response.set_cookie(
            CSRF_COOKIE,
            nonce,
            httponly=True,
            secure=cookie_secure(request),
            samesite="strict",
            path="/",
        )


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse a form whose CSRF token does not match this browser's nonce and session."""
    nonce = request.cookies.get(CSRF_COOKIE)
    if not nonce or not submitted or len(submitted) > 200:
        raise Forbidden("the form's CSRF token is missing: reload the page and try again")
    expected = tokens.sign(_csrf_key(request), f"{nonce}|{_csrf_binding(request)}")
    if not tokens.same(expected, submitted):
        raise Forbidden("the form's CSRF token does not match: reload the page and try again")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected_origin = f"{request.url.scheme}://{request.url.netloc}"
        if origin != expected_origin:
            raise Forbidden(f"a form from {origin} may not post here")


async def _csrf_dependency(request: Request) -> None:
    form = await request.form()
    value = form.get(CSRF_FIELD)
    check_csrf(request, value if isinstance(value, str) else None)


setattr(_csrf_dependency, "openitu_csrf", True)  # noqa: B010  (found by the route test)
csrf_protected = Depends(_csrf_dependency)
"""Put on every page route that accepts a form (POST, PUT, PATCH, DELETE)."""


# --- response headers ----------------------------------------------------------------------

_SECURITY_HEADERS: Final = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"referrer-policy", b"same-origin"),
)
_NO_STORE_PREFIXES: Final = ("/api/auth", "/api/accounts", "/api/audit", "/account")


MAX_BODY_BYTES: Final = 16 * 1024 * 1024
"""The largest request body accepted (uploads included); larger ones get 413."""


class SecurityHeaders:
    """Pure ASGI middleware: bounded request bodies; no sniffing, no framing, and no
    caching of credentials.

    A body over :data:`MAX_BODY_BYTES` is refused with 413 before it is read (by its
    Content-Length) or cut off as it arrives (chunked). Answers under /api/auth,
    /api/accounts, /api/audit and /account carry ``Cache-Control: no-store`` (they may
    hold a token shown once, or private data).
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            await _too_large(scope, send)
            return
        received = [0]

        async def bounded_receive() -> Any:
            message = await receive()
            if message["type"] == "http.request":
                received[0] += len(message.get("body", b""))
                if received[0] > MAX_BODY_BYTES:
                    return {"type": "http.disconnect"}
            return message

        no_store = str(scope.get("path", "")).startswith(_NO_STORE_PREFIXES)

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in _SECURITY_HEADERS if k not in present]
                if no_store:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, bounded_receive, send_with_headers)


async def _too_large(scope: Any, send: Any) -> None:
    import json

    body = json.dumps(
        {
            "type": "https://openitu.org/problems/http-413",
            "title": "Request too large",
            "status": 413,
            "detail": f"the request body exceeds {MAX_BODY_BYTES // (1024 * 1024)} MiB",
            "instance": str(scope.get("path", "")),
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *_SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def install_security(app: FastAPI) -> None:
    """Called by create_app: the security headers on every answer."""
    app.add_middleware(SecurityHeaders)
