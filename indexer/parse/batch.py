"""Parse many files in worker processes with bounded time and memory per file."""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import TimeoutError
from dataclasses import dataclass, field, replace
from pathlib import Path

from pebble import ProcessExpired, ProcessFuture, ProcessPool

from indexer.models import ParsedDocument, ParseFailure, Provenance
from indexer.parse.bounded import ParserError, parse_bounded
from indexer.parse.inputs import Item, SkipFile, expand
from indexer.parse.limits import Limits, RejectedFile, limit_memory
from indexer.parse.phapdien.articles import PhapDienArticle
from indexer.parse.phapdien.assemble import assemble_documents
from indexer.parse.worker import Outcome

Result = ParsedDocument | ParseFailure
#: Names where a file on disk comes from: (source name, origin URL or None), None if unknown.
OriginLookup = Callable[[Path], tuple[str, str | None] | None]


def parse_paths(
    paths: Iterable[str | Path],
    *,
    collection: str = "default",
    limits: Limits | None = None,
    workers: int | None = None,
    origin: OriginLookup | None = None,
    skip: SkipFile | None = None,
) -> Iterator[Result]:
    """Parse files, directory trees and archives; yield documents and failures.

    Each file runs in a worker process under a timeout and an address-space limit, and what
    it gives is bounded (:mod:`indexer.parse.bounded`), so a hostile file costs one failure
    record, never the batch, and never stalls the steps after parsing. Failures are yielded
    as they happen; documents at the end, once per id: pháp-điển entries from all inputs are
    merged into one document per original document, and when several files give the same
    document the most complete one is kept and the others are reported as skipped duplicates.
    ``origin`` names the source of each file for its provenance (default: "local");
    files ``skip`` claims (read by another reader, e.g. catalogue files) are not parsed.
    """
    limits = limits or Limits()
    workers = workers or min(2, os.cpu_count() or 1)
    pool = worker_pool(workers, limits.memory_bytes)
    collected = _Collected(limits, origin or _unknown_origin)
    pending: deque[tuple[Item, ProcessFuture]] = deque()
    try:
        for entry in expand(paths, limits, skip):
            if isinstance(entry, ParseFailure):
                yield entry
                continue
            future = pool.schedule(parse_bounded, args=(entry, limits), timeout=limits.timeout_s)
            pending.append((entry, future))
            while len(pending) > 2 * workers:
                yield from _finish(*pending.popleft(), collected)
        while pending:
            yield from _finish(*pending.popleft(), collected)
    finally:
        for _, future in pending:  # a consumer that stops early leaves no work running
            future.cancel()
    documents = collected.documents
    for doc in assemble_documents(collected.entries):
        doc.meta.provenance = collected.origins[doc.meta.id]
        documents.append(doc)
    for doc in documents:
        doc.meta.collection = collection
    yield from unique_documents(documents)


@dataclass
class _Collected:
    """What the finished files of one batch gave, until the batch is assembled."""

    limits: Limits
    origin: OriginLookup
    entries: list[PhapDienArticle] = field(default_factory=list)
    origins: dict[str, Provenance] = field(default_factory=dict)
    documents: list[ParsedDocument] = field(default_factory=list)


def _unknown_origin(_: Path) -> None:
    return None


def _completeness(doc: ParsedDocument) -> tuple[int, int]:
    return len(doc.articles()), sum(len(n.full_text()) for n in doc.nodes)


def unique_documents(documents: list[ParsedDocument]) -> Iterator[Result]:
    """One document per id (the one with most articles, then most text), in first-seen order;
    the others become failure records naming the copy that was kept."""
    best: dict[str, ParsedDocument] = {}
    for doc in documents:
        kept = best.get(doc.meta.id)
        if kept is None or _completeness(doc) > _completeness(kept):
            best[doc.meta.id] = doc
    for doc in documents:
        kept = best[doc.meta.id]
        if doc is kept:
            yield doc
        else:
            where = kept.meta.provenance.path if kept.meta.provenance else "another input"
            path = doc.meta.provenance.path if doc.meta.provenance else doc.meta.id
            yield ParseFailure(path, f"skipped: duplicate of document {doc.meta.id} from {where}")


_POOLS: dict[tuple[int, int], ProcessPool] = {}


def worker_pool(workers: int, memory_bytes: int) -> ProcessPool:
    """The process pool for these settings, kept for the life of the process.

    Workers keep their imports (unstructured, spaCy) between calls; pebble replaces a worker
    that timed out or died. All pools are stopped at exit.
    """
    key = (workers, memory_bytes)
    pool = _POOLS.get(key)
    if pool is None or not pool.active:
        # spawn, not fork: the parent may be a server or hold a model with native threads
        # (OpenMP, torch), and a forked copy of those can fail in the child
        pool = ProcessPool(
            max_workers=workers,
            initializer=limit_memory,
            initargs=(memory_bytes,),
            context=multiprocessing.get_context("spawn"),
        )
        if not _POOLS:
            atexit.register(_stop_pools)
        _POOLS[key] = pool
    return pool


def _stop_pools() -> None:
    for pool in _POOLS.values():
        pool.stop()
        pool.join()


def provenance(item: Item, origin: OriginLookup) -> Provenance:
    """Source name ("local" when ``origin`` knows none), path, sha256 and URL of an item."""
    source, url = origin(item.disk_path) or ("local", None)
    return Provenance(source=source, path=item.label, sha256=item.sha256, url=url)


def _finish(item: Item, future: ProcessFuture, collected: _Collected) -> Iterator[ParseFailure]:
    limits = collected.limits
    try:
        outcome: Outcome = future.result()
    except TimeoutError:
        yield ParseFailure(item.label, f"timed out after {limits.timeout_s:.0f} s")
        return
    except ProcessExpired as exc:
        yield ParseFailure(item.label, f"parser process died (exit code {exc.exitcode})")
        return
    except MemoryError:
        yield ParseFailure(item.label, f"out of memory (limit {limits.memory_bytes} bytes)")
        return
    except (RejectedFile, ParserError) as exc:
        yield ParseFailure(item.label, str(exc))
        return
    except Exception as exc:  # the pool itself failed: reported, never fatal
        yield ParseFailure(item.label, f"{type(exc).__name__}: {exc}")
        return
    origin = provenance(item, collected.origin)
    for article in outcome.articles:
        collected.origins.setdefault(article.doc_id, origin)
    collected.entries.extend(outcome.articles)
    if not outcome.documents and not outcome.articles:
        yield ParseFailure(item.label, "no document found")
    for doc in outcome.documents:
        doc.meta.provenance = replace(origin)
        collected.documents.append(doc)
