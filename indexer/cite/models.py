"""Typed results of citation finding: document numbers and article references."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocRef:
    """A document number found in text.

    ``key`` is the canonical single-token form (``"68_2006_qh11"``: lower case, đ→d, no
    leading zeros, parts joined by "_"); ``display`` the number as it should be shown
    (``"68/2006/QH11"``); ``kind`` the pattern kind (``"luat"``, ``"qcvn"``, …).
    """

    key: str
    display: str
    kind: str


@dataclass(frozen=True)
class ArticleRef:
    """A reference to Điều ``article`` (string: "2a" exists), optional khoản and điểm."""

    article: str
    clause: str | None = None
    point: str | None = None


@dataclass(frozen=True)
class DocMatch:
    """One document number located in a text: the reference, its span and its partial keys.

    The span covers the words naming the document when a pattern includes them
    ("luật 68/2006"); ``number_span`` covers the number only.

    ``partial_keys`` are shorter keys ("68_2006" for "68_2006_qh11") under which the
    document is also indexed, so that a number typed in part still matches.
    """

    ref: DocRef
    start: int
    end: int
    partial_keys: tuple[str, ...] = ()
    number_start: int | None = None

    @property
    def number_span(self) -> tuple[int, int]:
        """Span of the number itself, without the words before it ("Luật số")."""
        return (self.start if self.number_start is None else self.number_start, self.end)

    @property
    def keys(self) -> tuple[str, ...]:
        """The full key followed by the partial keys."""
        return (self.ref.key, *self.partial_keys)


@dataclass(frozen=True)
class ArticleMatch:
    """An article reference located in a text."""

    ref: ArticleRef
    start: int
    end: int
