"""Reference-data loaders, one per area (found by openitu.store.reference)."""
