"""Table modules, one per area (found by openitu.store.models), and the column kinds they
share (columns)."""
