"""Synthetic vectors shaped like the corpus's own embeddings, for the kNN benchmark.

Uniform random unit vectors are a graph index's worst case (every distance alike) and say
little about real embeddings, which crowd into topics and vary along few directions. So the
benchmark samples a Gaussian mixture fitted to real passage embeddings: k-means centres with
their weights; the within-cluster residuals' principal axes (shared by every cluster) with
their spreads; a per-cluster scale; and isotropic noise carrying the variance the axes leave
out. Samples are normalised, like the embedder's output. :func:`neighbour_profile` compares a
real sample with a synthetic one of the same size, so the report can show they look alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.embed.base import Embedder
from indexer.store.sqlite import SqliteStore
from ingest.pipeline import Ingestor


def kmeans(points: np.ndarray, k: int, seed: int, rounds: int = 50) -> np.ndarray:
    """Cluster labels of ``points`` by Lloyd's k-means with k-means++ seeding."""
    rng = np.random.default_rng(seed)
    centres = [points[rng.integers(len(points))]]
    for _ in range(1, k):
        gaps = np.min([np.sum((points - c) ** 2, axis=1) for c in centres], axis=0)
        centres.append(points[rng.choice(len(points), p=gaps / gaps.sum())])
    centre = np.array(centres)
    labels = np.zeros(len(points), dtype=np.int64)
    norms = (points**2).sum(1)[:, None]
    for _ in range(rounds):
        distances = norms - 2 * points @ centre.T + (centre**2).sum(1)
        labels = np.argmin(distances, axis=1)
        for cluster in range(k):
            members = points[labels == cluster]
            if len(members):
                centre[cluster] = members.mean(axis=0)
    return labels


@dataclass(frozen=True)
class EmbeddingMixture:
    """A Gaussian mixture over unit vectors, fitted to a sample of real embeddings."""

    centres: np.ndarray
    weights: np.ndarray
    scales: np.ndarray
    axes: np.ndarray
    spreads: np.ndarray
    noise: float
    explained: float

    @classmethod
    def fit(
        cls, sample: np.ndarray, clusters: int = 32, rank: int = 64, seed: int = 0
    ) -> EmbeddingMixture:
        """Fit ``clusters`` components with ``rank`` shared principal axes to ``sample``."""
        sample = np.asarray(sample, dtype=np.float64)
        clusters = min(clusters, len(sample) // 4)
        labels = kmeans(sample, clusters, seed)
        kept = [c for c in range(clusters) if np.any(labels == c)]
        centres = np.array([sample[labels == c].mean(axis=0) for c in kept])
        counts = np.array([np.sum(labels == c) for c in kept], dtype=np.float64)
        residuals = sample - centres[np.searchsorted(kept, labels)]
        per_cluster = np.array([np.mean(np.sum(residuals[labels == c] ** 2, 1)) for c in kept])
        scales = np.sqrt(per_cluster / np.mean(np.sum(residuals**2, axis=1)))
        _, singular, right = np.linalg.svd(residuals, full_matrices=False)
        variances = singular**2 / len(sample)
        rank = min(rank, len(variances))
        left_over = max(variances.sum() - variances[:rank].sum(), 0.0)
        return cls(
            centres=centres,
            weights=counts / counts.sum(),
            scales=scales,
            axes=right[:rank],
            spreads=np.sqrt(variances[:rank]),
            noise=float(np.sqrt(left_over / sample.shape[1])),
            explained=float(variances[:rank].sum() / variances.sum()),
        )

    @property
    def dim(self) -> int:
        return int(self.centres.shape[1])

    def sample(self, n: int, seed: int, block: int = 50_000) -> np.ndarray:
        """``n`` unit vectors (float32) drawn from the mixture, in blocks to bound memory."""
        rng = np.random.default_rng(seed)
        out = np.empty((n, self.dim), dtype=np.float32)
        for start in range(0, n, block):
            size = min(block, n - start)
            cluster = rng.choice(len(self.weights), size=size, p=self.weights)
            along = rng.standard_normal((size, len(self.spreads))) * self.spreads
            rest = rng.standard_normal((size, self.dim)) * self.noise
            points = self.centres[cluster] + self.scales[cluster, None] * (along @ self.axes + rest)
            points /= np.linalg.norm(points, axis=1, keepdims=True)
            out[start : start + size] = points
        return out


@dataclass(frozen=True)
class NeighbourProfile:
    """Cosine statistics of one set of vectors: to its nearest other member, and between
    random pairs."""

    nearest_p50: float
    nearest_p10: float
    pair_mean: float


def neighbour_profile(vectors: np.ndarray) -> NeighbourProfile:
    """How close each vector lies to its nearest neighbour within ``vectors``, and how
    close random pairs lie (the mean of all pairs but the diagonal)."""
    cosines = vectors @ vectors.T
    np.fill_diagonal(cosines, -np.inf)
    nearest = cosines.max(axis=1)
    np.fill_diagonal(cosines, 0.0)
    pairs = len(vectors) * (len(vectors) - 1)
    return NeighbourProfile(
        nearest_p50=round(float(np.median(nearest)), 3),
        nearest_p10=round(float(np.quantile(nearest, 0.1)), 3),
        pair_mean=round(float(cosines.sum() / pairs), 3),
    )


@dataclass(frozen=True)
class MixtureFit:
    """What the synthetic vectors were fitted to, and how alike the two look."""

    sample: int
    clusters: int
    rank: int
    explained: float
    real: NeighbourProfile
    synthetic: NeighbourProfile


def fit_mixture(reference: np.ndarray, seed: int = 0) -> tuple[EmbeddingMixture, MixtureFit]:
    """The mixture fitted to ``reference`` embeddings, and its comparison with them (a
    synthetic sample of the same size)."""
    mixture = EmbeddingMixture.fit(reference, seed=seed)
    synthetic = mixture.sample(len(reference), seed=seed + 99)
    fit = MixtureFit(
        sample=len(reference),
        clusters=len(mixture.weights),
        rank=len(mixture.spreads),
        explained=round(mixture.explained, 3),
        real=neighbour_profile(reference),
        synthetic=neighbour_profile(synthetic),
    )
    return mixture, fit


def reference_embeddings(
    sources: Sequence[Path], directory: Path, embedder: Embedder, size: int
) -> np.ndarray:
    """Passage embeddings of ``size`` chunks spread through ``sources``, which are indexed
    lexically into an embedded store under ``directory`` to cut them into chunks."""
    store = SqliteStore(directory)
    try:
        Ingestor(store, None).ingest(list(sources))
        texts = [hit.chunk.embedding_text() for hit in store.scan()]
    finally:
        store.close()
    return embed_sample(embedder, texts, size)


def spread_sample(texts: Sequence[str], size: int) -> list[str]:
    """``size`` texts taken at even steps through ``texts`` (all of them if fewer)."""
    if len(texts) <= size:
        return list(texts)
    step = len(texts) / size
    return [texts[int(i * step)] for i in range(size)]


def embed_sample(embedder: Embedder, texts: Sequence[str], size: int) -> np.ndarray:
    """Passage embeddings of ``size`` texts spread evenly through ``texts``."""
    return np.asarray(embedder.embed_passages(spread_sample(texts, size)), dtype=np.float32)
