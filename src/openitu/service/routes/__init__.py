"""Per-area routers; app.py includes every one listed in ROUTERS."""

from fastapi import APIRouter

from openitu.service.routes import health

ROUTERS: list[APIRouter] = [health.router]
