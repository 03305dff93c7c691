"""Server-rendered pages. Each area adds its page to AREAS when it lands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any, Final

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from openitu.accounts import Principal
from openitu.discovery import submodules
from openitu.errors import InvalidInput
from openitu.library.catalogue import computed_page
from openitu.service.auth import attach_csrf_cookie, csrf_token, public
from openitu.units import day_text, format_frequency, moment_text
from openitu.web import TEMPLATES_DIR


@dataclass(frozen=True)
class Area:
    slug: str
    title: str
    summary: str

    @property
    def landed(self) -> bool:
        """An area has landed once ``openitu.web.areas.<slug>`` provides its pages."""
        return self.slug in _landed_slugs()


AREAS: tuple[Area, ...] = (
    Area("spectrum", "Spectrum", "Table of Frequency Allocations (RR Article 5)"),
    Area("radio", "Radio engineering", "Propagation, antennas, emissions, interference"),
    Area("register", "Terrestrial register", "Notices, examination, coordination"),
    Area("space", "Space", "Satellite filings, GSO arc, coordination"),
    Area("numbering", "Numbering", "E.164, E.212, signalling codes"),
    Area("governance", "Governance", "Members, conferences, votes, contributions"),
    Area("account", "Account", "Sign in, tokens, administration rights"),
    Area("library", "Publications", "Recommendations, Reports, Handbooks"),
    Area("indicators", "Indicators", "ICT indicators and development index"),
)


@cache
def _landed_slugs() -> frozenset[str]:
    return frozenset(module.__name__.rsplit(".", 1)[1] for module in _area_modules())


@cache
def _area_modules() -> tuple[ModuleType, ...]:
    return tuple(submodules("openitu.web.areas"))


def all_page_routers() -> list[APIRouter]:
    """The shell's own pages, then each landed area's router."""
    routers = [router]
    routers += [
        module.router
        for module in _area_modules()
        if isinstance(getattr(module, "router", None), APIRouter)
    ]
    return routers


templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals["areas"] = AREAS
templates.env.filters["when"] = moment_text
templates.env.filters["day"] = day_text
templates.env.filters["frequency"] = format_frequency
templates.env.filters["library_page"] = computed_page
router = APIRouter(include_in_schema=False, dependencies=[public])


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def render_form(
    request: Request, template: str, status_code: int = 200, **context: Any
) -> Response:
    """A page holding a form: the form carries the CSRF token it must send back, and the
    response sets the cookie that token is checked against."""
    response = render(
        request, template, status_code=status_code, csrf_token=csrf_token(request), **context
    )
    attach_csrf_cookie(request, response)
    return response


@dataclass(frozen=True)
class FormPage:
    """A page whose one form comes back with the values given, an error per field (or for
    the whole ``form``) and what the submission created; ``context`` is what else the
    template shows."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)

    def __call__(
        self,
        request: Request,
        principal: Principal,
        *,
        form: dict[str, str],
        errors: dict[str, str],
        created: Any = None,
        status_code: int = 200,
    ) -> Response:
        return render_form(
            request,
            self.template,
            status_code=status_code,
            principal=principal,
            form=form,
            errors=errors,
            created=created,
            **self.context,
        )


MAX_UPLOAD_BYTES: Final = 8 * 2**20
"""A file sent from a page (larger batches go through the CLI or the API)."""


async def uploaded_text(file: UploadFile, *, missing: str) -> str:
    """The text of a file a page's form sent (UTF-8, a byte-order mark dropped); an
    InvalidInput on the form's "file" box, saying ``missing`` when no file came."""
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if not data:
        raise InvalidInput("file", missing)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("file", f"larger than {MAX_UPLOAD_BYTES // 2**20} MiB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("file", "not UTF-8 text") from None


def render_error(request: Request, *, status: int, title: str, detail: str) -> Response:
    return render(request, "error.html", status_code=status, title=title, detail=detail)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return render(request, "home.html")
