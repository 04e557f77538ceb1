"""Ingest: run the indexing steps over files into a store and rebuild what is derived."""
