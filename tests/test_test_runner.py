"""The test runner keeps the promises the suite relies on."""

import pytest


@pytest.mark.xdist_group("runner-probe")
def test_loadgroup_keeps_a_group_on_one_worker(request: pytest.FixtureRequest) -> None:
    """The cluster tests share one cluster per worker only if ``--dist loadgroup`` groups them;
    a pytest/xdist pair that drops the group tag spreads them silently (pytest-xdist#1386)."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("runs under `pytest -n N --dist loadgroup` (make test)")
    assert request.node.nodeid.endswith("@runner-probe")
