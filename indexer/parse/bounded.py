"""The worker's entry point: parse one item, then bound what it gave, all under its timeout.

Parsing and structure run here, in the worker process, under the file's time and memory
limits, and so does a first chunking of every document; what the file gave is checked
against :class:`Limits` (text, articles, longest word, chunks per document), so the steps
that follow in the parent (assembly, chunking, analysis, embedding) cost at most a bounded
amount per file, and a file that would stall them fails here instead. Every error leaves
the worker as plain text: a library's exception may not survive pickling (lxml's errors
carry their parser's error log), and its reason would otherwise be lost.
"""

from __future__ import annotations

from collections.abc import Iterator

from indexer.chunk import chunk_document
from indexer.models import ParsedDocument
from indexer.parse.inputs import Item
from indexer.parse.limits import Limits, RejectedFile
from indexer.parse.worker import Outcome, parse_item


class ParserError(Exception):
    """A parser or library failure inside a worker, as "ExceptionType: message"."""


def parse_bounded(item: Item, limits: Limits) -> Outcome:
    """Parse ``item``, chunk its documents and check the bounds (run inside a worker)."""
    try:
        outcome = parse_item(item, limits)
        check_outcome(outcome, limits)
    except (RejectedFile, MemoryError):
        raise
    except RecursionError:
        raise RejectedFile("structure nested too deeply to parse") from None
    except Exception as exc:  # a parser bug or a library failure: reported by name
        raise ParserError(f"{type(exc).__name__}: {exc}") from None
    return outcome


def _texts(outcome: Outcome) -> Iterator[str]:
    for doc in outcome.documents:
        yield doc.meta.title
        yield from (node.full_text() for node in doc.nodes)
    for article in outcome.articles:
        yield article.title
        yield from article.body


def check_outcome(outcome: Outcome, limits: Limits) -> None:
    """Refuse a file whose text, articles, words or chunks exceed ``limits``."""
    chars = sum(len(text) for text in _texts(outcome))
    if chars > limits.max_text_chars:
        raise RejectedFile(f"too much text: {chars} characters (limit {limits.max_text_chars})")
    articles = len(outcome.articles) + sum(len(doc.articles()) for doc in outcome.documents)
    if articles > limits.max_articles:
        raise RejectedFile(f"too many articles: {articles} (limit {limits.max_articles})")
    longest = max((len(w) for text in _texts(outcome) for w in text.split()), default=0)
    if longest > limits.max_word_chars:
        raise RejectedFile(
            f"text without word breaks: a run of {longest} characters "
            f"(limit {limits.max_word_chars})"
        )
    for doc in outcome.documents:
        _check_chunks(doc, limits)


def _check_chunks(doc: ParsedDocument, limits: Limits) -> None:
    chunks = len(chunk_document(doc))
    if chunks > limits.max_chunks:
        raise RejectedFile(
            f"too many chunks in document {doc.meta.id}: {chunks} (limit {limits.max_chunks})"
        )
