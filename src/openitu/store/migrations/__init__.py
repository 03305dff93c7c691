"""Alembic's script directory (env.py, versions/) and the helpers its revisions share."""
