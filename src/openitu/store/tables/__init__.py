"""Table modules, one per area (found by openitu.store.models)."""
