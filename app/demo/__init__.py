"""Demo data shaped like a county council's digital programme."""
