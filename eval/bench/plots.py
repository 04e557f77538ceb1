"""PNG plots of the report (matplotlib, Agg backend, small files): latency against
concurrency per store and mode; HNSW recall against k per collection size, and against
latency as ef_search varies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eval.bench.knn import KnnBench
    from eval.bench.latency import LatencyBench

_STYLE = {"lexical": "tab:blue", "semantic": "tab:orange", "hybrid": "tab:green"}


def _figure(columns: int) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(1, columns, figsize=(4.2 * columns, 3.2), dpi=90, squeeze=False)


def _save(figure: Any, path: Path) -> None:
    import matplotlib.pyplot as plt

    figure.tight_layout()
    figure.savefig(path, format="png")
    plt.close(figure)


def latency_plot(result: LatencyBench, path: Path) -> None:
    """p50 (dashed) and p95 (solid) against the number of clients, one panel per store."""
    figure, axes = _figure(len(result.stores))
    for axis, store in zip(axes[0], result.stores, strict=True):
        for mode, colour in _STYLE.items():
            runs = sorted((r for r in store.runs if r.mode == mode), key=lambda r: r.concurrency)
            if not runs:
                continue
            clients = [r.concurrency for r in runs]
            for quantile, line in (("p95", "-o"), ("p50", "--")):
                latency = [getattr(r.latency, quantile) for r in runs]
                axis.plot(clients, latency, line, color=colour, label=f"{mode} {quantile}")
        axis.set_xscale("log", base=2)
        axis.set_yscale("log")
        axis.set_xticks(result.concurrency, [str(c) for c in result.concurrency])
        axis.set_xlabel("concurrent clients")
        axis.set_ylabel("latency (ms)")
        axis.set_title(f"{store.store} store")
        axis.grid(True, which="both", alpha=0.3)
    axes[0][0].legend(fontsize=7)
    _save(figure, path)


def recall_plot(result: KnnBench, path: Path) -> None:
    """HNSW recall@k against exact search, one line per collection size; beside it, when
    measured, recall@10 and p95 latency as ef_search varies."""
    curves = [size for size in result.sizes if size.curve]
    figure, axes = _figure(3 if curves else 1)
    axis = axes[0][0]
    ks = result.ks
    for size in result.sizes:
        axis.plot(ks, [size.recall[str(k)] for k in ks], "-o", label=f"{size.n:,} vectors")
    axis.set_xscale("log")
    axis.set_xticks(ks, [str(k) for k in ks])
    axis.set_xlabel("k")
    axis.set_ylabel("recall@k vs exact")
    axis.set_title(f"Lucene HNSW, ef_search {result.ef_search}")
    axis.grid(True, alpha=0.3)
    axis.legend(fontsize=8)
    if curves:
        _ef_panel(axes[0][1], curves, "recall@10 vs exact", lambda p: p.recall)
        _ef_panel(axes[0][2], curves, "p95 latency at k = 10 (ms)", lambda p: p.hnsw.p95)
        axes[0][2].set_yscale("log")
    _save(figure, path)


def _ef_panel(axis: Any, sizes: list[Any], label: str, value: Callable[[Any], float]) -> None:
    for size in sizes:
        efs = [point.ef_search for point in size.curve]
        axis.plot(efs, [value(point) for point in size.curve], "-o", label=f"{size.n:,}")
    axis.set_xscale("log", base=2)
    efs = [point.ef_search for point in sizes[0].curve]
    axis.set_xticks(efs, [str(ef) for ef in efs])
    axis.set_xlabel("ef_search")
    axis.set_ylabel(label)
    axis.set_title("as ef_search varies")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8)
