"""Area command groups: each module defines a Typer ``app`` and its ``NAME``."""
