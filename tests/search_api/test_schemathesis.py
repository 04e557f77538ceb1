"""Property-based: every operation of our OpenAPI schema, fed schema-valid (positive) and
schema-breaking (negative) data by schemathesis, never answers 5xx and always answers what
the schema documents.

(Schemathesis's own pytest integration, ``from_fixture``/``parametrize``, does not run under
pytest 9, so the test walks the operations itself with schemathesis's Hypothesis strategies.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.case import Case
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.specs.openapi.schemas import OpenApiSchema

from indexer.embed.cache import CachedEmbedder
from indexer.store.sqlite import SqliteStore
from kb.app import create_app
from search_api.service import SearchService
from search_api.settings import ApiSettings

EXAMPLES_PER_OPERATION = 25


@pytest.fixture(scope="module")
def api_schema(
    field_sqlite_store: SqliteStore,
    embedder: CachedEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> OpenApiSchema:
    """Our schema over the ASGI app on the field corpus. With no admin key configured,
    ingest and delete are exercised up to their 403 and never change the shared store."""
    home = tmp_path_factory.mktemp("schemathesis")
    app = create_app(
        ApiSettings(
            home=home, api_key=None, rate_limit_per_minute=0, admin_rate_limit_per_minute=0
        ),
        SearchService(field_sqlite_store, embedder),
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _check(case: Case) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_conforms(api_schema: OpenApiSchema, mode: GenerationMode) -> None:
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        inputs = (operation.path_parameters, operation.query, operation.headers, operation.body)
        if mode is GenerationMode.NEGATIVE and not any(len(p) for p in inputs):
            continue  # nothing to break in /healthz, /readyz, /metrics

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Case) -> None:
            _check(case)

        try:
            run()
        except Exception as error:  # collect every failing operation, then fail once
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
