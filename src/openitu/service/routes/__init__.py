"""Per-area API routers: every module here that defines ``router`` is included."""

from fastapi import APIRouter

from openitu.discovery import submodules


def all_routers() -> list[APIRouter]:
    return [
        module.router
        for module in submodules("openitu.service.routes")
        if isinstance(getattr(module, "router", None), APIRouter)
    ]
