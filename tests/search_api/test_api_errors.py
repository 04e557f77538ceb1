"""The error handlers on their own: JSON shape, field names, no stack trace on a crash."""

from __future__ import annotations

from fastapi import FastAPI, Query
from fastapi.testclient import TestClient

from indexer.store.base import StoreUnavailableError
from search_api.errors import ApiError, install_error_handlers


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    @app.get("/down")
    def down() -> None:
        raise StoreUnavailableError("node gone")

    @app.get("/teapot")
    def teapot() -> None:
        raise ApiError(418, "teapot", "Tôi là ấm trà", field="tea")

    @app.get("/typed")
    def typed(n: int = Query(ge=1)) -> int:
        return n

    return app


def test_an_unexpected_error_is_a_500_without_internals() -> None:
    response = TestClient(_app(), raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "Lỗi máy chủ; sự cố đã được ghi lại."}
    }
    assert "secret" not in response.text and "Traceback" not in response.text


def test_store_unavailable_is_503_with_retry_after() -> None:
    response = TestClient(_app()).get("/down")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["error"]["code"] == "store_unavailable"


def test_api_errors_keep_status_code_and_field() -> None:
    response = TestClient(_app()).get("/teapot")
    assert response.status_code == 418
    assert response.json() == {
        "error": {"code": "teapot", "message": "Tôi là ấm trà", "field": "tea"}
    }


def test_validation_errors_name_the_field() -> None:
    client = TestClient(_app())
    error = client.get("/typed", params={"n": 0}).json()["error"]
    assert (error["code"], error["field"]) == ("invalid_parameter", "n")
    assert client.get("/typed").json()["error"]["field"] == "n"


def test_unknown_paths_and_methods_are_json() -> None:
    client = TestClient(_app())
    assert client.get("/khong-co").json() == {
        "error": {"code": "not_found", "message": "Không tìm thấy trang hoặc tài nguyên này."}
    }
    response = client.post("/typed")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
