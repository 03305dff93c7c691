"""Server-rendered pages. Each area adds its page to AREAS when it lands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from openitu.web import TEMPLATES_DIR


@dataclass(frozen=True)
class Area:
    slug: str
    title: str
    summary: str
    landed: bool


AREAS: tuple[Area, ...] = (
    Area("spectrum", "Spectrum", "Table of Frequency Allocations (RR Article 5)", True),
    Area("radio", "Radio engineering", "Propagation, antennas, emissions, interference", False),
    Area("register", "Terrestrial register", "Notices, examination, coordination", False),
    Area("space", "Space", "Satellite filings, GSO arc, coordination", False),
    Area("numbering", "Numbering", "E.164, E.212, signalling codes", False),
    Area("governance", "Governance", "Members, conferences, votes, contributions", False),
    Area("library", "Publications", "Recommendations, Reports, Handbooks", False),
    Area("indicators", "Indicators", "ICT indicators and development index", False),
)

templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals["areas"] = AREAS
router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def render_error(request: Request, *, status: int, title: str, detail: str) -> Response:
    return render(request, "error.html", status_code=status, title=title, detail=detail)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    return render(request, "home.html")
