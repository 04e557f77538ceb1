"""Session fixtures of real documents for the parser tests."""

from __future__ import annotations

import pytest
from parse_data import parse_all, raw

from indexer.models import ParsedDocument


@pytest.fixture(scope="session")
def field_docs() -> dict[str, ParsedDocument]:
    """The three field đề mục of the Bộ pháp điển (19.1, 19.4, 19.8), rebuilt by document."""
    docs, failures = parse_all(raw("phapdien/demuc_selected"))
    assert failures == []
    return docs


@pytest.fixture(scope="session")
def docx_docs() -> dict[str, ParsedDocument]:
    """The six DOCX laws."""
    docs, failures = parse_all(raw("docs_original_formats/docx"))
    assert failures == []
    return docs


@pytest.fixture(scope="session")
def text_pdf_docs() -> dict[str, ParsedDocument]:
    """The text-layer PDFs (QCVN 32:2026/BXD and NĐ 49/2026)."""
    pdf = raw("docs_original_formats/pdf")
    docs, failures = parse_all(pdf / "QCVN_32-2026-BXD_DSDT-Metro.pdf", pdf / "49-2026-ND-CP.pdf")
    assert failures == []
    return docs
