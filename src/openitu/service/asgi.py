"""ASGI entry point for uvicorn: `openitu.service.asgi:app`."""

from openitu.service.app import create_app

app = create_app()
