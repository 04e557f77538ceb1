"""The embedded store (SQLite FTS5 + numpy): zero setup, the default."""

from indexer.store.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
