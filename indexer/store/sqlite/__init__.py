"""The embedded store (SQLite + tantivy + numpy): zero setup, the default."""

from indexer.store.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
