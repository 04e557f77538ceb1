"""unstructured partitions without network: the packaged spaCy model is loaded from disk."""

from __future__ import annotations

import pytest

from indexer.parse.offline import use_local_spacy_model


def test_spacy_model_loads_without_download(monkeypatch: pytest.MonkeyPatch) -> None:
    model = use_local_spacy_model()
    assert (model / "config.cfg").exists()
    import unstructured.nlp.tokenize as tokenize

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("unstructured tried to download the spaCy model")

    monkeypatch.setattr(tokenize, "_download_with_timeout", no_network)
    nlp = tokenize._load_spacy_model()
    assert [t.text for t in nlp("Điều 1. Phạm vi")][:2] == ["Điều", "1"]
    assert tokenize.pos_tag("Luật này quy định")  # the classifier path unstructured uses
