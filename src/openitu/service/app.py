"""The one application object: built by `openitu serve`, `make run` and the tests."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from openitu import __version__
from openitu.service.auth import install_security
from openitu.service.context import AppContext
from openitu.service.input_guard import install_input_guard
from openitu.service.openapi import install_openapi
from openitu.service.problems import install_error_handlers
from openitu.service.routes import all_routers
from openitu.settings import Settings
from openitu.web import STATIC_DIR
from openitu.web.pages import all_page_routers


def create_app(settings: Settings | None = None, *, context: AppContext | None = None) -> FastAPI:
    if context is None:
        context = AppContext.from_settings(settings or Settings())
    app = FastAPI(
        title="OpenITU",
        version=__version__,
        description="The ITU's coordination machinery as an open service.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.context = context
    install_error_handlers(app)
    # The request guard (URL, the route's guards, the body's text) sits inside the
    # security headers, so that its own answers carry them and bodies are bounded first.
    install_input_guard(app)
    install_security(app)
    for router in all_routers():
        app.include_router(router)
    for page_router in all_page_routers():
        app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_openapi(app)
    return app
