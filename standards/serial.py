"""Records as JSON-safe dictionaries and back, so a store can hold the whole catalogue.

A record document keeps its record in ``DocumentMeta.record`` (:mod:`standards.documents`);
the catalogue is rebuilt from those dictionaries alone (:func:`catalogue_from_records`).
``type`` tells the two kinds apart: ``"standard"`` (:class:`StandardRecord`) and
``"product"`` (:class:`ProductRecord`, with its ``position`` in the nhóm-2 list).

>>> record = StandardRecord.create("QCVN 4:2009/BKHCN", replaces=("QCVN 4:2008/BKHCN",))
>>> record_from_dict(record_to_dict(record)) == record
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields
from typing import Any

from standards.models import Catalogue, ProductRecord, StandardRecord

STANDARD = "standard"
PRODUCT = "product"


def _tuples(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``cls`` from ``data``, lists turned back into tuples; unknown keys
    (written by a newer version) are ignored."""
    names = {f.name for f in fields(cls)}
    return {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names}


def record_to_dict(record: StandardRecord) -> dict[str, Any]:
    """A standard record as a JSON-safe dictionary (``type`` "standard")."""
    return {"type": STANDARD, **asdict(record)}


def product_to_dict(product: ProductRecord, position: int) -> dict[str, Any]:
    """A nhóm-2 row as a JSON-safe dictionary (``type`` "product", its list ``position``)."""
    return {"type": PRODUCT, "position": position, **asdict(product)}


def record_from_dict(data: dict[str, Any]) -> StandardRecord:
    """The standard record of :func:`record_to_dict`."""
    return StandardRecord(**_tuples(StandardRecord, data))


def product_from_dict(data: dict[str, Any]) -> ProductRecord:
    """The nhóm-2 row of :func:`product_to_dict`."""
    return ProductRecord(**_tuples(ProductRecord, data))


def catalogue_from_records(records: Iterable[dict[str, Any]]) -> Catalogue:
    """The catalogue of stored record dictionaries (standards in any order, products in
    their list order); dictionaries of another type are ignored."""
    records = list(records)
    standards = [record_from_dict(r) for r in records if r.get("type") == STANDARD]
    products = sorted((r for r in records if r.get("type") == PRODUCT), key=lambda r: r["position"])
    return Catalogue(standards, [product_from_dict(p) for p in products])
