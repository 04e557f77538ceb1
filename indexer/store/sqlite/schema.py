"""The embedded store's tables, their migration, and the chunk-set version counter."""

from __future__ import annotations

import sqlite3

#: The analysed fields, each kept in an FTS5 table of its own (the source the tantivy index is
#: rebuilt from); BM25 is computed per field, as Lucene does, and summed with the weights.
LEXICAL_FIELDS = ("text", "title", "doc", "folded", "pairs")
SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    collection TEXT NOT NULL,
    type TEXT, issuer TEXT, status TEXT, year INTEGER,
    keys TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL,
    body TEXT
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    article TEXT,
    content_hash TEXT NOT NULL,
    chunk TEXT NOT NULL,
    vector BLOB,
    {length_columns}
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (doc_id, ordinal);
CREATE INDEX IF NOT EXISTS chunks_unembedded ON chunks (rowid) WHERE vector IS NULL;
{fts_tables}
CREATE TABLE IF NOT EXISTS artifacts (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO state (key, value) VALUES ('chunks_version', 0);
INSERT OR IGNORE INTO state (key, value) VALUES ('lexical_version', 0);
"""

_FTS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_{field} USING fts5("
    "{field}, tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\");"
    "CREATE VIRTUAL TABLE IF NOT EXISTS vocab_{field} USING fts5vocab(fts_{field}, row);"
)


def migrate(db: sqlite3.Connection) -> None:
    """Create the schema; a store written by an older layout is emptied (re-ingest)."""
    has_state = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'state'"
    ).fetchone()
    version = (
        db.execute("SELECT value FROM state WHERE key = 'schema_version'").fetchone()
        if has_state
        else None
    )
    if version is None or version[0] != SCHEMA_VERSION:
        _drop_all_tables(db)
    fts = "\n".join(_FTS_TABLE.format(field=f) for f in LEXICAL_FIELDS)
    lengths = ", ".join(f"n_{f} INTEGER NOT NULL DEFAULT 0" for f in LEXICAL_FIELDS)
    db.executescript(_SCHEMA.format(fts_tables=fts, length_columns=lengths))
    db.execute(
        "INSERT OR REPLACE INTO state (key, value) VALUES ('schema_version', ?)",
        (SCHEMA_VERSION,),
    )


def bump_version(db: sqlite3.Connection, *, lexical: bool = True) -> None:
    """Record that the chunks changed (caches keyed on :func:`chunks_version` go stale),
    and unless only their vectors did, that the lexical index must follow
    (:func:`lexical_version`)."""
    keys = ("chunks_version", "lexical_version") if lexical else ("chunks_version",)
    db.execute(
        f"UPDATE state SET value = value + 1 WHERE key IN ({', '.join('?' * len(keys))})", keys
    )


def lexical_version(db: sqlite3.Connection) -> int:
    """Changes whenever chunks are written or deleted (not when only vectors are added)."""
    row = db.execute("SELECT value FROM state WHERE key = 'lexical_version'").fetchone()
    return int(row[0])


def chunks_version(db: sqlite3.Connection) -> int:
    """Changes whenever chunks change, in this process or another one."""
    row = db.execute("SELECT value FROM state WHERE key = 'chunks_version'").fetchone()
    return int(row[0])


def _drop_all_tables(db: sqlite3.Connection) -> None:
    """Drop virtual tables first (their shadow tables go with them), then the rest."""
    for kind in ("CREATE VIRTUAL TABLE%", "%"):
        names = db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE ?", (kind,)
        ).fetchall()
        for (name,) in names:
            db.execute(f'DROP TABLE IF EXISTS "{name}"')
