"""Data access: one module per entity, each function named for what it returns."""
