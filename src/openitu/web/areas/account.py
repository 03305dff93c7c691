"""/account: sign in and out, one's account and API tokens; for administrators the
accounts (create, disable, enable). Every form is CSRF-protected."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openitu.accounts.rights import RIGHTS, SIGNED_IN_ROLES, Principal, rights_of
from openitu.errors import InvalidInput, NotFound, OpenITUError, RateLimited
from openitu.service.auth import (
    CSRF_COOKIE,
    CurrentPrincipalDep,
    clear_session_cookie,
    csrf_protected,
    limit_sign_in,
    public,
    require,
    set_session_cookie,
    signed_in,
)
from openitu.service.deps import SessionDep
from openitu.service.params import RowId
from openitu.service.problems import retry_after
from openitu.store import accounts as store
from openitu.usecases import accounts as usecases
from openitu.web.pages import render_error, render_form

router = APIRouter(prefix="/account", include_in_schema=False)


def _account_page(
    request: Request,
    principal: Principal,
    session: SessionDep,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    assert principal.username is not None
    held = sorted(rights_of(principal.role))
    summaries = {right.permission: right.summary for right in RIGHTS}
    context: dict[str, Any] = {
        "form": {"name": "web", "expires_in_days": "90"}, "scopes": [], "errors": {},
        "password_errors": {},
    }  # fmt: skip
    return render_form(
        request,
        "account/index.html",
        status_code=status_code,
        principal=principal,
        rights=[(p, summaries[p]) for p in held],
        own_only={right.permission for right in RIGHTS if right.per_administration},
        tokens=store.list_tokens(session, owner=principal.username),
        now=usecases.now(),
        **(context | extra),
    )


@router.get("", response_class=HTMLResponse, dependencies=[public])
def account(request: Request, principal: CurrentPrincipalDep, session: SessionDep) -> Response:
    if not principal.signed_in:
        return RedirectResponse("/account/sign-in", status_code=303)
    return _account_page(request, principal, session)


@router.get("/sign-in", response_class=HTMLResponse, dependencies=[public])
def sign_in_form(request: Request) -> Response:
    return render_form(request, "account/sign_in.html", error=None, username="")


@router.post("/sign-in", dependencies=[public, csrf_protected])
def sign_in(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
) -> Response:
    try:
        limit_sign_in(request, username)
    except RateLimited as exc:
        page = render_form(
            request, "account/sign_in.html", status_code=429, error=exc.detail, username=username
        )
        page.headers["Retry-After"] = retry_after(exc.retry_after_s)
        return page
    opened = usecases.sign_in(session, username=username, password=password)
    if opened is None:
        return render_form(
            request,
            "account/sign_in.html",
            status_code=401,
            error="Wrong username or password, or the account is disabled.",
            username=username,
        )
    _, secret = opened
    response = RedirectResponse("/account", status_code=303)
    set_session_cookie(request, response, secret)
    # A new session gets a new CSRF nonce (no token from before sign-in stays valid).
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


@router.post("/sign-out", dependencies=[signed_in, csrf_protected])
def sign_out(request: Request, principal: CurrentPrincipalDep, session: SessionDep) -> Response:
    usecases.sign_out(session, principal=principal)
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(request, response)
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


TOKEN_FIELDS = ("name", "expires_in_days")


@router.post(
    "/tokens",
    response_class=HTMLResponse,
    dependencies=[require("account.self"), csrf_protected],
)
async def new_token(
    request: Request, principal: CurrentPrincipalDep, session: SessionDep
) -> Response:
    """Issue a token with the scopes ticked (none ticked: all of the role's rights); a bad
    field comes back next to its box."""
    submitted = await request.form()
    form = {name: str(submitted.get(name, ""))[:2000] for name in TOKEN_FIELDS}
    scopes = [str(scope) for scope in submitted.getlist("scopes")][:100]
    try:
        days = form["expires_in_days"].strip()
        if not days.isdigit():
            raise InvalidInput("expires_in_days", f"{days!r} is not a whole number of days")
        secret, token = usecases.create_token(
            session,
            principal=principal,
            name=form["name"],
            scopes=scopes or None,
            expires_in_days=int(days),
        )
    except InvalidInput as exc:
        return _account_page(request, principal, session, status_code=422, form=form,
                             scopes=scopes, errors={exc.field: exc.reason})  # fmt: skip
    return _account_page(request, principal, session, new_secret=secret, new_token=token)


@router.post(
    "/tokens/{token_id}/revoke",
    dependencies=[require("account.self"), csrf_protected],
)
def revoke(
    token_id: RowId, request: Request, principal: CurrentPrincipalDep, session: SessionDep
) -> Response:
    try:
        usecases.revoke_token(session, principal=principal, token_id=token_id)
    except NotFound as exc:
        return _account_page(request, principal, session, status_code=404, error=exc.detail)
    return RedirectResponse("/account#tokens", status_code=303)


@router.post(
    "/password", response_class=HTMLResponse, dependencies=[require("account.self"), csrf_protected]
)
def change_password(
    request: Request,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    current: Annotated[str, Form(max_length=1024)] = "",
    new: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Change one's own password, proving the current one first (a stolen session alone
    cannot take the account over)."""
    assert principal.username is not None
    if usecases.authenticate(session, username=principal.username, password=current) is None:
        return _account_page(request, principal, session, status_code=422,
                             password_errors={"current": "is not your password"})  # fmt: skip
    try:
        usecases.set_password(session, principal=principal, username=principal.username,
                              password=new)  # fmt: skip
    except InvalidInput as exc:
        return _account_page(request, principal, session, status_code=422,
                             password_errors={"new": exc.reason})  # fmt: skip
    return _account_page(request, principal, session, password_changed=True)


# --- the accounts (administrators) -----------------------------------------------------

USER_FIELDS = ("username", "role", "administration", "proxy_for", "password")


def _users_page(
    request: Request,
    principal: Principal,
    session: SessionDep,
    *,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    return render_form(
        request, "account/users.html", status_code=status_code, principal=principal,
        users=store.list_users(session), roles=sorted(r.value for r in SIGNED_IN_ROLES),
        form=form or dict.fromkeys(USER_FIELDS, ""), errors=errors or {},
    )  # fmt: skip


def _refused(request: Request, principal: Principal) -> Response | None:
    """The page's own 401 or 403 for whoever may not manage accounts."""
    if principal.can("accounts.manage"):
        return None
    if not principal.signed_in:
        return render_error(request, status=401, title="Sign in first",
                            detail="sign in as an administrator to manage accounts")  # fmt: skip
    return render_error(request, status=403, title="Forbidden",
                        detail="only an administrator manages accounts")  # fmt: skip


@router.get("/users", response_class=HTMLResponse, dependencies=[public])
def users_page(request: Request, principal: CurrentPrincipalDep, session: SessionDep) -> Response:
    """Every account, the form that creates one, and the buttons that disable or enable."""
    return _refused(request, principal) or _users_page(request, principal, session)


@router.post("/users", response_class=HTMLResponse, dependencies=[public, csrf_protected])
async def create_user(
    request: Request, principal: CurrentPrincipalDep, session: SessionDep
) -> Response:
    """Create an account; a bad field comes back next to its box, a taken name on top."""
    refused = _refused(request, principal)
    if refused is not None:
        return refused
    submitted = await request.form()
    form = {name: str(submitted.get(name, ""))[:1024] for name in USER_FIELDS}
    try:
        created = usecases.create_user(
            session, principal=principal, username=form["username"], password=form["password"],
            role=form["role"], administration=form["administration"].strip() or None,
            proxy_for=form["proxy_for"].strip() or None,
        )  # fmt: skip
    except InvalidInput as exc:
        field = exc.field if exc.field in USER_FIELDS else "form"
        form["password"] = ""  # never sent back into the page
        return _users_page(request, principal, session, form=form,
                           errors={field: exc.reason}, status_code=422)  # fmt: skip
    except OpenITUError as exc:
        form["password"] = ""
        return _users_page(request, principal, session, form=form,
                           errors={"form": exc.detail}, status_code=exc.status)  # fmt: skip
    return RedirectResponse(f"/account/users#user-{created.username}", status_code=303)


@router.post("/users/{username}/{state}", dependencies=[public, csrf_protected])
def set_active(
    request: Request,
    username: str,
    state: str,
    principal: CurrentPrincipalDep,
    session: SessionDep,
) -> Response:
    """Disable an account (its sessions end, its tokens are revoked) or enable it again."""
    refused = _refused(request, principal)
    if refused is not None:
        return refused
    if state not in ("disable", "enable"):
        return render_error(request, status=404, title="Not found", detail="no such step")
    try:
        usecases.set_active(session, principal=principal, username=username[:64],
                            active=state == "enable")  # fmt: skip
    except OpenITUError as exc:
        return _users_page(request, principal, session, errors={"form": exc.detail},
                           status_code=exc.status)  # fmt: skip
    return RedirectResponse(f"/account/users#user-{username[:64]}", status_code=303)
