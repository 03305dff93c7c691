"""Radio commands, one module per model: each defines ``register(app)``."""
