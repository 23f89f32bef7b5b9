"""Versioned SQL migrations for the PostgreSQL store, applied in order at start-up."""
