"""Parse legal documents of every supported format into structured, citable documents."""

from indexer.parse.batch import parse_paths
from indexer.parse.limits import Limits

__all__ = ["Limits", "parse_paths"]
